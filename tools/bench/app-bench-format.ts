// The app benchmark as tables for the terminal: requests per event type, latency and throughput
// per simulated latency, memory, and the targets (with the steady-state request log when that
// target is missed, so the cause is on screen).
import type { AppBenchResult } from './app-bench.js';
import { HEADLINE_ACTIONS } from './event-costs.js';

export function formatAppBench(result: AppBenchResult): string {
  const latencies = result.stages.map((stage) => `${stage.latencyMs}ms`);
  const costs = table(
    ['event', 'delivery', 'requests', '304', 'rate-limit', 'writes', 'follow-ups req/writes', ...latencies.map((latency) => `done @${latency}`)],
    result.requestsPerEvent.map((row) => [
      `${HEADLINE_ACTIONS.includes(row.key as never) ? '*' : ' '} ${row.key}`,
      row.event,
      String(row.requests),
      String(row.conditional304),
      String(row.rateLimitCost),
      String(row.writes),
      `${row.followUpRequests}/${row.followUpWrites}`,
      ...latencies.map((latency) => `${row.doneMs[latency]} ms`),
    ]),
  );
  const load = table(
    ['simulator', 'ack p50/p99 (1 at a time)', 'done p50/p99 (1 at a time)', 'ack p50/p99 (load)', 'done p50/p99 (load)', 'events/s', 'req/event', 'rate-limit/event', 'writes', 'failures'],
    result.stages.map((stage) => [
      `${stage.latencyMs} ms`,
      pair(stage.sequential.ack),
      pair(stage.sequential.done),
      pair(stage.sustained.ack),
      pair(stage.sustained.done),
      `${stage.sustained.eventsPerSecond} (${stage.sustained.events} ev)`,
      String(stage.sustained.perEvent.requests),
      String(stage.sustained.perEvent.rateLimitCost),
      String(stage.sustained.writes + stage.sequential.writes),
      String(stage.sustained.failures + stage.sequential.failures),
    ]),
  );
  const { memory, analysis } = result;
  const targets = Object.values(result.targets).map((target) => `  ${target.met === null ? 'n/a   ' : target.met ? 'met   ' : 'MISSED'}  ${target.target}: ${target.measured}`);
  const steadyLog = result.targets.steadyStatePullRequest.met
    ? []
    : ['', 'steady-state pull_request delivery, request by request:', ...result.steadyStateRequestLog.map((line) => `  ${line.method} ${line.path} → ${line.status}${line.conditional304 ? ' (304, free)' : ''}`)];
  return [
    `app: the real server (node dist/main.js) against the GitHub simulator, ${result.node}, ${result.cpus} CPUs, ${(result.durationMs / 1000).toFixed(0)} s`,
    `fleet: ${result.fleet.features} features in as many installations, set up in ${(result.fleet.setupMs / 1000).toFixed(1)} s; load window ${result.settings.window} deliveries`,
    '',
    'requests per event type (* = the issue\'s six; counted at every latency, identical: ' + (result.requestsPerEvent.every((row) => row.sameAtEveryLatency) ? 'yes' : 'NO') + ')',
    costs,
    '',
    'latency (ms) and throughput, steady-state pull_request deliveries',
    load,
    `  sustained rate per tenth of the ${result.stages[0].sustained.events}-event run (events/s): ${result.stages[0].sustained.ratePerDecile.join(' ')}`,
    '',
    `memory of the app process over ${result.stages[0].sustained.events} events: ` +
      memory.rssMbAt.map((at) => `RSS ${at.rssMb} MB / heap ${at.heapUsedMb} MB at ${at.events}`).join('; '),
    `  RSS slope: ${memory.rssBytesPerEvent} B/event after warm-up (${memory.warmUpEvents} events, ${memory.rssGrowthMb} MB in all), ` +
      `${memory.rssBytesPerEventSecondHalf} B/event over the second half; heap floor ${memory.heapFloorMb.firstHalf} → ${memory.heapFloorMb.secondHalf} MB; peak RSS ${result.peakRssMb} MB`,
    `app CPU per steady-state event: ${analysis.appCpuMsPerEvent} ms under load (one core: at most ${analysis.cpuBoundEventsPerSecond} events/s); ` +
      `one at a time ${analysis.sequentialCpuMsPerEvent.fleetPlan} ms (fleet plan, no phases) vs ${analysis.sequentialCpuMsPerEvent.fullPlan} ms (full four-phase plan)`,
    `time per request spent waiting inside the app's HTTP client (not CPU, not the simulator): ${analysis.clientWaitMsPerRequest} ms`,
    `app log: ${result.app.errorLines} error lines, ${result.app.retries} job retries${result.app.firstErrors.length ? `; first: ${result.app.firstErrors[0]}` : ''}`,
    '',
    'targets',
    ...targets,
    ...steadyLog,
  ].join('\n');
}

function pair(distribution: { p50: number; p99: number }): string {
  return `${distribution.p50} / ${distribution.p99}`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
