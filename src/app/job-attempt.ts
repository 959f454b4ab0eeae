// Which try of its job a webhook context is running in. A retried job re-runs every handler from
// the start, so a handler whose writes are not naturally idempotent (check runs: each POST makes a
// new run) looks at what the failed try already wrote before writing again.
const attempts = new WeakMap<object, number>();

export function markAttempt(context: object, attempt: number): void {
  attempts.set(context, attempt);
}

/** 1 for the first try (and for contexts no queue marked). */
export function attemptOf(context: object): number {
  return attempts.get(context) ?? 1;
}

export function isRetryAttempt(context: object): boolean {
  return attemptOf(context) > 1;
}
