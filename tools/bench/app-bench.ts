// The app benchmark (`npm run bench`, entry `app`): the real server (`node dist/main.js`) against the
// GitHub simulator at each simulated latency (0 ms and 50 ms by default). Per latency:
//   1. what each event type costs in requests (event-costs.ts), alongside — at the first latency —
//      the setup of the fleet of features the load runs use, or — later — the sequential run;
//   2. latency of one delivery at a time (sequential);
//   3. sustained load: throughput, latency under load, requests per event and memory samples.
// Then the issue's targets are judged from the measurements; nothing is assumed.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { parseEnv } from '../../src/config/env.js';
import { BenchWorld } from './bench-world.js';
import { measureEventCosts, type ActionCost, type EventCostRun } from './event-costs.js';
import { setUpFleet } from './fleet.js';
import { runSequential, runSustained, type LatencyRun, type SustainedRun } from './load.js';
import { FLAT_BYTES_PER_EVENT, memoryTrend, mb, type MemoryTrend } from './memory-trend.js';
import type { RequestCost, RequestLine } from './request-cost.js';
import { round } from './stats.js';

export interface AppBenchOptions {
  /** Deliveries in the sustained run at the first latency (the memory run). Default 10,000. */
  events: number;
  /** Deliveries in the sustained run at the other latencies. Default events / 50 (at least 20). */
  slowEvents: number;
  /** Simulated GitHub latencies, ms. Default [0, 50]. */
  latencies: number[];
  /** Features (repositories, installations) the load is spread over. Default 8. */
  features: number;
  /** Deliveries kept unfinished during the sustained run. Default 32. */
  window: number;
  /** Deliveries in the sequential latency run at the first latency (a quarter of it at the others). Default min(100, events). */
  sequentialEvents: number;
  /** Extra environment for the app (from BENCH_APP_<NAME>=value: e.g. BENCH_APP_QUEUE_CONCURRENCY=40). Default none. */
  appEnv: Record<string, string>;
  /** The checkout whose dist/main.js runs. Default: the current directory. */
  projectDir?: string;
}

const positive = z.coerce.number().int().min(1);
const envSchema = z.object({
  BENCH_EVENTS: positive.default(10_000),
  BENCH_SLOW_EVENTS: positive.optional(),
  BENCH_LATENCIES: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'a comma-separated list of milliseconds, e.g. 0,50')
    .default('0,50'),
  BENCH_FEATURES: positive.default(8),
  BENCH_WINDOW: positive.default(32),
  BENCH_SEQUENTIAL: positive.optional(),
});

/** Options from BENCH_* variables; a bad value stops the bench with a message naming it. */
export function appBenchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): AppBenchOptions {
  const settings = parseEnv(envSchema, env);
  const events = settings.BENCH_EVENTS;
  return {
    events,
    slowEvents: settings.BENCH_SLOW_EVENTS ?? Math.max(20, Math.round(events / 50)),
    latencies: settings.BENCH_LATENCIES.split(',').map(Number),
    features: settings.BENCH_FEATURES,
    window: settings.BENCH_WINDOW,
    sequentialEvents: settings.BENCH_SEQUENTIAL ?? Math.min(100, events),
    appEnv: Object.fromEntries(
      Object.entries(env).flatMap(([name, value]) => (name.startsWith(APP_ENV_PREFIX) && name.length > APP_ENV_PREFIX.length && value ? [[name.slice(APP_ENV_PREFIX.length), value]] : [])),
    ),
  };
}

const APP_ENV_PREFIX = 'BENCH_APP_';
const SECRET_NAME = /key|token|secret|password/i;

export interface LatencyStage {
  latencyMs: number;
  eventCosts: EventCostRun;
  sequential: LatencyRun;
  sustained: SustainedRun;
}

/** One row of "requests per event type" (measured at the first latency). */
export interface EventTypeRow extends RequestCost {
  key: string;
  label: string;
  /** The delivery the row counts, e.g. `issues.edited`. */
  event: string;
  /** Requests of the follow-up deliveries (planbot's own writes announced back), and their writes. */
  followUpRequests: number;
  followUpWrites: number;
  /** Delivery sent → job ended, per latency, ms (writes are paced ≥ 1 s apart by Octokit's throttling). */
  doneMs: Record<string, number>;
  /** Whether the request counts were the same at every latency. */
  sameAtEveryLatency: boolean;
}

export interface Target {
  target: string;
  measured: string;
  met: boolean | null;
}

export interface AppBenchResult {
  name: 'app';
  node: string;
  cpus: number;
  durationMs: number;
  settings: Omit<AppBenchOptions, 'projectDir'>;
  fleet: { features: number; setupMs: number; setupCost: RequestCost };
  requestsPerEvent: EventTypeRow[];
  /** The request log of one steady-state `pull_request` delivery (what it costs, request by request). */
  steadyStateRequestLog: RequestLine[];
  stages: LatencyStage[];
  memory: MemoryTrend;
  /** VmHWM of the app process at the end, MB. */
  peakRssMb: number | null;
  app: { errorLines: number; firstErrors: string[]; retries: number };
  /** Where the time of a steady-state event goes, at the first latency. */
  analysis: Analysis;
  targets: { ackP99: Target; firstSync: Target; steadyStatePullRequest: Target; throughput: Target; memoryFlat: Target };
}

export interface Analysis {
  /** App CPU per steady-state delivery under sustained load (fleet plans), ms. */
  appCpuMsPerEvent: number | null;
  /** Deliveries per second one fully used core allows at that CPU cost. */
  cpuBoundEventsPerSecond: number | null;
  /** App CPU per steady-state delivery one at a time: the fleet's plan (no phases) and the full four-phase plan, ms. */
  sequentialCpuMsPerEvent: { fleetPlan: number | null; fullPlan: number | null };
  /**
   * One delivery at a time: the part of each request's time that is neither app CPU nor the
   * simulator's answer, ms — time the request waits inside the app's HTTP client stack.
   */
  clientWaitMsPerRequest: number | null;
}

const COST_INSTALLATION = 1000;
/** Memory samples per sustained run: enough for a slope that is not one noisy sample's. */
const MEMORY_SAMPLES = 40;
const FLEET_INSTALLATION = 2000;

export async function runAppBench(options: AppBenchOptions = appBenchOptionsFromEnv()): Promise<AppBenchResult> {
  const started = Date.now();
  const world = await BenchWorld.start({ projectDir: options.projectDir, env: options.appEnv });
  try {
    world.simulator.setLatency(options.latencies[0]);
    const fleet = await setUpFleet(world, options.features, FLEET_INSTALLATION);
    const stages: LatencyStage[] = [];
    for (const [index, latencyMs] of options.latencies.entries()) {
      world.simulator.setLatency(latencyMs);
      const costRepo = world.seedRepo(`cost-${latencyMs}ms`, COST_INSTALLATION + index);
      const events = index === 0 ? options.events : options.slowEvents;
      const load = async () => {
        const sequential = await runSequential(world, fleet, index === 0 ? options.sequentialEvents : Math.max(5, Math.round(options.sequentialEvents / 4)));
        const sustained = await runSustained(world, fleet, { events, window: options.window, sampleEvery: Math.max(1, Math.round(events / MEMORY_SAMPLES)) });
        return { sequential, sustained };
      };
      let eventCosts: EventCostRun;
      let sequential: LatencyRun;
      let sustained: SustainedRun;
      if (index === 0) {
        // One after the other: the CPU per event and the load figures are planbot's alone.
        eventCosts = await measureEventCosts(world, costRepo, latencyMs, { measureCpu: true });
        ({ sequential, sustained } = await load());
      } else {
        // The cost run mostly waits on Octokit's write pacing; the load runs fit in beside it.
        [eventCosts, { sequential, sustained }] = await Promise.all([measureEventCosts(world, costRepo, latencyMs, { measureCpu: false }), load()]);
      }
      stages.push({ latencyMs, eventCosts, sequential, sustained });
    }
    const end = await world.sample(-1);
    const memory = memoryTrend(stages[0].sustained.memory, options.events);
    const requestsPerEvent = eventTypeRows(stages);
    const steady = stages[0].eventCosts.actions.find((action) => action.key === 'pull_request.steady')!;
    const { projectDir: _, appEnv, ...rest } = options;
    // The JSON is kept and shared: values of secret-looking variables are not written.
    const settings = { ...rest, appEnv: Object.fromEntries(Object.entries(appEnv).map(([name, value]) => [name, SECRET_NAME.test(name) ? '***' : value])) };
    return {
      name: 'app',
      node: process.version,
      cpus: availableParallelism(),
      durationMs: Date.now() - started,
      settings,
      fleet: { features: fleet.features.length, setupMs: fleet.setupMs, setupCost: fleet.setupCost },
      requestsPerEvent,
      steadyStateRequestLog: steady.primary.requestLog,
      stages,
      memory,
      peakRssMb: mb(end.peakRssBytes),
      app: { errorLines: world.watcher.errorCount, firstErrors: world.watcher.errors, retries: world.watcher.retries },
      analysis: analyse(stages[0]),
      targets: judge(stages, steady, memory),
    };
  } finally {
    await world.close();
  }
}

function eventTypeRows(stages: LatencyStage[]): EventTypeRow[] {
  const [first] = stages;
  return first.eventCosts.actions.map((action) => {
    const elsewhere = stages.map((stage) => stage.eventCosts.actions.find((other) => other.key === action.key));
    return {
      key: action.key,
      label: action.label,
      event: action.primary.event,
      requests: action.primary.requests,
      writes: action.primary.writes,
      conditional304: action.primary.conditional304,
      rateLimitCost: action.primary.rateLimitCost,
      followUpRequests: action.followUps.requests,
      followUpWrites: action.followUps.writes,
      doneMs: Object.fromEntries(stages.map((stage, index) => [`${stage.latencyMs}ms`, elsewhere[index]?.primary.doneMs ?? Number.NaN])),
      sameAtEveryLatency: elsewhere.every((other) => other !== undefined && sameCounts(other, action)),
    };
  });
}

function sameCounts(a: ActionCost, b: ActionCost): boolean {
  return a.primary.requests === b.primary.requests && a.primary.writes === b.primary.writes && a.total.requests === b.total.requests && a.total.writes === b.total.writes;
}

function analyse(stage: LatencyStage): Analysis {
  const { sequential, sustained } = stage;
  const wait =
    sequential.appCpuMsPerEvent === null || sequential.perEvent.requests === 0
      ? null
      : round((sequential.done.mean - sequential.appCpuMsPerEvent) / sequential.perEvent.requests - sequential.simulatorMsPerRequest, 1);
  return {
    appCpuMsPerEvent: sustained.appCpuMsPerEvent,
    cpuBoundEventsPerSecond: sustained.appCpuMsPerEvent ? round(1000 / sustained.appCpuMsPerEvent, 1) : null,
    sequentialCpuMsPerEvent: { fleetPlan: sequential.appCpuMsPerEvent, fullPlan: stage.eventCosts.steadyRepeats.appCpuMsPerEvent },
    clientWaitMsPerRequest: wait,
  };
}

export const TARGETS = { ackP99Ms: 50, firstSyncMs: 15_000, steadyRequests: 4, steadyWrites: 0, steadyRateLimitCost: 0, eventsPerSecond: 100 } as const;

function judge(stages: LatencyStage[], steady: ActionCost, memory: MemoryTrend): AppBenchResult['targets'] {
  const acks = stages.map((stage) => `${stage.sustained.ack.p99} ms at ${stage.latencyMs} ms (sequential: ${stage.sequential.ack.p99} ms)`);
  const steadyCounts = stages.map((stage) => stage.eventCosts.actions.find((action) => action.key === 'pull_request.steady')!.primary);
  const zeroMs = stages.find((stage) => stage.latencyMs === 0);
  const firstSyncs = stages.flatMap((stage) => {
    const opened = stage.eventCosts.actions.find((action) => action.key === 'pull_request.opened');
    return opened ? [{ latencyMs: stage.latencyMs, doneMs: opened.primary.doneMs, writes: opened.primary.writes }] : [];
  });
  return {
    ackP99: {
      target: `acknowledgement p99 < ${TARGETS.ackP99Ms} ms under sustained load`,
      measured: acks.join('; '),
      met: stages.every((stage) => stage.sustained.ack.p99 < TARGETS.ackP99Ms),
    },
    firstSync: {
      // The pull request's opening: both check runs and the first sync of the four-phase skeleton
      // (5 issues, 4 sub-issue links, 3 blocked-by links), every write paced (src/github/write-pacing.ts).
      target: `first sync of a four-phase plan (pull_request.opened, delivery → job done) ≤ ${TARGETS.firstSyncMs / 1000} s`,
      measured: firstSyncs.map((sync) => `${(sync.doneMs / 1000).toFixed(1)} s for ${sync.writes} writes at ${sync.latencyMs} ms`).join('; '),
      met: firstSyncs.length > 0 && firstSyncs.every((sync) => sync.doneMs <= TARGETS.firstSyncMs),
    },
    steadyStatePullRequest: {
      target: `steady-state pull_request event: ≤ ${TARGETS.steadyRequests} requests, rate-limit cost ${TARGETS.steadyRateLimitCost}, ${TARGETS.steadyWrites} writes`,
      measured: `${steady.primary.requests} requests (${steady.primary.conditional304} answered 304, rate-limit cost ${steady.primary.rateLimitCost}), ${steady.primary.writes} writes`,
      met: steadyCounts.every((cost) => cost.requests <= TARGETS.steadyRequests && cost.rateLimitCost <= TARGETS.steadyRateLimitCost && cost.writes <= TARGETS.steadyWrites),
    },
    throughput: {
      target: `≥ ${TARGETS.eventsPerSecond} pull_request events/s in one process, simulator at 0 ms`,
      measured: zeroMs ? `${zeroMs.sustained.eventsPerSecond} events/s over ${zeroMs.sustained.events} events` : 'not measured (0 ms not in BENCH_LATENCIES)',
      met: zeroMs ? zeroMs.sustained.eventsPerSecond >= TARGETS.eventsPerSecond : null,
    },
    memoryFlat: {
      target: `RSS flat over ${stages[0].sustained.events} events: slope over the second half < ${FLAT_BYTES_PER_EVENT} B/event`,
      measured:
        memory.rssBytesPerEventSecondHalf === null
          ? 'RSS not readable'
          : `${memory.rssBytesPerEventSecondHalf} B/event (from the end of warm-up: ${memory.rssBytesPerEvent} B/event; ` +
            `RSS ${memory.rssMbAt.map((at) => `${at.rssMb} MB at ${at.events}`).join(', ')}; ` +
            `heap floor ${memory.heapFloorMb.firstHalf} MB → ${memory.heapFloorMb.secondHalf} MB)`,
      met: memory.flat,
    },
  };
}
