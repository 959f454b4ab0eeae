// Runs a job: the row of the event table (src/app/events.ts) that matches its event and action.
import type { Job } from '../job/job.js';
import { routeOf, type EventFacts, type Handler } from './events.js';
import { isOwnEvent } from '../job/identity.js';

export async function dispatch(job: Job): Promise<void> {
  // Asked of every event, routed or not: at most one GET /app per process, only for bot senders.
  const own = await isOwnEvent(job.payload, job.identity);
  const route = routeOf(job.name, job.payload?.action);
  if (!route || (own && route.own === 'skip')) return;
  const facts: EventFacts = { payload: job.payload, own };
  const handlers: Handler[] = route.handlers.flatMap((entry) =>
    typeof entry === 'function' ? [entry] : entry.when(facts) ? [entry.handler] : [],
  );
  if (route.run === 'side by side') return settleAll(handlers.map((handler) => handler(job)));
  for (const handler of handlers) await handler(job);
}

/**
 * Waits for every piece of work, then rethrows the first failure (so the queue retries the job).
 * Unlike Promise.all, one failure does not leave the other piece running unobserved.
 */
async function settleAll(work: Array<Promise<unknown>>): Promise<void> {
  const outcomes = await Promise.allSettled(work);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
