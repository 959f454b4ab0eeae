// spec-kit restarts T001 in every feature: a task's identity is its feature (and plan) plus its id.
// spec-kit's own tasks-to-issues step skips valid tasks because its key is the id alone.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Context, ProbotOctokit } from 'probot';
import pino from 'pino';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { KeyedMutex, setFeatureLock } from '../../src/sync/feature-lock.js';
import { defaultConfig } from '../../src/config/schema.js';
import { ConditionalCache, useConditionalRequests } from '../../src/github/conditional-requests.js';
import { readMarker } from '../../src/sync/marker.js';
import { resetNock } from '../helpers/probot.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { FakeGitHub } from './fake-github.js';

const plan = (feature: string) => `# Implementation Plan: ${feature}\n\n**Branch**: \`${feature}\`\n\n## Summary\n\nA feature.\n`;
const tasks = (first: string, ticked: boolean) =>
  `# Tasks\n\n## Phase 1: Setup\n\n- [${ticked ? 'X' : ' '}] T001 [P] ${first}\n- [ ] T002 [US1] Second task\n`;

function context(): Context {
  const octokit = new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({ auth: { token: 'test' } } as any);
  useConditionalRequests(octokit as any, new ConditionalCache(), '4242');
  return new Context({ id: 'identity-1', name: 'push', payload: pushPayload() } as any, octokit as any, pino({ level: 'silent' }) as any);
}

const target = (feature: string): SyncTarget => ({
  owner: 'acme',
  repo: 'web',
  feature,
  planPath: `specs/${feature}/plan.md`,
  ref: feature,
  branchForLinks: feature,
  author: 'octocat',
});

beforeEach(resetNock);
afterEach(() => setFeatureLock(new KeyedMutex()));

describe('task identity is scoped to the feature', () => {
  it('two features with the same T001 get their own issues, and a tick in one never reaches the other', async () => {
    const fake = new FakeGitHub({ firstNumber: 11 }).install();
    fake.config = '{}\n';
    fake.files.set('specs/001-login/plan.md', plan('001-login'));
    fake.files.set('specs/001-login/tasks.md', tasks('Create the login package', false));
    fake.files.set('specs/002-search/plan.md', plan('002-search'));
    fake.files.set('specs/002-search/tasks.md', tasks('Create the search index', false));

    const config = defaultConfig();
    const login = await syncFeature(context(), target('001-login'), { config });
    const search = await syncFeature(context(), target('002-search'), { config });
    expect([login.status, search.status]).toEqual(['synced', 'synced']);

    const phaseOf = (feature: string) => fake.issues.find((issue) => readMarker(issue.body)?.feature === feature && readMarker(issue.body)?.phase === '1')!;
    expect(phaseOf('001-login').body).toContain('- [ ] T001 \\[P\\] Create the login package');
    expect(phaseOf('002-search').body).toContain('- [ ] T001 \\[P\\] Create the search index');
    expect(fake.issues).toHaveLength(4);

    // Feature 002 ticks its T001: only its own issue changes.
    const loginBefore = fake.issues.filter((issue) => readMarker(issue.body)?.feature === '001-login').map((issue) => ({ ...issue }));
    fake.files.set('specs/002-search/tasks.md', tasks('Create the search index', true));
    const writesBefore = fake.writes().length;
    await syncFeature(context(), target('002-search'), { config });
    const changed = fake.writes().slice(writesBefore).map((write) => write.path);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((path) => ![phaseOf('001-login').number, loginBefore.find((issue) => readMarker(issue.body)?.tracking)!.number].some((n) => path.endsWith(`/issues/${n}`)))).toBe(true);
    expect(phaseOf('002-search').body).toContain('- [x] T001 \\[P\\] Create the search index');
    expect(phaseOf('001-login').body).toContain('- [ ] T001 \\[P\\] Create the login package');
    expect(fake.issues.filter((issue) => readMarker(issue.body)?.feature === '001-login')).toEqual(loginBefore);
  });
});
