// Keeps a backfill under the installation's primary rate limit. Every answer GitHub gives says
// what is left (x-ratelimit-remaining of x-ratelimit-limit, until x-ratelimit-reset; the boundary
// keeps the latest reading, `github.rateLimit()`); the backfill goes on only while more than a
// reserve is left, so live events keep the rest of the hour. Below the reserve it stops and asks
// the queue to try again after the reset.
import type { RateLimitReading } from '../github/github.js';

/** Share of the installation's hourly budget a backfill never touches: it belongs to live events. */
export const LIVE_RESERVE_FRACTION = 0.5;

export class RateBudget {
  /** `reading`: the installation's latest rate-limit reading (null before the first answer). */
  constructor(
    private readonly reading: () => RateLimitReading | null,
    private readonly reserveFraction = LIVE_RESERVE_FRACTION,
  ) {}

  /** Requests the backfill may still spend before the live reserve; Infinity while unknown. */
  spendable(): number {
    const state = this.known();
    if (!state) return Infinity;
    return state.remaining - Math.ceil(state.limit * this.reserveFraction);
  }

  /** Throws BackfillDeferred when the budget left is at or below the live reserve. */
  ensure(now = Date.now()): void {
    if (this.spendable() > 0) return;
    throw new BackfillDeferred(this.known()!, now);
  }

  /** A reading without a usable limit says nothing about the budget. */
  private known(): RateLimitReading | null {
    const state = this.reading();
    return state && Number.isFinite(state.remaining) && Number.isFinite(state.limit) && state.limit > 0 ? state : null;
  }
}

/**
 * "Try this repository again after the reset." Shaped like GitHub's own rate-limit answer (429
 * with retry-after), so the queue's retry policy waits it out like any rate limit.
 */
export class BackfillDeferred extends Error {
  readonly status = 429;
  readonly response: { headers: Record<string, string> };
  readonly retryAfterSeconds: number;

  constructor(state: RateLimitReading, now: number) {
    const retryAfterSeconds = Math.max(1, Math.ceil(state.reset - now / 1000));
    super(
      `backfill paused: ${state.remaining} of ${state.limit} requests left this hour, at or below the reserve kept for live events; ` +
        `resuming after the reset in ${retryAfterSeconds} s`,
    );
    this.name = 'BackfillDeferred';
    this.retryAfterSeconds = retryAfterSeconds;
    this.response = { headers: { 'retry-after': String(retryAfterSeconds) } };
  }
}
