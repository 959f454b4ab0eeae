// Issue 13, item 3: a plan with a 100,000-character phase heading. GitHub refuses (422, for good)
// any issue body over 65,536 characters or title over 256: every issue write planbot sends must
// fit, so the sync creates every phase issue instead of stopping after the first refusal.
import { describe, expect, it } from '@jest/globals';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import type { NewIssue } from '../../src/github/github.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { MemoryGitHub } from '../helpers/memory-github.js';
import { memoryJob } from '../helpers/memory-job.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const TARGET: SyncTarget = { owner: 'acme', repo: 'web', feature: '001-user-auth', planPath: PLAN_PATH, ref: '001-user-auth', branchForLinks: '001-user-auth', author: 'octocat' };

describe('issue sync within GitHub text limits', () => {
  it('a 100,000-character phase heading: all 5 phase issues and the tracking issue, every title and body within limits', async () => {
    const github = new MemoryGitHub({ firstNumber: 1 }).setConfig('issues:\n  labels: [planbot]\n').createBranch('001-user-auth');
    const phases = [1, 2, 3, 4, 5].map((n) => `### Phase ${n}: ${n === 2 ? 'Huge '.repeat(20_000) : `Step ${n}`}\n\n- [ ] T00${n} do @alice's part for #${n}\n`);
    github.setFile(PLAN_PATH, `# Implementation Plan: User Auth\n\n## Implementation Phases\n\n${phases.join('\n')}`, '001-user-auth');

    const result = await syncFeature(memoryJob(github, { id: 'sync-limits', name: 'push', payload: pushPayload() }), TARGET);

    expect(result.status).toBe('synced');
    // Every issue create and edit: the title and body GitHub would receive.
    const issueWrites = github.writes().filter((call) => call.method === 'createIssue' || call.method === 'updateIssue');
    const sent = issueWrites.map((call) => call.args[call.method === 'createIssue' ? 1 : 2] as Partial<NewIssue>);
    const created = github.callsOf('createIssue').map((call) => call.args[1] as NewIssue);
    expect(created).toHaveLength(6); // 5 phases + tracking
    expect(sent.length).toBeGreaterThanOrEqual(6);
    for (const body of sent) {
      if (body.title !== undefined) expect(body.title.length).toBeLessThanOrEqual(256);
      if (body.body !== undefined) expect(body.body.length).toBeLessThanOrEqual(65_536);
      // Nobody pinged, no other issue linked, from any of the text planbot wrote.
      expect((body.body ?? '').replace(/`[^`\n]+`/g, '')).not.toMatch(/@alice|for #\d/);
    }
    expect(created.some((issue) => issue.body.includes('… (shortened)'))).toBe(true);
  });
});
