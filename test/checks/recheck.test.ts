import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { recheckPullRequest } from '../../src/checks/recheck.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';
import { HEAD_SHA, pullRequestResource } from '../helpers/payloads-checks.js';
import { API, CHECK_RUNS, REPO_CONFIG, contentsPath, createdRuns, fixture, mockCheckRunWrites, mockConfig, mockPlan, mockPullFiles, requestLines } from './github-mock.js';

const PATH = 'specs/001-user-auth/plan.md';

describe('recheckPullRequest', () => {
  beforeEach(resetNock);

  it('fetches the pull request, evaluates its head and always posts', async () => {
    const requests = recordRequests();
    nock(API).get('/repos/acme/web/pulls/7').reply(200, pullRequestResource());
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('partial-plan.md'));
    mockCheckRunWrites();
    const { context } = await createTestContext();

    await recheckPullRequest(jobFromContext(context), 7);

    expect(requestLines(requests)).toEqual([
      'GET /repos/acme/web/pulls/7',
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      `GET ${contentsPath(PATH)}?ref=${HEAD_SHA}`,
      `POST ${CHECK_RUNS}`,
      `POST ${CHECK_RUNS}`,
    ]);
    expect(createdRuns(requests).get('planbot / plan')).toMatchObject({ conclusion: 'failure', head_sha: HEAD_SHA, external_id: 'pr-7' });
  });
});
