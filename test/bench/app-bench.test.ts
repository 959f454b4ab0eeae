// The app benchmark's machinery in a tiny mode: the real server against the simulator at 0 ms,
// two fleet features, 20 load deliveries. Asserts what GitHub would receive (request counts,
// writes, which writes) and the JSON's shape — never timings, which depend on the machine.
import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { appBenchOptionsFromEnv, runAppBench, type AppBenchResult } from '../../tools/bench/app-bench.js';
import { HEADLINE_ACTIONS } from '../../tools/bench/event-costs.js';
import { buildApp, PROJECT_DIR } from '../e2e/build.js';

jest.setTimeout(300_000);

describe('appBenchOptionsFromEnv', () => {
  it('defaults to the full spec: 10,000 events, simulator at 0 ms and 50 ms', () => {
    expect(appBenchOptionsFromEnv({})).toEqual({ events: 10_000, slowEvents: 200, latencies: [0, 50], features: 8, window: 32, sequentialEvents: 100, appEnv: {} });
  });

  it('scales the other runs down with BENCH_EVENTS (quick mode)', () => {
    expect(appBenchOptionsFromEnv({ BENCH_EVENTS: '1000', BENCH_LATENCIES: '0' })).toMatchObject({ events: 1000, slowEvents: 20, latencies: [0], sequentialEvents: 100 });
    expect(appBenchOptionsFromEnv({ BENCH_EVENTS: '20' })).toMatchObject({ events: 20, slowEvents: 20, sequentialEvents: 20 });
  });

  it('passes BENCH_APP_<NAME> to the app as <NAME>', () => {
    expect(appBenchOptionsFromEnv({ BENCH_APP_QUEUE_CONCURRENCY: '40', BENCH_APP_: 'x', QUEUE_CONCURRENCY: '5' }).appEnv).toEqual({ QUEUE_CONCURRENCY: '40' });
  });

  it('refuses a bad value and names the variable', () => {
    expect(() => appBenchOptionsFromEnv({ BENCH_EVENTS: 'lots' })).toThrow(/BENCH_EVENTS/);
    expect(() => appBenchOptionsFromEnv({ BENCH_EVENTS: '0' })).toThrow(/BENCH_EVENTS/);
    expect(() => appBenchOptionsFromEnv({ BENCH_LATENCIES: '0, fifty' })).toThrow(/BENCH_LATENCIES/);
  });
});

describe('the app benchmark in tiny mode (real server, simulator at 0 ms)', () => {
  let result: AppBenchResult;
  let json: any;
  const action = (key: string) => result.stages[0].eventCosts.actions.find((candidate) => candidate.key === key)!;
  const writesOf = (key: string) => action(key).deliveries.flatMap((delivery) => delivery.requestLog.filter((line) => line.write).map((line) => line.route ?? `${line.method} ${line.path}`));

  beforeAll(async () => {
    buildApp();
    result = await runAppBench({ events: 20, slowEvents: 20, latencies: [0], features: 2, window: 4, sequentialEvents: 5, appEnv: {}, projectDir: PROJECT_DIR });
    json = JSON.parse(JSON.stringify(result));
  });

  it('reports every event type the issue names, with requests, 304s, rate-limit cost and writes', () => {
    const keys = json.requestsPerEvent.map((row: { key: string }) => row.key);
    for (const key of HEADLINE_ACTIONS) expect(keys).toContain(key);
    for (const row of json.requestsPerEvent) {
      expect(row).toEqual(
        expect.objectContaining({
          requests: expect.any(Number),
          conditional304: expect.any(Number),
          rateLimitCost: expect.any(Number),
          writes: expect.any(Number),
          followUpRequests: expect.any(Number),
          doneMs: { '0ms': expect.any(Number) },
        }),
      );
      expect(row.rateLimitCost).toBe(row.requests - row.conditional304);
    }
  });

  it('charges every request of the cost run to a delivery, and every figure agrees with its request log', () => {
    const costs = result.stages[0].eventCosts;
    expect(costs.unattributed).toBe(0);
    for (const each of costs.actions) {
      for (const delivery of each.deliveries) {
        expect(delivery.requests).toBe(delivery.requestLog.length);
        expect(delivery.writes).toBe(delivery.requestLog.filter((line) => line.write).length);
        expect(delivery.conditional304).toBe(delivery.requestLog.filter((line) => line.conditional304).length);
        expect(delivery.outcome).toBe('completed');
      }
      expect(each.total.requests).toBe(each.deliveries.reduce((sum, delivery) => sum + delivery.requests, 0));
    }
  });

  it('a steady-state pull_request event only reads, each read answered 304: no writes, no rate-limit cost', () => {
    const steady = action('pull_request.steady');
    expect(steady.primary.event).toBe('pull_request.reopened');
    expect(steady.primary.writes).toBe(0);
    // plan.md and the missing tasks.md (`issues.source: auto`) at the unchanged head SHA come from
    // the cache (a 404 at a commit never changes), and with nothing to write the sync does not ask
    // where the branch is: every request left is a 304.
    expect(steady.primary.requestLog.filter((line) => !line.conditional304)).toEqual([]);
    expect(steady.primary.rateLimitCost).toBe(0);
    expect(steady.primary.requestLog.every((line) => line.method === 'GET')).toBe(true);
    expect(steady.deliveries).toHaveLength(1);
    expect(json.steadyStateRequestLog).toEqual(steady.primary.requestLog);
    const repeats = result.stages[0].eventCosts.steadyRepeats;
    expect(repeats).toMatchObject({ deliveries: 20, writes: 0, rateLimitCost: 0, requests: { min: steady.primary.requests, max: steady.primary.requests } });
  });

  // Config, check runs on the head, PR files and planbot's issues, all answered 304.
  it('a steady-state pull_request event makes at most 4 requests', () => {
    const steady = action('pull_request.steady').primary;
    expect(steady.requests).toBeLessThanOrEqual(4);
    expect(steady.requestLog.map((line) => line.route)).toEqual([
      'GET /repos/{owner}/{repo}/contents/{path+}',
      'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
      'GET /repos/{owner}/{repo}/issues',
    ]);
  });

  it('the load runs make what the cost run measured per steady event, write nothing and lose nothing', () => {
    const steady = action('pull_request.steady').primary;
    for (const run of [result.stages[0].sequential, result.stages[0].sustained]) {
      expect(run.failures).toBe(0);
      expect(run.writes).toBe(0);
      expect(run.perEvent).toEqual({ requests: steady.requests, writes: 0, conditional304: steady.requests, rateLimitCost: 0 });
      expect(run.done.count).toBe(run.events);
      expect(run.ack.count).toBe(run.events);
    }
    expect(result.stages[0].sustained.events).toBe(20);
    expect(result.stages[0].sequential.events).toBe(5);
  });

  it('the event types that must change something write exactly what they should', () => {
    // A new branch: the skeleton, committed once although `create` and `push` both announce it.
    expect(writesOf('create')).toEqual(['PUT /repos/{owner}/{repo}/contents/{path+}']);
    // A tick in an issue: one commit to plan.md, then the phase issue (its marker records the new
    // synced state) and the tracking issue's progress; planbot's commit then moves the PR head,
    // which gets its two check runs.
    expect(writesOf('issues.edited.tick')).toEqual([
      'PUT /repos/{owner}/{repo}/contents/{path+}',
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      'POST /repos/{owner}/{repo}/check-runs',
      'POST /repos/{owner}/{repo}/check-runs',
    ]);
    // `/planbot check`: the two check runs, between an 👀 reaction and the 🚀 that replaces it.
    expect(writesOf('issue_comment.command').filter((write) => write.includes('check-runs'))).toHaveLength(2);
    expect(writesOf('issue_comment.command').filter((write) => write.includes('reactions'))).toHaveLength(3);
    // First PR event: the two check runs and the issues (tracking + 4 phases), linked and ordered.
    const opened = writesOf('pull_request.opened');
    expect(opened.filter((write) => write === 'POST /repos/{owner}/{repo}/check-runs')).toHaveLength(2);
    expect(opened.filter((write) => write === 'POST /repos/{owner}/{repo}/issues')).toHaveLength(5);
    // A plan change merged to the default branch updates the issues, creating none.
    const merged = writesOf('push.default_branch');
    expect(merged.length).toBeGreaterThan(0);
    expect(merged.every((write) => write === 'PATCH /repos/{owner}/{repo}/issues/{issue_number}')).toBe(true);
  });

  it('the JSON holds latency, throughput, memory, the analysis and a verdict for each target', () => {
    const stage = json.stages[0];
    expect(stage.latencyMs).toBe(0);
    for (const run of [stage.sequential, stage.sustained]) {
      for (const figure of [run.ack, run.done]) expect(figure).toEqual({ count: expect.any(Number), p50: expect.any(Number), p99: expect.any(Number), max: expect.any(Number), mean: expect.any(Number) });
    }
    expect(stage.sustained.eventsPerSecond).toEqual(expect.any(Number));
    expect(stage.sustained.memory.length).toBeGreaterThanOrEqual(3);
    expect(json.memory).toEqual(expect.objectContaining({ warmUpEvents: 2, rssMbAt: expect.any(Array), rssBytesPerEventSecondHalf: expect.any(Number), flat: expect.any(Boolean) }));
    expect(json.peakRssMb).toEqual(expect.any(Number));
    expect(json.analysis).toEqual({
      appCpuMsPerEvent: expect.any(Number),
      cpuBoundEventsPerSecond: expect.any(Number),
      sequentialCpuMsPerEvent: { fleetPlan: expect.any(Number), fullPlan: expect.any(Number) },
      clientWaitMsPerRequest: expect.any(Number),
    });
    for (const target of Object.values(json.targets) as Array<{ target: string; measured: string; met: unknown }>) {
      expect(target.target).toEqual(expect.any(String));
      expect(target.measured).toEqual(expect.any(String));
      expect(typeof target.met).toBe('boolean');
    }
    expect(json.targets.steadyStatePullRequest.met).toBe(true);
    // The first sync of the four-phase skeleton is shown, with its 14 writes and its time.
    const opened = result.stages[0].eventCosts.actions.find((each) => each.key === 'pull_request.opened')!.primary;
    expect(json.targets.firstSync.measured).toContain(`${(opened.doneMs / 1000).toFixed(1)} s for 14 writes at 0 ms`);
    expect(json.targets.firstSync.met).toBe(opened.doneMs <= 15_000);
  });

  it('the app logged no error and retried nothing', () => {
    expect(result.app).toEqual({ errorLines: 0, firstErrors: [], retries: 0 });
  });
});
