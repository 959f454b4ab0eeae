import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { loadPullRequestPlans } from '../../src/changed-plans/load-plans.js';
import { MAX_PLANS_PER_PULL } from '../../src/changed-plans/candidates.js';
import { MAX_FILE_BYTES } from '../../src/github/errors.js';
import { PLAN_ANALYSIS_CACHE_BYTES, PlanAnalysisCache } from '../../src/plan/analysis-cache.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';
import { API, REPO_CONFIG, contentsPath, fixture, mockConfig, mockPlan, mockPullFiles, requestLines } from '../checks/github-mock.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const PATH = 'specs/001-user-auth/plan.md';
const pr = (headRef = 'feat/001-user-auth', number = 7) => ({ number, head: { ref: headRef, sha: SHA } });
const FILES = `GET /repos/acme/web/pulls/7/files?per_page=100`;
const read = (path: string) => `GET ${contentsPath(path)}?ref=${SHA}`;

describe('loadPullRequestPlans', () => {
  beforeEach(resetNock);

  it('reads the feature’s plan and every changed file matching the glob at the head SHA, nothing else', async () => {
    const requests = recordRequests();
    mockConfig('plan:\n  glob: "**/specs/*/plan.md"\n');
    mockPullFiles(7, ['src/app.ts', 'apps/api/specs/002-export/plan.md', { filename: 'apps/old/specs/003-x/plan.md', status: 'removed' }, 'specs/001-user-auth/spec.md']);
    mockPlan(PATH, fixture('complete-plan.md'));
    mockPlan('apps/api/specs/002-export/plan.md', fixture('gates-plan.md'));
    const job = jobFromContext((await createTestContext()).context);

    const result = await loadPullRequestPlans(job, pr());
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, read(PATH), read('apps/api/specs/002-export/plan.md')]);
    expect(result).toMatchObject({
      problems: [],
      feature: { feature: '001-user-auth', branch: 'feat/001-user-auth' },
      expectedPath: PATH,
      missing: false,
      readErrors: [],
      removedFiles: ['apps/old/specs/003-x/plan.md'],
      filesTruncated: false,
      headSha: SHA,
    });
    expect(result.changedFiles).toHaveLength(4);
    expect(result.plans.map((plan) => [plan.path, plan.feature, plan.ref, plan.model.gates.length])).toEqual([
      [PATH, '001-user-auth', SHA, 3],
      ['apps/api/specs/002-export/plan.md', '002-export', SHA, 5],
    ]);
    expect(result.plans[0].content).toBe(fixture('complete-plan.md'));
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a plan with more phases than GitHub allows sub-issues gets a sub-issue-limit finding, unless issues are off', async () => {
    const phases = Array.from({ length: 101 }, (_, i) => `### Phase ${i + 1}: Step ${i + 1}\n\n- [ ] task ${i + 1}\n`).join('\n');
    const plan = `# Implementation Plan: Big\n\n## Implementation Phases\n\n${phases}`;
    for (const [config, expected] of [['{}\n', 1], ['issues:\n  enabled: false\n', 0]] as const) {
      resetNock();
      mockConfig(config);
      mockPullFiles(7, [PATH]);
      mockPlan(PATH, plan);
      const job = jobFromContext((await createTestContext()).context);
      const result = await loadPullRequestPlans(job, pr());
      const limit = result.plans[0].model.findings.filter((finding) => finding.rule === 'sub-issue-limit');
      expect(limit).toHaveLength(expected);
      if (expected) expect(limit[0]).toMatchObject({ severity: 'warning', line: plan.split('\n').indexOf('### Phase 101: Step 101') + 1 });
    }
  });

  it('is memoised per job: the issue sync’s call costs no request', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('complete-plan.md'));
    const job = jobFromContext((await createTestContext()).context);
    const [first, second] = await Promise.all([loadPullRequestPlans(job, pr()), loadPullRequestPlans(job, pr())]);
    const third = await loadPullRequestPlans(job, pr());
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(requests).toHaveLength(3);
    expect([...job.caches.perJob.keys()]).toEqual([`changed-plans:pull:7:${SHA}:feat/001-user-auth`]);
  });

  it('a later event with the same plan text reuses its analysis (the job’s cache): same model, no second parse', async () => {
    const analyses = new PlanAnalysisCache(PLAN_ANALYSIS_CACHE_BYTES);
    const load = async () => {
      resetNock();
      mockConfig('{}\n');
      mockPullFiles(7, [PATH]);
      mockPlan(PATH, fixture('complete-plan.md'));
      const job = jobFromContext((await createTestContext()).context, { analyses });
      return loadPullRequestPlans(job, pr());
    };
    const first = await load();
    expect(analyses.stats()).toMatchObject({ hits: 0, misses: 1 });
    first.plans[0].model.phases.length = 0; // a handler changing its copy
    const second = await load();
    expect(analyses.stats()).toMatchObject({ hits: 1, misses: 1 });
    expect(second.plans[0].model.phases.length).toBeGreaterThan(0);
    expect(second.plans[0].model.gates).toHaveLength(3);
  });

  it('a feature branch without its plan is missing; the plan path is read once', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, ['src/app.ts']);
    mockPlan(PATH, null);
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr());
    expect(result).toMatchObject({ missing: true, plans: [], readErrors: [], expectedPath: PATH });
    expect(requests).toHaveLength(3);
  });

  it('a plan of the same feature elsewhere (monorepo) counts: not missing', async () => {
    mockConfig('{}\n');
    mockPullFiles(7, ['apps/web/specs/001-user-auth/plan.md']);
    mockPlan(PATH, null);
    mockPlan('apps/web/specs/001-user-auth/plan.md', fixture('complete-plan.md'));
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr());
    expect(result.missing).toBe(false);
    expect(result.plans.map((plan) => [plan.path, plan.feature])).toEqual([['apps/web/specs/001-user-auth/plan.md', '001-user-auth']]);
  });

  it('does not read a plan the pull request deletes', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [{ filename: PATH, status: 'removed' }]);
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr());
    expect(result.missing).toBe(true);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES]);
  });

  it('a non-feature branch touching no plan costs the config read and one page of files', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, ['README.md']);
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr('fix-typo'));
    expect(result).toMatchObject({ feature: null, expectedPath: null, plans: [], missing: false });
    expect(requests).toHaveLength(2);
  });

  it('records too-large and binary plans as read errors instead of parsing them', async () => {
    mockConfig('{}\n');
    mockPullFiles(7, [PATH, 'apps/x/specs/002-y/plan.md']);
    nock(API)
      .get(contentsPath(PATH))
      .query({ ref: SHA })
      .reply(200, { type: 'file', encoding: 'none', size: MAX_FILE_BYTES + 1, path: PATH, sha: 'big', content: '' });
    nock(API)
      .get(contentsPath('apps/x/specs/002-y/plan.md'))
      .query({ ref: SHA })
      .reply(200, { type: 'file', encoding: 'base64', size: 3, path: 'p', sha: 'bin', content: Buffer.from([0xff, 0, 1]).toString('base64') });
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr());
    expect(result.plans).toEqual([]);
    expect(result.missing).toBe(false);
    expect(result.readErrors).toEqual([
      { path: PATH, message: `${PATH} is ${MAX_FILE_BYTES + 1} bytes; planbot reads files up to ${MAX_FILE_BYTES} bytes` },
      { path: 'apps/x/specs/002-y/plan.md', message: 'apps/x/specs/002-y/plan.md is not a text file (binary data)' },
    ]);
  });

  it('a stray Windows-1252 byte is read as GitHub shows it: U+FFFD, an encoding finding on its line, the rest parsed', async () => {
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    const text = Buffer.concat([
      Buffer.from('# Implementation Plan: Export\n\n## GATES '),
      Buffer.from([0x97]),
      Buffer.from(' Project\n\n| Gate | Status |\n|---|---|\n| Unit tests | ✅ PASS |\n\n## Phase 1: Build\n\n- [ ] T001 write it\n'),
    ]);
    nock(API)
      .get(contentsPath(PATH))
      .query({ ref: SHA })
      .reply(200, { type: 'file', encoding: 'base64', size: text.length, path: PATH, sha: 'cp1252', content: text.toString('base64') });
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr());
    expect(result.readErrors).toEqual([]);
    const [plan] = result.plans;
    expect(plan.content).toContain('## GATES \uFFFD Project');
    expect(plan.model.findings.filter((finding) => finding.rule === 'encoding')).toMatchObject([{ line: 3 }]);
    expect(plan.model.gates.map((gate) => [gate.name, gate.status])).toEqual([['Unit tests', 'pass']]);
    expect(plan.model.phases.map((phase) => phase.tasks.length)).toEqual([1]);
  });

  it('a server error propagates (so the job is retried) and is not remembered', async () => {
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    nock(API).get(contentsPath(PATH)).query({ ref: SHA }).reply(502, { message: 'Bad Gateway' });
    const { context, logs } = await createTestContext();
    const job = jobFromContext(context);
    await expect(loadPullRequestPlans(job, pr())).rejects.toMatchObject({ status: 502 });
    expect(logs.some((line) => line.msg === 'could not read plan' && line.path === PATH)).toBe(true);

    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('complete-plan.md'));
    const retried = await loadPullRequestPlans(job, pr());
    expect(retried.plans).toHaveLength(1);
  });

  it('with an invalid config, lists and reads nothing', async () => {
    const requests = recordRequests();
    const text = 'checks:\n  per_gates: true\n';
    nock(API)
      .get(REPO_CONFIG)
      .times(2)
      .reply(200, text, { 'content-type': 'text/plain; charset=utf-8', etag: '"c1"' });
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr());
    expect(result.problems).toHaveLength(1);
    expect(result.plans).toEqual([]);
    expect(requests.every((request) => request.path === REPO_CONFIG)).toBe(true);
  });

  it('ignores a configured plan path that would leave the repository', async () => {
    const requests = recordRequests();
    mockConfig('plan:\n  path: "{branch}/plan.md"\n');
    mockPullFiles(7, []);
    const { context, logs } = await createTestContext();
    const job = jobFromContext(context);
    const result = await loadPullRequestPlans(job, pr('x/../001-user-auth'));
    expect(result).toMatchObject({ expectedPath: null, missing: false, plans: [] });
    expect(requests).toHaveLength(2);
    expect(logs.some((line) => line.msg === 'plan path for this branch leaves the repository; ignored')).toBe(true);
  });

  it(`checks at most ${MAX_PLANS_PER_PULL} plans and reports the rest`, async () => {
    mockConfig('{}\n');
    const paths = Array.from({ length: MAX_PLANS_PER_PULL + 1 }, (_, index) => `p${index}/specs/0${index}-x/plan.md`);
    mockPullFiles(7, paths);
    for (const path of paths.slice(0, MAX_PLANS_PER_PULL)) mockPlan(path, fixture('complete-plan.md'));
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr('fix-many'));
    expect(result.plans).toHaveLength(MAX_PLANS_PER_PULL);
    expect(result.readErrors).toEqual([
      { path: paths[MAX_PLANS_PER_PULL], message: `not checked: planbot checks at most ${MAX_PLANS_PER_PULL} plans per pull request` },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
