// A job retried by the queue re-runs the checks from the start; runs the failed try already
// posted must not be posted twice (each POST would make a second run on the commit).
import './without-sync.js';
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { HEAD_SHA, pullRequestPayload } from '../helpers/payloads-checks.js';
import { API, CHECK_RUNS, checkRunWrites, fixture, mockCheckRunWrites, mockConfig, mockPlan, mockPullFiles } from './github-mock.js';
import type { DeliveryProcessor, JobQueue } from '../../src/queue/types.js';

const { createTestApp, recordRequests, resetNock } = await import('../helpers/probot.js');

const PATH = 'specs/001-user-auth/plan.md';

/** A queue that runs every delivery as the given try of its job. */
function queueRunningAttempt(attempt: number) {
  return (processor: DeliveryProcessor): JobQueue => ({
    enqueue: (delivery, _key, reuse) => processor(delivery, reuse, attempt),
    onIdle: async () => undefined,
    close: async () => undefined,
  });
}

describe('checks on a retried job', () => {
  beforeEach(resetNock);

  it('lists the runs on the commit and posts only the one the failed try did not', async () => {
    // First, what a clean first try posts, to know the exact bodies.
    const first = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('partial-plan.md'));
    mockCheckRunWrites();
    await createTestApp().probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);
    const [planRun] = checkRunWrites(first).map((write) => write.body as any);
    expect(planRun.name).toBe('planbot / plan');

    // The retry: the failed try had posted `planbot / plan` only.
    nock.cleanAll();
    const retry = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('partial-plan.md'));
    nock(API)
      .get(`/repos/acme/web/commits/${HEAD_SHA}/check-runs`)
      .query({ filter: 'latest', per_page: '100' })
      .reply(200, {
        total_count: 1,
        check_runs: [
          {
            id: 1,
            name: planRun.name,
            status: 'completed',
            conclusion: planRun.conclusion,
            external_id: planRun.external_id,
            output: { title: planRun.output.title, summary: planRun.output.summary, text: null, annotations_count: planRun.output.annotations?.length ?? 0 },
          },
        ],
      });
    mockCheckRunWrites();
    const { probot } = createTestApp({ createQueue: queueRunningAttempt(2) });
    await probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);

    const posts = retry.filter((request) => request.method === 'POST' && request.path.startsWith(CHECK_RUNS));
    expect(posts.map((request) => (request.body as any).name)).toEqual(['planbot / quality gates']);
    expect(retry.filter((request) => request.method === 'PATCH')).toEqual([]);
  });

  it('a first try does not list the runs on the commit (no extra request)', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('partial-plan.md'));
    mockCheckRunWrites();
    const { probot } = createTestApp({ createQueue: queueRunningAttempt(1) });
    await probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);
    expect(requests.some((request) => request.path.includes('/check-runs?'))).toBe(false);
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(2);
  });
});
