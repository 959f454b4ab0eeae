// Leases guard GitHub writes. A job holds its ordering key's lock (and issue sync its feature
// lock) while it runs; when Redis hangs or stops for longer than the lock's TTL, the lock expires
// and another run of the same work may start. GitHub cannot check a fencing token, so the run
// that lost its lease must stop by itself: every write first confirms each lease the job holds
// (src/github/guard-writes.ts, given leaseWriteCheck), and a lost lease fails the write before it is sent.
//
// The leases a piece of work holds travel with it in AsyncLocalStorage: the queue opens a scope
// for the job, the feature lock adds its own, and the write guard reads them at the call site.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Lease {
  readonly key: string;
  /** Resolves when the lease is still held for long enough to send a write; throws LeaseLostError otherwise. */
  confirm(): Promise<void>;
}

/**
 * A write refused because its job no longer holds a lease. Named `AbortError` on purpose: Octokit
 * passes an aborted request's error through as it is (not wrapped, not retried by its retry
 * plugin), so the job stops at once; `leaseLost` is what planbot looks at.
 */
export class LeaseLostError extends Error {
  readonly leaseLost = true;
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`lease on ${key} lost (${reason}); stopping before the next GitHub write`);
    this.name = 'AbortError';
  }
}

export function isLeaseLost(error: unknown): boolean {
  for (let current = error as { leaseLost?: boolean; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (current.leaseLost === true) return true;
    current = current.cause as typeof current;
  }
  return false;
}

const scope = new AsyncLocalStorage<readonly Lease[]>();

/** Runs fn with `lease` added to the leases its writes must confirm. */
export function withLease<T>(lease: Lease, fn: () => Promise<T>): Promise<T> {
  return scope.run([...currentLeases(), lease], fn);
}

/** The leases held by the work running here (none outside a job: tests, the CLI). */
export function currentLeases(): readonly Lease[] {
  return scope.getStore() ?? [];
}

export async function confirmAll(leases: readonly Lease[]): Promise<void> {
  for (const lease of leases) await lease.confirm();
}

/** The write guard's check (src/github/guard-writes.ts): the leases held where the write is issued, confirmed before it is sent. */
export function leaseWriteCheck(): (() => Promise<void>) | null {
  const leases = currentLeases();
  return leases.length === 0 ? null : () => confirmAll(leases);
}
