// spec-kit restarts T001 in every feature: a task's identity is its feature (and plan) plus its id.
// spec-kit's own tasks-to-issues step skips valid tasks because its key is the id alone.
import { describe, expect, it } from '@jest/globals';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { defaultConfig } from '../../src/config/schema.js';
import { readMarker } from '../../src/sync/marker.js';
import type { Job } from '../../src/job/job.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { MemoryGitHub } from '../helpers/memory-github.js';
import { memoryJob } from '../helpers/memory-job.js';

const plan = (feature: string) => `# Implementation Plan: ${feature}\n\n**Branch**: \`${feature}\`\n\n## Summary\n\nA feature.\n`;
const tasks = (first: string, ticked: boolean) =>
  `# Tasks\n\n## Phase 1: Setup\n\n- [${ticked ? 'X' : ' '}] T001 [P] ${first}\n- [ ] T002 [US1] Second task\n`;

const job = (github: MemoryGitHub): Job => memoryJob(github, { id: 'identity-1', name: 'push', payload: pushPayload() });

const target = (feature: string): SyncTarget => ({
  owner: 'acme',
  repo: 'web',
  feature,
  planPath: `specs/${feature}/plan.md`,
  ref: feature,
  branchForLinks: feature,
  author: 'octocat',
});

describe('task identity is scoped to the feature', () => {
  it('two features with the same T001 get their own issues, and a tick in one never reaches the other', async () => {
    // Each feature on its own branch.
    const github = new MemoryGitHub({ firstNumber: 11 }).setConfig('{}\n').createBranch('001-login').createBranch('002-search');
    github.setFile('specs/001-login/plan.md', plan('001-login'), '001-login');
    github.setFile('specs/001-login/tasks.md', tasks('Create the login package', false), '001-login');
    github.setFile('specs/002-search/plan.md', plan('002-search'), '002-search');
    github.setFile('specs/002-search/tasks.md', tasks('Create the search index', false), '002-search');

    const config = defaultConfig();
    const login = await syncFeature(job(github), target('001-login'), { config });
    const search = await syncFeature(job(github), target('002-search'), { config });
    expect([login.status, search.status]).toEqual(['synced', 'synced']);

    const phaseOf = (feature: string) => github.issues.find((issue) => readMarker(issue.body)?.feature === feature && readMarker(issue.body)?.phase === '1')!;
    expect(phaseOf('001-login').body).toContain('- [ ] T001 \\[P\\] Create the login package');
    expect(phaseOf('002-search').body).toContain('- [ ] T001 \\[P\\] Create the search index');
    expect(github.issues).toHaveLength(4);

    // Feature 002 ticks its T001: only its own issue changes.
    const loginBefore = github.issues.filter((issue) => readMarker(issue.body)?.feature === '001-login').map((issue) => ({ ...issue }));
    github.setFile('specs/002-search/tasks.md', tasks('Create the search index', true), '002-search');
    const writesBefore = github.writes().length;
    await syncFeature(job(github), target('002-search'), { config });
    const changed = github.writes().slice(writesBefore);
    expect(changed.length).toBeGreaterThan(0);
    // No edit of 001-login's issues (an updateIssue names the issue's number after `where`).
    const loginNumbers = [phaseOf('001-login').number, loginBefore.find((issue) => readMarker(issue.body)?.tracking)!.number];
    expect(changed.filter((write) => write.method === 'updateIssue' && loginNumbers.includes(write.args[1] as number))).toEqual([]);
    expect(phaseOf('002-search').body).toContain('- [x] T001 \\[P\\] Create the search index');
    expect(phaseOf('001-login').body).toContain('- [ ] T001 \\[P\\] Create the login package');
    expect(github.issues.filter((issue) => readMarker(issue.body)?.feature === '001-login')).toEqual(loginBefore);
  });
});
