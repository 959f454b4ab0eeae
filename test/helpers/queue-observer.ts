// A QueueObserver that records every lifecycle event in order, for queue tests.
import type { Delivery, QueueObserver } from '../../src/queue/types.js';

export interface ObservedEvent {
  type: 'duplicate' | 'completed' | 'retrying' | 'failed' | 'dropped' | 'abandoned';
  id: string;
  attempt?: number;
  delayMs?: number;
  reason?: string;
}

export function recordingObserver(): QueueObserver & { events: ObservedEvent[]; of(type: ObservedEvent['type']): string[] } {
  const events: ObservedEvent[] = [];
  return {
    events,
    of: (type) => events.filter((event) => event.type === type).map((event) => event.id),
    duplicate: (delivery) => events.push({ type: 'duplicate', id: delivery.id }),
    completed: (delivery, { attempt }) => events.push({ type: 'completed', id: delivery.id, attempt }),
    retrying: (delivery, { attempt, delayMs, reason }) => events.push({ type: 'retrying', id: delivery.id, attempt, delayMs, reason }),
    failed: (delivery, { attempt, reason }) => events.push({ type: 'failed', id: delivery.id, attempt, reason }),
    dropped: (delivery, { attempt, reason }) => events.push({ type: 'dropped', id: delivery.id, attempt, reason }),
    abandoned: (deliveries: Delivery[]) => {
      for (const delivery of deliveries) events.push({ type: 'abandoned', id: delivery.id });
    },
  };
}

/** A promise with its resolve/reject outside (Node 20 has no Promise.withResolvers). */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An error shaped like Octokit's RequestError. */
export function httpError(status: number, options: { headers?: Record<string, string>; url?: string; message?: string } = {}) {
  return Object.assign(new Error(options.message ?? `HTTP ${status}`), {
    status,
    request: { url: options.url ?? 'https://api.github.com/repos/acme/web/contents/x', headers: {} },
    response: { status, headers: options.headers ?? {}, data: {} },
  });
}

export function delivery(id: string, name = 'push', payload: Record<string, unknown> = {}): Delivery {
  return { id, name, payload: { repository: { full_name: 'acme/web' }, installation: { id: 1 }, ...payload } };
}

/** Lets queued promise chains run. */
export async function flush(times = 20): Promise<void> {
  for (let i = 0; i < times; i++) await new Promise((resolve) => setImmediate(resolve));
}
