// Which try of its job a webhook context is running in. A retried job re-runs every handler from
// the start, so a handler whose writes are not naturally idempotent (check runs: each POST makes a
// new run) looks at what the failed try already wrote before writing again.
// A job BullMQ handed back after its lock expired (Redis away, or its replica killed) counts too:
// the cut-short run may have written part of the work.
const attempts = new WeakMap<object, number>();
const resumedRuns = new WeakSet<object>();

export function markAttempt(context: object, attempt: number, resumed = false): void {
  attempts.set(context, attempt);
  if (resumed) resumedRuns.add(context);
}

/** 1 for the first try (and for contexts no queue marked). */
export function attemptOf(context: object): number {
  return attempts.get(context) ?? 1;
}

/** True when an earlier run of this job may have written part of its work already. */
export function isRetryAttempt(context: object): boolean {
  return attemptOf(context) > 1 || resumedRuns.has(context);
}
