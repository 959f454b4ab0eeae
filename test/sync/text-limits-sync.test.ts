// Issue 13, item 3: a plan with a 100,000-character phase heading. GitHub refuses (422, for good)
// any issue body over 65,536 characters or title over 256: every issue write planbot sends must
// fit, so the sync creates every phase issue instead of stopping after the first refusal.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Context, ProbotOctokit } from 'probot';
import pino from 'pino';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { KeyedMutex, setFeatureLock } from '../../src/sync/feature-lock.js';
import { resetNock } from '../helpers/probot.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { FakeGitHub } from './fake-github.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const TARGET: SyncTarget = { owner: 'acme', repo: 'web', feature: '001-user-auth', planPath: PLAN_PATH, ref: '001-user-auth', branchForLinks: '001-user-auth', author: 'octocat' };

function context(): Context {
  const octokit = new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({ auth: { token: 'test' } } as any);
  return new Context({ id: 'sync-limits', name: 'push', payload: pushPayload() } as any, octokit as any, pino({ level: 'silent' }) as any);
}

beforeEach(resetNock);
afterEach(() => setFeatureLock(new KeyedMutex()));

describe('issue sync within GitHub text limits', () => {
  it('a 100,000-character phase heading: all 5 phase issues and the tracking issue, every title and body within limits', async () => {
    const fake = new FakeGitHub({ firstNumber: 1 }).install();
    fake.config = 'issues:\n  labels: [planbot]\n';
    const phases = [1, 2, 3, 4, 5].map((n) => `### Phase ${n}: ${n === 2 ? 'Huge '.repeat(20_000) : `Step ${n}`}\n\n- [ ] T00${n} do @alice's part for #${n}\n`);
    fake.files.set(PLAN_PATH, `# Implementation Plan: User Auth\n\n## Implementation Phases\n\n${phases.join('\n')}`);

    const result = await syncFeature(context(), TARGET);

    expect(result.status).toBe('synced');
    const issueWrites = fake.writes().filter((request) => /\/issues(\/\d+)?$/.test(request.path));
    const created = issueWrites.filter((request) => request.method === 'POST');
    expect(created).toHaveLength(6); // 5 phases + tracking
    for (const request of issueWrites) {
      const body = request.body as { title?: string; body?: string };
      if (body.title !== undefined) expect(body.title.length).toBeLessThanOrEqual(256);
      if (body.body !== undefined) expect(body.body.length).toBeLessThanOrEqual(65_536);
      // Nobody pinged, no other issue linked, from any of the text planbot wrote.
      expect((body.body ?? '').replace(/`[^`\n]+`/g, '')).not.toMatch(/@alice|for #\d/);
    }
    expect(created.some((request) => (request.body as { body: string }).body.includes('… (shortened)'))).toBe(true);
  });
});
