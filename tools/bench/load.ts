// Load on the app with steady-state `pull_request` deliveries, round-robin over the fleet's features.
// Sequential: one at a time, each awaited (latency with nothing else going on). Sustained: a closed
// loop keeping `window` deliveries unfinished, sent concurrently as GitHub delivers, for throughput,
// latency under load, request counts and memory over many events.
import PQueue from 'p-queue';
import { cpuPerUnit } from './app-cpu.js';
import type { MemorySample } from './app-memory.js';
import type { BenchWorld } from './bench-world.js';
import type { Fleet } from './fleet.js';
import { costOf, forInstallations, type RequestCost } from './request-cost.js';
import { distribution, round, type Distribution } from './stats.js';

export interface LatencyRun {
  events: number;
  /** Signed POST sent → HTTP answer, ms. */
  ack: Distribution;
  /** Signed POST sent → the app logged the job's end, ms. */
  done: Distribution;
  /** Deliveries answered with a non-2xx status or whose job did not complete. */
  failures: number;
  /** Requests per delivery, averaged over the run. */
  perEvent: RequestCost;
  /** Writes during the whole run (steady state: 0). */
  writes: number;
  /** CPU time of the app process per delivery (user + system), ms. */
  appCpuMsPerEvent: number | null;
  /** Mean time the simulator took to answer one request (its added latency included), ms. */
  simulatorMsPerRequest: number;
}

export interface SustainedRun extends LatencyRun {
  /** Deliveries kept unfinished at any time (sent, job not ended). */
  window: number;
  /** First POST sent → last job ended, ms. */
  elapsedMs: number;
  eventsPerSecond: number;
  /** Completions per second in each tenth of the run: a falling rate means the app is slowing down. */
  ratePerDecile: number[];
  memory: MemorySample[];
}

export interface SustainedOptions {
  events: number;
  window: number;
  /** Take a memory sample each time this many more deliveries have finished. */
  sampleEvery: number;
}

export async function runSequential(world: BenchWorld, fleet: Fleet, events: number): Promise<LatencyRun> {
  const firstRequest = world.simulator.requests.length;
  const acks: number[] = [];
  const dones: number[] = [];
  let failures = 0;
  const { cpuMsPerUnit } = await cpuPerUnit(world.app.pid, events, async () => {
    for (let i = 0; i < events; i++) {
      const feature = fleet.features[i % fleet.features.length];
      const delivered = await world.deliver('pull_request', feature.steadyPayload).catch(() => null);
      if (delivered) acks.push(delivered.ackMs);
      if (delivered?.outcome === 'completed') dones.push(delivered.doneMs);
      else failures += 1;
    }
  });
  return {
    events,
    ack: distribution(acks),
    done: distribution(dones),
    failures,
    ...requestsSince(world, fleet, firstRequest, events),
    appCpuMsPerEvent: cpuMsPerUnit,
  };
}

export async function runSustained(world: BenchWorld, fleet: Fleet, options: SustainedOptions): Promise<SustainedRun> {
  const firstRequest = world.simulator.requests.length;
  const acks: number[] = [];
  const dones: number[] = [];
  const endedAt: number[] = [];
  const samples: Array<Promise<MemorySample>> = [world.sample(0)];
  let failures = 0;
  let firstSentAt = Number.POSITIVE_INFINITY;

  const finished = (at: number | null) => {
    if (at === null) failures += 1;
    else endedAt.push(at);
    const count = endedAt.length + failures;
    if (count % options.sampleEvery === 0 || count === options.events) samples.push(world.sample(count));
  };
  // Each task holds its slot from sending until the app has finished the job: a closed loop.
  const senders = new PQueue({ concurrency: options.window });
  const { cpuMsPerUnit } = await cpuPerUnit(world.app.pid, options.events, async () => {
    for (let i = 0; i < options.events; i++) {
      const feature = fleet.features[i % fleet.features.length];
      void senders.add(async () => {
        const sent = await world.send('pull_request', feature.steadyPayload).catch(() => null);
        if (!sent || sent.status >= 300) return finished(null);
        firstSentAt = Math.min(firstSentAt, sent.sentAt);
        acks.push(sent.ackMs);
        const end = await world.watcher.wait(sent.id).catch(() => null);
        if (end?.outcome !== 'completed') return finished(null);
        dones.push(Math.max(0, end.at - sent.sentAt));
        finished(end.at);
      });
    }
    await senders.onIdle();
  });
  const memory = await Promise.all(samples);

  const elapsedMs = Math.max(1, Math.max(...endedAt) - firstSentAt);
  return {
    events: options.events,
    window: options.window,
    ack: distribution(acks),
    done: distribution(dones),
    failures,
    ...requestsSince(world, fleet, firstRequest, options.events),
    appCpuMsPerEvent: cpuMsPerUnit,
    elapsedMs,
    eventsPerSecond: round((endedAt.length * 1000) / elapsedMs, 1),
    ratePerDecile: ratePerDecile(endedAt, firstSentAt),
    memory: memory.sort((a, b) => a.events - b.events),
  };
}

/** Completions per second in each tenth of the completions, by the time they ended (none for under 100). */
export function ratePerDecile(endedAt: readonly number[], startedAt: number): number[] {
  if (endedAt.length < 100) return [];
  const sorted = [...endedAt].sort((a, b) => a - b);
  const rates: number[] = [];
  let previous = startedAt;
  for (let decile = 1; decile <= 10; decile++) {
    const from = Math.floor(((decile - 1) * sorted.length) / 10);
    const to = Math.floor((decile * sorted.length) / 10);
    if (to <= from) continue;
    const end = sorted[to - 1];
    rates.push(round(((to - from) * 1000) / Math.max(1, end - previous), 1));
    previous = end;
  }
  return rates;
}

/** The fleet's requests since `firstRequest`: per delivery on average, the writes in all, and how fast the simulator answered. */
function requestsSince(world: BenchWorld, fleet: Fleet, firstRequest: number, events: number) {
  const records = forInstallations(world.simulator.requests.slice(firstRequest), fleet.installations);
  const total = costOf(records);
  const each = (value: number) => round(value / Math.max(1, events), 3);
  return {
    perEvent: { requests: each(total.requests), writes: each(total.writes), conditional304: each(total.conditional304), rateLimitCost: each(total.rateLimitCost) },
    writes: total.writes,
    simulatorMsPerRequest: round(records.reduce((sum, record) => sum + record.ms, 0) / Math.max(1, records.length)),
  };
}
