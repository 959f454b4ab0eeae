// syncFeature called directly, as `/planbot sync` and the "Sync issues" button do: the per-feature
// lock, preloaded plan and config, and the results callers show to people.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import type { FeatureLock } from '../../src/job/feature-lock.js';
import { defaultConfig } from '../../src/config/schema.js';
import type { Job } from '../../src/job/job.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { MemoryGitHub, WRITE_METHODS, type MemoryCall } from '../helpers/memory-github.js';
import { memoryJob } from '../helpers/memory-job.js';

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

const job = (github: MemoryGitHub): Job => memoryJob(github, { id: 'sync-1', name: 'push', payload: pushPayload() });

function repository(): MemoryGitHub {
  return new MemoryGitHub({ firstNumber: 11 }).setConfig('issues:\n  labels: [planbot]\n').createBranch('001-user-auth').setFile(PLAN_PATH, PLAN, '001-user-auth');
}

/** `method(arguments after where)`, and `→ error` when GitHub refused it: the request sequence. */
const lines = (github: MemoryGitHub, keep: (call: MemoryCall) => boolean = () => true) =>
  github.calls.filter(keep).map((call) => `${call.method}(${call.args.slice(1).join(', ')})${call.result === 'error' ? ' → error' : ''}`);
const reads = (call: MemoryCall) => !WRITE_METHODS.has(call.method);

describe('syncFeature', () => {
  it('reads config and plan itself when nothing is preloaded, and reports what it did', async () => {
    const github = repository();
    const result = await syncFeature(job(github), TARGET);
    // issues.source is `auto` by default: tasks.md is looked for (absent here: the plan's phases are used).
    expect(lines(github).slice(0, 4)).toEqual([
      'readConfigLayers(.github/planbot.yml)',
      `readFile(${PLAN_PATH}, 001-user-auth)`,
      'readFile(specs/001-user-auth/tasks.md, 001-user-auth)',
      'listLabelledIssues(planbot)',
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
    const again = await syncFeature(job(github), TARGET);
    expect(again).toMatchObject({ status: 'unchanged', writes: 0, tracking: { number: 14 } });
  });

  it('uses a preloaded plan and config: only the issue listing is read (and tasks.md, with issues.source auto)', async () => {
    const github = repository();
    const config = defaultConfig();
    await syncFeature(job(github), TARGET, { plan: { content: PLAN, blobSha: 'abc' }, config: { ...config, issues: { ...config.issues, source: 'plan' } } });
    expect(lines(github, reads)).toEqual(['listLabelledIssues(planbot)']);
    const auto = repository();
    await syncFeature(job(auto), TARGET, { plan: { content: PLAN, blobSha: 'abc' }, config });
    expect(lines(auto, reads)).toEqual(['readFile(specs/001-user-auth/tasks.md, 001-user-auth)', 'listLabelledIssues(planbot)']);
  });

  it('two syncs of one feature at once create one set of issues — and would not without the lock', async () => {
    const github = repository();
    const preloaded = { plan: { content: PLAN, blobSha: 'abc' }, config: defaultConfig() };
    const [a, b] = await Promise.all([syncFeature(job(github), TARGET, preloaded), syncFeature(job(github), TARGET, preloaded)]);
    expect([a.status, b.status].sort()).toEqual(['synced', 'unchanged']);
    expect(github.issues).toHaveLength(4);

    // The same race without the lock: the proof that the lock is what prevents duplicates.
    const unlocked = repository();
    const none: FeatureLock = { run: (_key, fn) => fn() };
    await Promise.all([syncFeature({ ...job(unlocked), lock: none }, TARGET, preloaded), syncFeature({ ...job(unlocked), lock: none }, TARGET, preloaded)]);
    expect(unlocked.issues.length).toBeGreaterThan(4);
  });

  it('says why it did nothing: disabled, invalid config, no plan', async () => {
    const github = repository();
    expect(await syncFeature(job(github), TARGET, { config: { ...defaultConfig(), issues: { ...defaultConfig().issues, enabled: false } } })).toMatchObject({
      status: 'disabled',
      writes: 0,
    });
    expect(github.calls).toEqual([]);

    github.setConfig('issues:\n  source: everything\n');
    expect(await syncFeature(job(github), TARGET)).toMatchObject({ status: 'invalid-config' });
    expect(github.writes()).toEqual([]);

    const empty = new MemoryGitHub();
    expect(await syncFeature(job(empty), TARGET)).toMatchObject({ status: 'no-plan', message: `There is no plan at ${PLAN_PATH} on 001-user-auth.` });
    expect(lines(empty)).toEqual(['readConfigLayers(.github/planbot.yml)', `readFile(${PLAN_PATH}, 001-user-auth)`]);
  });

  it('a repository with Issues turned off (410 on the listing): one request, a clear status, nothing thrown', async () => {
    const github = repository();
    github.fail('listLabelledIssues', 410, { message: 'Issues are disabled for this repo' });
    const config = defaultConfig();
    const result = await syncFeature(job(github), TARGET, { plan: { content: PLAN, blobSha: 'abc' }, config: { ...config, issues: { ...config.issues, source: 'plan' } } });
    expect(result).toMatchObject({ status: 'issues-off', message: 'Issues are turned off in acme/web, so there is nothing to sync to.', writes: 0 });
    expect(lines(github)).toEqual(['listLabelledIssues(planbot) → error']);
  });

  it('refuses a plan too large to parse with a clear message and no writes', async () => {
    const github = repository();
    // GitHub reports the size with the file; planbot refuses on that, before decoding anything.
    github.declaredSizes.set(PLAN_PATH, 5 * 1024 * 1024 + 1);
    const result = await syncFeature(job(github), TARGET);
    expect({ status: result.status, requests: lines(github) }).toEqual({
      status: 'unreadable',
      requests: ['readConfigLayers(.github/planbot.yml)', `readFile(${PLAN_PATH}, 001-user-auth) → error`],
    });
    expect(result.message).toMatch(/specs\/001-user-auth\/plan.md is \d+ bytes; planbot reads files up to 5242880 bytes/);
    expect(github.writes()).toEqual([]);
  });

  it('more phases than GitHub allows sub-issues: every phase gets an issue, the first 100 are linked, and the result carries the finding', async () => {
    const phases = Array.from({ length: 102 }, (_, n) => `### Phase ${n + 1}: Step ${n + 1}\n\n- [ ] Task ${n + 1}\n`);
    const github = repository();
    const plan = `# Plan\n\n## Implementation Phases\n\n${phases.join('\n')}`;
    const result = await syncFeature(job(github), TARGET, { plan: { content: plan, blobSha: 'abc' }, config: defaultConfig() });
    expect(github.issues).toHaveLength(103);
    expect(github.issue(113).subIssues).toHaveLength(100);
    expect(github.callsOf('addSubIssue')).toHaveLength(100);
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'sub-issue-limit', severity: 'warning', line: 405 }),
    ]);
    expect(github.issue(113).body).toContain('> GitHub allows 100 sub-issues per issue: the phases after the 100th are listed here but not linked as sub-issues.');
    const again = await syncFeature(job(github), TARGET, { plan: { content: plan, blobSha: 'abc' }, config: defaultConfig() });
    expect(again.status).toBe('unchanged');
  });
});
