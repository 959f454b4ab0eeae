// Keeps a backfill under the installation's primary rate limit. Every answer GitHub gives says
// what is left (x-ratelimit-remaining of x-ratelimit-limit, until x-ratelimit-reset); the backfill
// goes on only while more than a reserve is left, so live events keep the rest of the hour. Below
// the reserve it stops and asks the queue to try again after the reset.

/** Share of the installation's hourly budget a backfill never touches: it belongs to live events. */
export const LIVE_RESERVE_FRACTION = 0.5;

interface Headers {
  [name: string]: string | number | undefined;
}

export interface BudgetState {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

type Hookable = {
  hook: { wrap(name: 'request', hook: (request: (options: any) => Promise<any>, options: any) => Promise<any>): void };
};

/** Reads the installation's budget off every answer an Octokit gets, and counts requests and writes. */
export class RateBudget {
  state: BudgetState | null = null;
  requests = 0;
  writes = 0;

  constructor(private readonly reserveFraction = LIVE_RESERVE_FRACTION) {}

  watch(octokit: Hookable): this {
    octokit.hook.wrap('request', async (request, options) => {
      const method = String(options?.method ?? 'GET').toUpperCase();
      this.requests++;
      if (method !== 'GET' && method !== 'HEAD') this.writes++;
      try {
        const response = await request(options);
        this.observe(response?.headers);
        return response;
      } catch (error) {
        this.observe((error as { response?: { headers?: Headers } })?.response?.headers);
        throw error;
      }
    });
    return this;
  }

  observe(headers: Headers | undefined): void {
    if (!headers) return;
    const limit = Number(headers['x-ratelimit-limit']);
    const remaining = Number(headers['x-ratelimit-remaining']);
    const reset = Number(headers['x-ratelimit-reset']);
    if (headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining) || !Number.isFinite(limit) || limit <= 0) return;
    this.state = { limit, remaining, reset: Number.isFinite(reset) ? reset : 0 };
  }

  /** Requests the backfill may still spend before the live reserve; Infinity while unknown. */
  spendable(): number {
    if (!this.state) return Infinity;
    return this.state.remaining - Math.ceil(this.state.limit * this.reserveFraction);
  }

  /** Throws BackfillDeferred when the budget left is at or below the live reserve. */
  ensure(now = Date.now()): void {
    if (this.spendable() > 0) return;
    throw new BackfillDeferred(this.state!, now);
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

  constructor(state: BudgetState, now: number) {
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
