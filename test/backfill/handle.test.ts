// The backfill at handler level: probot.receive of installation events, GitHub answered by nock,
// every request counted. Issue sync is off here (`issues.backfill: false`); the end-to-end test
// (test/e2e/backfill.test.ts) covers the issues against the simulator.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createRequire } from 'node:module';
import nock from 'nock';
import { createTestApp, recordRequests, resetNock } from '../helpers/probot.js';
import { HEAD_SHA, INSTALLATION_ID, pullRequestResource } from '../helpers/payloads-checks.js';
import { API, CHECK_RUNS, fixture, mockCheckRunWrites, mockConfig, mockPlan, mockPullFiles, REPO_CONFIG, requestLines, checkRunWrites } from '../checks/github-mock.js';
import { MemoryQueue } from '../../src/queue/memory-queue.js';
import { createMetrics, type PlanbotMetrics } from '../../src/metrics/registry.js';
import type { JobQueue } from '../../src/queue/types.js';

const require = createRequire(import.meta.url);
const examples = require('@octokit/webhooks-examples') as Array<{ name: string; examples: any[] }>;

const PLAN = 'specs/001-user-auth/plan.md';
const NO_ISSUES = 'issues:\n  backfill: false\n';
const OTHER_SHA = '1111111111111111111111111111111111111111';
const PULLS = '/repos/acme/web/pulls?state=open&per_page=100';
const LIST_RUNS = `/repos/acme/web/commits/${HEAD_SHA}/check-runs?filter=latest&per_page=100`;

function installationCreated(repositories: Array<{ id: number; full_name: string }>): any {
  const payload = structuredClone(examples.find((group) => group.name === 'installation')!.examples.find((example) => example.action === 'created'));
  payload.installation.id = INSTALLATION_ID;
  payload.repositories = repositories.map((repository) => ({ ...repository, name: repository.full_name.split('/')[1], node_id: 'x', private: false }));
  return payload;
}

function repositoriesAdded(repositories: Array<{ id: number; full_name: string }>): any {
  const payload = structuredClone(examples.find((group) => group.name === 'installation_repositories')!.examples.find((example) => example.action === 'added'));
  payload.installation.id = INSTALLATION_ID;
  payload.repositories_added = repositories.map((repository) => ({ ...repository, name: repository.full_name.split('/')[1], node_id: 'x', private: false }));
  return payload;
}

const WEB = { id: 186853002, full_name: 'acme/web' };
const API_REPO = { id: 186853003, full_name: 'acme/api' };

/** The app with the real in-memory queue (lanes, dedupe), retries recorded instead of waited. */
function appWithMemoryQueue() {
  const metrics = createMetrics({ defaultMetrics: false });
  const waits: number[] = [];
  let queue: JobQueue | null = null;
  const app = createTestApp({
    metrics,
    createQueue: (processor, _app, tools) =>
      new MemoryQueue(processor, {
        concurrency: 4,
        policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, maxRateLimitDelayMs: 3_600_000 },
        observer: tools.observer,
        dedupe: { maxEntries: 100, ttlMs: 60_000 },
        wait: async (ms) => void waits.push(ms),
      }),
    onQueue: (built) => (queue = built),
  });
  return { ...app, metrics, waits, idle: () => queue!.onIdle() };
}

async function metricLines(metrics: PlanbotMetrics, name: string): Promise<string[]> {
  return (await metrics.registry.getSingleMetricAsString(name)).split('\n').filter((line) => line.startsWith(name));
}

const writesOf = (requests: Array<{ method: string }>) => requests.filter((request) => request.method !== 'GET');

describe('backfill on installation', () => {
  beforeEach(resetNock);
  afterEach(() => nock.cleanAll());

  it('gives an open pull request with a plan both checks, skips one without, and catches up every repository', async () => {
    const requests = recordRequests();
    const { probot, metrics, logs, idle } = appWithMemoryQueue();
    mockConfig(NO_ISSUES);
    nock(API)
      .get('/repos/acme/web/pulls')
      .query({ state: 'open', per_page: '100' })
      .reply(200, [pullRequestResource({ number: 7 }), pullRequestResource({ number: 8, headRef: 'fix-readme', headSha: OTHER_SHA })]);
    nock(API).get('/repos/acme/api/pulls').query({ state: 'open', per_page: '100' }).reply(200, []);
    mockPullFiles(7, [PLAN, 'src/auth.ts']);
    mockPullFiles(8, ['README.md']);
    mockPlan(PLAN, fixture('complete-plan.md'));
    nock(API).get(`/repos/acme/web/commits/${HEAD_SHA}/check-runs`).query({ filter: 'latest', per_page: '100' }).reply(200, { total_count: 0, check_runs: [] });
    mockCheckRunWrites();

    await probot.receive({ id: 'install-1', name: 'installation', payload: installationCreated([WEB, API_REPO]) } as any);
    await idle();

    expect(requestLines(requests)).toEqual([
      `GET ${PULLS}`,
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      `GET /repos/acme/web/contents/${encodeURIComponent(PLAN)}?ref=${HEAD_SHA}`,
      `GET ${LIST_RUNS}`,
      `POST ${CHECK_RUNS}`,
      `POST ${CHECK_RUNS}`,
      // #8 changes no plan and is no feature branch: its config read is a free 304, then it is skipped.
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/8/files?per_page=100',
      'GET /repos/acme/api/pulls?state=open&per_page=100',
    ]);
    const posted = checkRunWrites(requests).map((write) => [(write.body as any).name, (write.body as any).head_sha, (write.body as any).status]);
    expect(posted).toEqual([
      ['planbot / plan', HEAD_SHA, 'completed'],
      ['planbot / quality gates', HEAD_SHA, 'completed'],
    ]);
    expect(nock.pendingMocks()).toEqual([]);

    // One line per repository, with what it cost.
    const done = logs.filter((line) => /^backfill: .* caught up/.test(line.msg));
    expect(done.map((line) => [line.msg, line.pulls, line.checked, line.skipped, line.writes])).toEqual([
      ['backfill: acme/web caught up (2 open pull requests, 1 checked)', 2, 1, 1, 2],
      ['backfill: acme/api caught up (0 open pull requests, 0 checked)', 0, 0, 0, 0],
    ]);
    expect(await metricLines(metrics, 'planbot_backfill_repositories_total')).toEqual([
      'planbot_backfill_repositories_total{state="queued"} 2',
      'planbot_backfill_repositories_total{state="done"} 2',
    ]);
    expect(await metricLines(metrics, 'planbot_backfill_pull_requests_total')).toEqual([
      'planbot_backfill_pull_requests_total{outcome="checked"} 1',
      'planbot_backfill_pull_requests_total{outcome="skipped"} 1',
    ]);
  });

  it('a redelivered installation event makes no request; a repeated one reads a little and writes nothing', async () => {
    const requests = recordRequests();
    const { probot, idle } = appWithMemoryQueue();
    mockConfig(NO_ISSUES);
    nock(API).persist().get('/repos/acme/web/pulls').query({ state: 'open', per_page: '100' }).reply(200, [pullRequestResource({ number: 7 })]);
    nock(API).persist().get('/repos/acme/web/pulls/7/files').query({ per_page: '100' }).reply(200, [{ filename: PLAN, status: 'modified' }]);
    mockPlan(PLAN, fixture('complete-plan.md'), HEAD_SHA, '"plan-v1"');
    // The check runs already on the head: none at first, then the ones planbot posted.
    const posted: any[] = [];
    nock(API)
      .persist()
      .get(`/repos/acme/web/commits/${HEAD_SHA}/check-runs`)
      .query({ filter: 'latest', per_page: '100' })
      .reply(() => [200, { total_count: posted.length, check_runs: posted }]);
    nock(API)
      .persist()
      .post(CHECK_RUNS)
      .reply(201, (_uri: string, body: any) => {
        const run = { id: posted.length + 1, name: body.name, head_sha: body.head_sha, status: 'completed', conclusion: body.conclusion, output: { ...body.output, annotations_count: body.output.annotations?.length ?? 0 } };
        posted.push(run);
        return run;
      });

    await probot.receive({ id: 'install-1', name: 'installation', payload: installationCreated([WEB]) } as any);
    await idle();
    expect(writesOf(requests)).toHaveLength(2);

    // GitHub (or a person) redelivers the same delivery: deduplicated before any work.
    requests.length = 0;
    await probot.receive({ id: 'install-1', name: 'installation', payload: installationCreated([WEB]) } as any);
    await idle();
    expect(requests).toEqual([]);

    // The repository is added again under a new delivery: every check run is already current.
    await probot.receive({ id: 'added-1', name: 'installation_repositories', payload: repositoriesAdded([WEB]) } as any);
    await idle();
    expect(writesOf(requests)).toEqual([]);
    expect(requestLines(requests)).toEqual([
      `GET ${PULLS}`,
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      // The plan at this head was read and analysed already: not read again.
      `GET ${LIST_RUNS}`,
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('stops below the reserve kept for live events, and resumes after the reset', async () => {
    const requests = recordRequests();
    const { probot, metrics, waits, logs, idle } = appWithMemoryQueue();
    const reset = Math.floor(Date.now() / 1000) + 1800;
    mockConfig(NO_ISSUES);
    // First try: GitHub says 2400 of 5000 are left, under the half kept for live events.
    nock(API)
      .get('/repos/acme/web/pulls')
      .query({ state: 'open', per_page: '100' })
      .reply(200, [pullRequestResource({ number: 7 })], { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '2400', 'x-ratelimit-reset': String(reset) });
    // After the reset: a full budget.
    nock(API)
      .get('/repos/acme/web/pulls')
      .query({ state: 'open', per_page: '100' })
      .reply(200, [pullRequestResource({ number: 7 })], { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(reset + 3600) });
    mockPullFiles(7, [PLAN]);
    mockPlan(PLAN, fixture('complete-plan.md'));
    nock(API).get(`/repos/acme/web/commits/${HEAD_SHA}/check-runs`).query({ filter: 'latest', per_page: '100' }).reply(200, { total_count: 0, check_runs: [] });
    mockCheckRunWrites();

    await probot.receive({ id: 'install-2', name: 'installation', payload: installationCreated([WEB]) } as any);
    await idle();

    // The first try stopped right after listing; the queue waited until the reset.
    expect(requestLines(requests)[0]).toBe(`GET ${PULLS}`);
    expect(requestLines(requests)[1]).toBe(`GET ${PULLS}`);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(1795_000);
    expect(waits[0]).toBeLessThanOrEqual(1801_000);
    expect(writesOf(requests)).toHaveLength(2);
    expect(logs.some((line) => /^backfill paused: 2400 of 5000/.test(line.msg))).toBe(true);
    expect(await metricLines(metrics, 'planbot_backfill_repositories_total')).toEqual([
      'planbot_backfill_repositories_total{state="queued"} 1',
      'planbot_backfill_repositories_total{state="deferred"} 1',
      'planbot_backfill_repositories_total{state="done"} 1',
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('asks the installation for its repositories only when the payload does not list them', async () => {
    const requests = recordRequests();
    const { probot, idle } = appWithMemoryQueue();
    const payload = installationCreated([]);
    delete payload.repositories;
    nock(API)
      .get('/installation/repositories')
      .query({ per_page: '100' })
      .reply(200, { total_count: 1, repositories: [{ id: WEB.id, name: 'web', full_name: WEB.full_name, private: false, owner: { login: 'acme' } }] });
    nock(API).get('/repos/acme/web/pulls').query({ state: 'open', per_page: '100' }).reply(200, []);
    await probot.receive({ id: 'install-3', name: 'installation', payload } as any);
    await idle();
    expect(requestLines(requests)).toEqual(['GET /installation/repositories?per_page=100', `GET ${PULLS}`]);
  });

  it('installation.deleted and installation_repositories.removed start nothing', async () => {
    const requests = recordRequests();
    const { probot, idle } = appWithMemoryQueue();
    const removed = structuredClone(examples.find((group) => group.name === 'installation_repositories')!.examples.find((example) => example.action === 'removed'));
    await probot.receive({ id: 'removed-1', name: 'installation_repositories', payload: removed } as any);
    const deleted = structuredClone(examples.find((group) => group.name === 'installation')!.examples.find((example) => example.action === 'deleted'));
    await probot.receive({ id: 'deleted-1', name: 'installation', payload: deleted } as any);
    await idle();
    expect(requests).toEqual([]);
  });
});
