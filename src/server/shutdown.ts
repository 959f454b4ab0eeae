// Graceful shutdown, bounded in time: stop accepting connections, let requests being answered
// finish (their deliveries get queued), then close the queue — in-memory: finish in-flight jobs
// or log the unfinished deliveries by id; Redis: close the worker, and past the bound hand the
// jobs back (another replica picks them up when their locks expire).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { JobQueue } from '../queue/types.js';
import type { PlanbotHttpServer } from './http-server.js';

export type ShutdownResult = 'clean' | 'timed-out';

export async function shutdown(http: PlanbotHttpServer, queue: JobQueue, log: Logger, timeoutMs: number): Promise<ShutdownResult> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(0, deadline - Date.now());
  const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
  http.server.closeIdleConnections();
  while (http.inFlight() > 0 && left() > 0) await sleep(10);

  const stats = await queue.stats?.().catch(() => undefined);
  log.info({ queue: stats, timeoutMs }, 'shutting down: no new deliveries; finishing jobs in progress');
  const queueClosed = queue.close({ timeoutMs: left() }).then(() => true);
  const finished = await Promise.race([queueClosed, sleep(left() + 1_000, false, { ref: false })]);
  // A queue that had to give up returns at the deadline, not before it.
  const clean = finished && Date.now() < deadline;
  http.server.closeAllConnections();
  await Promise.race([closed, sleep(1_000, undefined, { ref: false })]);

  if (clean) log.info('shutdown complete');
  else log.warn('shutdown bound reached before all work finished');
  return clean ? 'clean' : 'timed-out';
}

/** Runs `stop` once on SIGTERM or SIGINT; a second signal exits at once. */
export function onShutdownSignals(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    void stop(signal);
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}
