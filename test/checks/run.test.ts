// The pipeline without its last step: evaluateCommit reads what it must and answers the writes it
// would make, as plain data, and writes nothing. evaluateAndPost sends exactly those writes.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { evaluateAndPost, evaluateCommit } from '../../src/checks/run.js';
import { pullTarget } from '../../src/checks/targets.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';
import { HEAD_SHA, pullRequestPayload, pullRequestResource } from '../helpers/payloads-checks.js';
import { CHECK_RUNS, REPO_CONFIG, checkRunWrites, contentsPath, fixture, mockCheckRunWrites, mockConfig, mockPlan, mockPullFiles, requestLines } from './github-mock.js';

const PATH = 'specs/001-user-auth/plan.md';

async function pullJob() {
  const { context } = await createTestContext(pullRequestPayload('opened'));
  return jobFromContext(context);
}

describe('evaluateCommit', () => {
  beforeEach(resetNock);

  it('answers the check-run writes as plain data and sends none', async () => {
    const requests = recordRequests();
    mockConfig('checks:\n  per_gate: false\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('partial-plan.md'));
    const job = await pullJob();

    const evaluation = await evaluateCommit(job, pullTarget(job, pullRequestResource(), { skipUnchanged: false }));

    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, 'GET /repos/acme/web/pulls/7/files?per_page=100', `GET ${contentsPath(PATH)}?ref=${HEAD_SHA}`]);
    expect(evaluation?.unchanged).toEqual([]);
    expect(evaluation?.writes.map((write) => [write.kind, write.name])).toEqual([
      ['create-check-run', 'planbot / plan'],
      ['create-check-run', 'planbot / quality gates'],
    ]);
    expect(evaluation?.writes[0]).toMatchObject({ headSha: HEAD_SHA, externalId: 'pr-7', conclusion: 'failure' });
    expect(JSON.parse(JSON.stringify(evaluation?.writes))).toEqual(evaluation?.writes);
  });

  it('is null, reading only the configuration, when checks are off', async () => {
    const requests = recordRequests();
    mockConfig('checks:\n  enabled: false\n');
    const job = await pullJob();
    expect(await evaluateCommit(job, pullTarget(job, pullRequestResource(), { skipUnchanged: false }))).toBeNull();
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`]);
  });
});

describe('evaluateAndPost', () => {
  beforeEach(resetNock);

  it('sends the writes evaluateCommit answers, in order', async () => {
    mockConfig('checks:\n  per_gate: false\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('partial-plan.md'));
    const job = await pullJob();
    const planned = (await evaluateCommit(job, pullTarget(job, pullRequestResource(), { skipUnchanged: false })))?.writes ?? [];

    const requests = recordRequests();
    mockCheckRunWrites();
    // The same job: its plans are memoised, so only the writes remain.
    const result = await evaluateAndPost(job, pullTarget(job, pullRequestResource(), { skipUnchanged: false }));

    expect(result).toEqual({ posted: ['planbot / plan', 'planbot / quality gates'], unchanged: [] });
    const writes = checkRunWrites(requests);
    expect(writes.map((write) => `${write.method} ${write.path}`)).toEqual([`POST ${CHECK_RUNS}`, `POST ${CHECK_RUNS}`]);
    expect(writes.map((write) => (write.body as any).name)).toEqual(planned.map((write) => write.name));
    expect((writes[0].body as any).output.annotations).toEqual(planned[0].output.annotations);
  });
});
