// spec-kit 1.0: a pull request's features are the spec directories it changes, whatever the branch
// is called; the branch-name rule applies on top. Checklists in those directories are read as gates.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { loadPullRequestPlans } from '../../src/changed-plans/load-plans.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';
import { REPO_CONFIG, contentsPath, fixture, mockConfig, mockPlan, mockPullFiles, requestLines } from '../checks/github-mock.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const pr = (headRef: string) => ({ number: 7, head: { ref: headRef, sha: SHA } });
const FILES = `GET /repos/acme/web/pulls/7/files?per_page=100`;
const read = (path: string) => `GET ${contentsPath(path)}?ref=${SHA}`;
const CHECKLIST = '# Requirements Checklist: Login Page\n\n- [x] CHK001 Are all fields specified?\n- [ ] CHK002 Is lockout defined?\n';

describe('loadPullRequestPlans: features are the spec directories a pull request changes', () => {
  beforeEach(resetNock);

  it('a branch with no feature id that changes only tasks.md and a checklist gets its feature’s plan checked, and the checklist read', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, ['src/login.ts', 'specs/003-login-page/tasks.md', 'specs/003-login-page/checklists/requirements.md']);
    mockPlan('specs/003-login-page/plan.md', fixture('complete-plan.md'));
    mockPlan('specs/003-login-page/checklists/requirements.md', CHECKLIST);
    const job = jobFromContext((await createTestContext()).context);

    const result = await loadPullRequestPlans(job, pr('feature/login-page'));

    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      FILES,
      read('specs/003-login-page/plan.md'),
      read('specs/003-login-page/checklists/requirements.md'),
    ]);
    expect(result).toMatchObject({ feature: null, expectedPath: null, missing: false, readErrors: [] });
    expect(result.plans.map((plan) => [plan.path, plan.feature])).toEqual([['specs/003-login-page/plan.md', '003-login-page']]);
    expect(result.checklists?.map((checklist) => [checklist.path, checklist.gate.name, checklist.gate.status])).toEqual([
      ['specs/003-login-page/checklists/requirements.md', 'Requirements Checklist: Login Page', 'pending'],
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a spec directory without a plan yet (only spec.md) is no error: nothing to check, nothing reported', async () => {
    mockConfig('{}\n');
    mockPullFiles(7, ['specs/004-search/spec.md', 'specs/004-search/checklists/requirements.md']);
    mockPlan('specs/004-search/plan.md', null);
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr('search'));
    expect(result).toMatchObject({ plans: [], readErrors: [], missing: false });
    // Checklists are judged next to a plan: none is read while the feature has none.
    expect(result.checklists ?? []).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('monorepos: several spec-kit projects, found with no configuration', async () => {
    const requests = recordRequests();
    mockConfig(null);
    mockPullFiles(7, ['apps/web/specs/001-tour/tasks.md', 'apps/api/specs/001-tour/plan.md', 'apps/api/specs/001-tour/checklists/api.md']);
    mockPlan('apps/web/specs/001-tour/plan.md', fixture('complete-plan.md'));
    mockPlan('apps/api/specs/001-tour/plan.md', fixture('gates-plan.md'));
    mockPlan('apps/api/specs/001-tour/checklists/api.md', '# API Checklist\n\n- [x] CHK001 Versioned?\n');
    const job = jobFromContext((await createTestContext()).context);

    const result = await loadPullRequestPlans(job, pr('tour'));

    expect(result.plans.map((plan) => [plan.path, plan.feature])).toEqual([
      ['apps/api/specs/001-tour/plan.md', '001-tour'],
      ['apps/web/specs/001-tour/plan.md', '001-tour'],
    ]);
    expect(result.checklists?.map((checklist) => [checklist.path, checklist.gate.status])).toEqual([['apps/api/specs/001-tour/checklists/api.md', 'pass']]);
    expect(requestLines(requests).filter((line) => line.includes('/contents/apps'))).toHaveLength(3);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('the branch-name rule still applies on top: a feature branch whose plan is absent is missing, beside the directories it changes', async () => {
    mockConfig('{}\n');
    mockPullFiles(7, ['specs/003-login-page/plan.md']);
    mockPlan('specs/009-billing/plan.md', null);
    mockPlan('specs/003-login-page/plan.md', fixture('complete-plan.md'));
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr('009-billing'));
    expect(result).toMatchObject({ expectedPath: 'specs/009-billing/plan.md', missing: true, readErrors: [] });
    expect(result.plans.map((plan) => plan.feature)).toEqual(['003-login-page']);
  });

  it('deleted files name no feature, and removed checklists are not read', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [
      { filename: 'specs/002-old/tasks.md', status: 'removed' },
      'specs/003-login-page/plan.md',
      { filename: 'specs/003-login-page/checklists/old.md', status: 'removed' },
    ]);
    mockPlan('specs/003-login-page/plan.md', fixture('complete-plan.md'));
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr('login'));
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, read('specs/003-login-page/plan.md')]);
    expect(result.checklists ?? []).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a configured plan.glob that does not cover spec directories keeps them out', async () => {
    const requests = recordRequests();
    mockConfig('plan:\n  glob: "docs/plans/*.md"\n');
    mockPullFiles(7, ['specs/003-login-page/tasks.md']);
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr('login'));
    expect(result.plans).toEqual([]);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES]);
  });
});
