// syncFeature called directly, as `/planbot sync` and the "Sync issues" button do: the per-feature
// lock, preloaded plan and config, and the results callers show to people.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Context, ProbotOctokit } from 'probot';
import pino from 'pino';
import { readFileSync } from 'node:fs';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { KeyedMutex, setFeatureLock } from '../../src/sync/feature-lock.js';
import { defaultConfig } from '../../src/config/schema.js';
import { ConditionalCache, useConditionalRequests } from '../../src/github/conditional-requests.js';
import { resetNock } from '../helpers/probot.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { FakeGitHub } from './fake-github.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const PLAN = readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8');
const TARGET: SyncTarget = {
  owner: 'acme',
  repo: 'web',
  feature: '001-user-auth',
  planPath: PLAN_PATH,
  ref: '001-user-auth',
  branchForLinks: '001-user-auth',
  author: 'octocat',
};

function context(cache = new ConditionalCache()): Context {
  const octokit = new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({ auth: { token: 'test' } } as any);
  useConditionalRequests(octokit as any, cache, '4242');
  return new Context({ id: 'sync-1', name: 'push', payload: pushPayload() } as any, octokit as any, pino({ level: 'silent' }) as any);
}

function repository(): FakeGitHub {
  const fake = new FakeGitHub({ firstNumber: 11 }).install();
  fake.config = 'issues:\n  labels: [planbot]\n';
  fake.files.set(PLAN_PATH, PLAN);
  return fake;
}

beforeEach(resetNock);
afterEach(() => setFeatureLock(new KeyedMutex()));

describe('syncFeature', () => {
  it('reads config and plan itself when nothing is preloaded, and reports what it did', async () => {
    const fake = repository();
    const result = await syncFeature(context(), TARGET);
    // issues.source is `auto` by default: tasks.md is looked for (absent here: the plan's phases are used).
    expect(fake.lines().slice(0, 4)).toEqual([
      'GET /repos/acme/web/contents/.github/planbot.yml',
      `GET /repos/acme/web/contents/${PLAN_PATH}?ref=001-user-auth`,
      'GET /repos/acme/web/contents/specs/001-user-auth/tasks.md?ref=001-user-auth → 404',
      'GET /repos/acme/web/issues?labels=planbot&state=all&per_page=100',
    ]);
    expect(result).toMatchObject({
      status: 'synced',
      message: 'Synced 3 phase issues: 4 created, 0 updated.',
      tracking: { number: 14, url: 'https://github.com/acme/web/issues/14' },
      issues: [
        { phase: '0', number: 11, state: 'open' },
        { phase: '1', number: 12, state: 'open' },
        { phase: '2', number: 13, state: 'open' },
      ],
      writes: 9,
      fallbacks: [],
    });
    const again = await syncFeature(context(), TARGET);
    expect(again).toMatchObject({ status: 'unchanged', writes: 0, tracking: { number: 14 } });
  });

  it('uses a preloaded plan and config: only the issue listing is read (and tasks.md, with issues.source auto)', async () => {
    const fake = repository();
    const config = defaultConfig();
    await syncFeature(context(), TARGET, { plan: { content: PLAN, blobSha: 'abc' }, config: { ...config, issues: { ...config.issues, source: 'plan' } } });
    expect(fake.lines((request) => request.method === 'GET')).toEqual(['GET /repos/acme/web/issues?labels=planbot&state=all&per_page=100']);
    resetNock();
    const auto = repository();
    await syncFeature(context(), TARGET, { plan: { content: PLAN, blobSha: 'abc' }, config });
    expect(auto.lines((request) => request.method === 'GET')).toEqual([
      'GET /repos/acme/web/contents/specs/001-user-auth/tasks.md?ref=001-user-auth → 404',
      'GET /repos/acme/web/issues?labels=planbot&state=all&per_page=100',
    ]);
  });

  it('two syncs of one feature at once create one set of issues — and would not without the lock', async () => {
    const fake = repository();
    const preloaded = { plan: { content: PLAN, blobSha: 'abc' }, config: defaultConfig() };
    const [a, b] = await Promise.all([syncFeature(context(), TARGET, preloaded), syncFeature(context(), TARGET, preloaded)]);
    expect([a.status, b.status].sort()).toEqual(['synced', 'unchanged']);
    expect(fake.issues).toHaveLength(4);

    // The same race without the lock: the proof that the lock is what prevents duplicates.
    resetNock();
    const unlocked = repository();
    setFeatureLock({ run: (_key, fn) => fn() });
    await Promise.all([syncFeature(context(), TARGET, preloaded), syncFeature(context(), TARGET, preloaded)]);
    expect(unlocked.issues.length).toBeGreaterThan(4);
  });

  it('says why it did nothing: disabled, invalid config, no plan', async () => {
    const fake = repository();
    expect(await syncFeature(context(), TARGET, { config: { ...defaultConfig(), issues: { ...defaultConfig().issues, enabled: false } } })).toMatchObject({
      status: 'disabled',
      writes: 0,
    });
    expect(fake.log).toEqual([]);

    fake.config = 'issues:\n  source: everything\n';
    expect(await syncFeature(context(), TARGET)).toMatchObject({ status: 'invalid-config' });
    expect(fake.writes()).toEqual([]);

    resetNock();
    const empty = new FakeGitHub().install();
    expect(await syncFeature(context(), TARGET)).toMatchObject({ status: 'no-plan', message: `There is no plan at ${PLAN_PATH} on 001-user-auth.` });
    expect(empty.log.filter((request) => request.path.includes('/issues'))).toEqual([]);
  });

  it('a repository with Issues turned off (410 on the listing): one request, a clear status, nothing thrown', async () => {
    const fake = repository();
    fake.faults.push({ method: 'GET', path: /^\/repos\/acme\/web\/issues$/, status: 410, body: { message: 'Issues are disabled for this repo' } });
    const config = defaultConfig();
    const result = await syncFeature(context(), TARGET, { plan: { content: PLAN, blobSha: 'abc' }, config: { ...config, issues: { ...config.issues, source: 'plan' } } });
    expect(result).toMatchObject({ status: 'issues-off', message: 'Issues are turned off in acme/web, so there is nothing to sync to.', writes: 0 });
    expect(fake.lines()).toEqual(['GET /repos/acme/web/issues?labels=planbot&state=all&per_page=100 → 410']);
  });

  it('refuses a plan too large to parse with a clear message and no writes', async () => {
    const fake = repository();
    // GitHub reports the size with the file; planbot refuses on that, before decoding anything.
    fake.declaredSizes.set(PLAN_PATH, 5 * 1024 * 1024 + 1);
    const result = await syncFeature(context(), TARGET);
    expect({ status: result.status, requests: fake.lines() }).toEqual({
      status: 'unreadable',
      requests: [expect.stringContaining('planbot.yml'), `GET /repos/acme/web/contents/${PLAN_PATH}?ref=001-user-auth`],
    });
    expect(result.message).toMatch(/specs\/001-user-auth\/plan.md is \d+ bytes; planbot reads files up to 5242880 bytes/);
    expect(fake.writes()).toEqual([]);
  });

  it('more phases than GitHub allows sub-issues: every phase gets an issue, the first 100 are linked, and the result carries the finding', async () => {
    const phases = Array.from({ length: 102 }, (_, n) => `### Phase ${n + 1}: Step ${n + 1}\n\n- [ ] Task ${n + 1}\n`);
    const fake = repository();
    const plan = `# Plan\n\n## Implementation Phases\n\n${phases.join('\n')}`;
    const result = await syncFeature(context(), TARGET, { plan: { content: plan, blobSha: 'abc' }, config: defaultConfig() });
    expect(fake.issues).toHaveLength(103);
    expect(fake.issue(113).subIssues).toHaveLength(100);
    expect(fake.lines((request) => request.path.endsWith('sub_issues'))).toHaveLength(100);
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'sub-issue-limit', severity: 'warning', line: 405 }),
    ]);
    expect(fake.issue(113).body).toContain('> GitHub allows 100 sub-issues per issue: the phases after the 100th are listed here but not linked as sub-issues.');
    const again = await syncFeature(context(), TARGET, { plan: { content: plan, blobSha: 'abc' }, config: defaultConfig() });
    expect(again.status).toBe('unchanged');
  });
});
