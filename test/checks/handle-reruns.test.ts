// Re-runs (check_run / check_suite rerequested) and merge queues (merge_group.checks_requested).
import './without-sync.js';
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { BASE_SHA, HEAD_SHA, checkRunPayload, checkSuitePayload, mergeGroupPayload, pullRequestResource } from '../helpers/payloads-checks.js';
import {
  API,
  CHECK_RUNS,
  REPO_CONFIG,
  checkRunWrites,
  contentsPath,
  createdRuns,
  fixture,
  mockCheckRunWrites,
  mockConfig,
  mockPlan,
  mockPullFiles,
  requestLines,
} from './github-mock.js';

const { createTestApp, recordRequests, resetNock } = await import('../helpers/probot.js');

const PATH = 'specs/001-user-auth/plan.md';
const FILES = 'GET /repos/acme/web/pulls/7/files?per_page=100';
const CREATE = `POST ${CHECK_RUNS}`;
const GROUP_SHA = '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d';

function mockPullRequest(pullNumber = 7, options: Parameters<typeof pullRequestResource>[0] = {}): void {
  nock(API).get(`/repos/acme/web/pulls/${pullNumber}`).reply(200, pullRequestResource({ number: pullNumber, ...options }));
}

describe('re-runs', () => {
  beforeEach(resetNock);

  it('check_run.rerequested on planbot’s run evaluates the listed pull request again and posts', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('complete-plan.md'));
    mockCheckRunWrites();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'check_run',
      payload: checkRunPayload('rerequested', { name: 'planbot / plan', pulls: [{ number: 7, headRef: '001-user-auth' }] }),
    } as any);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, `GET ${contentsPath(PATH)}?ref=${HEAD_SHA}`, CREATE, CREATE]);
    expect([...createdRuns(requests).values()].map((run) => [run.name, run.conclusion, run.head_sha])).toEqual([
      ['planbot / plan', 'success', HEAD_SHA],
      ['planbot / quality gates', 'success', HEAD_SHA],
    ]);
  });

  it('check_run.rerequested of a fork’s pull request finds it through external_id', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullRequest(7, { fork: 'contrib/web-fork' });
    mockPullFiles(7, []);
    mockPlan(PATH, fixture('complete-plan.md'));
    mockCheckRunWrites();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'check_run',
      payload: checkRunPayload('rerequested', { name: 'planbot / quality gates', externalId: 'pr-7' }),
    } as any);
    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/7',
      FILES,
      `GET ${contentsPath(PATH)}?ref=${HEAD_SHA}`,
      CREATE,
      CREATE,
    ]);
  });

  it('check_run.rerequested on another app’s run is not planbot’s business', async () => {
    const requests = recordRequests();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'check_run',
      payload: checkRunPayload('rerequested', { name: 'build', pulls: [{ number: 7, headRef: '001-user-auth' }] }),
    } as any);
    expect(requests).toEqual([]);
  });

  it('check_suite.rerequested without pull requests in the payload looks them up by commit', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    nock(API)
      .get(`/repos/acme/web/commits/${HEAD_SHA}/pulls`)
      .query({ per_page: '100' })
      .reply(200, [pullRequestResource(), pullRequestResource({ number: 5, state: 'closed' })]);
    mockPullFiles(7, []);
    mockPlan(PATH, null);
    mockCheckRunWrites();
    await createTestApp().probot.receive({ id: 'd1', name: 'check_suite', payload: checkSuitePayload({}) } as any);
    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      `GET /repos/acme/web/commits/${HEAD_SHA}/pulls?per_page=100`,
      FILES,
      `GET ${contentsPath(PATH)}?ref=${HEAD_SHA}`,
      CREATE,
    ]);
    expect(createdRuns(requests).get('planbot / plan')).toMatchObject({ conclusion: 'action_required', external_id: 'pr-7' });
  });
});

describe('merge queues', () => {
  beforeEach(resetNock);

  it('merge_group.checks_requested posts the same checks on the merge group’s commit', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullRequest(7, { headRef: 'feat/001-user-auth' });
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('complete-plan.md'), GROUP_SHA);
    mockCheckRunWrites();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'merge_group',
      payload: mergeGroupPayload({ headSha: GROUP_SHA, headRef: `refs/heads/gh-readonly-queue/main/pr-7-${HEAD_SHA}` }),
    } as any);
    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/7',
      FILES,
      `GET ${contentsPath(PATH)}?ref=${GROUP_SHA}`,
      CREATE,
      CREATE,
    ]);
    const runs = [...createdRuns(requests).values()];
    expect(runs.map((run) => [run.name, run.conclusion, run.head_sha, run.actions])).toEqual([
      ['planbot / plan', 'success', GROUP_SHA, undefined],
      ['planbot / quality gates', 'success', GROUP_SHA, undefined],
    ]);
  });

  it('a merge group with nothing to check still reports (skipped), so required checks never block the queue', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullRequest(12, { headRef: 'fix-typo' });
    mockPullFiles(12, ['README.md']);
    mockCheckRunWrites();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'merge_group',
      payload: mergeGroupPayload({ headSha: GROUP_SHA, headRef: `refs/heads/gh-readonly-queue/main/pr-12-${HEAD_SHA}` }),
    } as any);
    const bodies = checkRunWrites(requests).map((write) => write.body as any);
    expect(bodies.map((body) => [body.name, body.conclusion, body.head_sha, body.output.title])).toEqual([
      ['planbot / plan', 'skipped', GROUP_SHA, 'Nothing to check'],
      ['planbot / quality gates', 'skipped', GROUP_SHA, 'Nothing to check'],
    ]);
  });

  it('a merge group branch naming no pull request falls back to the files between base and head', async () => {
    const requests = recordRequests();
    const other = 'apps/api/specs/002-export/plan.md';
    mockConfig('{}\n');
    nock(API).get(`/repos/acme/web/compare/${BASE_SHA}...${GROUP_SHA}`).reply(200, { files: [{ filename: other, status: 'modified' }] });
    mockPlan(other, fixture('gates-plan.md'), GROUP_SHA);
    mockCheckRunWrites();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'merge_group',
      payload: mergeGroupPayload({ headSha: GROUP_SHA, headRef: 'refs/heads/gh-readonly-queue/main/custom' }),
    } as any);
    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      `GET /repos/acme/web/compare/${BASE_SHA}...${GROUP_SHA}`,
      `GET ${contentsPath(other)}?ref=${GROUP_SHA}`,
      CREATE,
      CREATE,
    ]);
    const plan = createdRuns(requests).get('planbot / plan');
    expect(plan.external_id).toBeUndefined();
    expect(createdRuns(requests).get('planbot / quality gates').conclusion).toBe('failure');
  });

  it('a re-run of a check on a merge group commit evaluates the merge group again', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullRequest(7);
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('complete-plan.md'), GROUP_SHA);
    mockCheckRunWrites();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'check_run',
      payload: checkRunPayload('rerequested', { name: 'planbot / plan', headSha: GROUP_SHA, headBranch: `gh-readonly-queue/main/pr-7-${HEAD_SHA}` }),
    } as any);
    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/7',
      FILES,
      `GET ${contentsPath(PATH)}?ref=${GROUP_SHA}`,
      CREATE,
      CREATE,
    ]);
    expect([...createdRuns(requests).values()].every((run) => run.head_sha === GROUP_SHA && run.actions === undefined)).toBe(true);
  });
});
