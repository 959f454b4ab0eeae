// The rate-limit budget a backfill keeps to: what is left after the reserve for live events, as the
// boundary's latest rate-limit reading says.
import { describe, expect, it } from '@jest/globals';
import { decide } from '../../src/queue/retry-policy.js';
import { BackfillDeferred, LIVE_RESERVE_FRACTION, RateBudget } from '../../src/backfill/budget.js';
import type { RateLimitReading } from '../../src/github/github.js';

const reading = (remaining: number, limit = 5000, reset = 1_800_000_000): RateLimitReading => ({ limit, remaining, reset });

describe('RateBudget', () => {
  it('goes on while nothing is known yet, and while more than the reserve is left', () => {
    let latest: RateLimitReading | null = null;
    const budget = new RateBudget(() => latest);
    expect(budget.spendable()).toBe(Infinity);
    expect(() => budget.ensure()).not.toThrow();
    latest = reading(2501);
    expect(budget.spendable()).toBe(1);
    budget.ensure();
  });

  it('stops at the reserve and asks to be retried after the reset, like a GitHub 429', () => {
    expect(LIVE_RESERVE_FRACTION).toBe(0.5);
    const budget = new RateBudget(() => reading(2500, 5000, 1_800_000_600));
    let thrown: unknown;
    try {
      budget.ensure(1_800_000_000_000);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BackfillDeferred);
    expect((thrown as BackfillDeferred).retryAfterSeconds).toBe(600);
    const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, maxRateLimitDelayMs: 3_600_000 };
    expect(decide(thrown, 1, policy)).toEqual({ kind: 'retry', reason: 'rate-limited', delayMs: 600_000 });
  });

  it('reads the latest reading each time, and ignores one without a usable limit', () => {
    let latest = reading(4000);
    const budget = new RateBudget(() => latest);
    expect(budget.spendable()).toBe(1500);
    latest = reading(2400);
    expect(() => budget.ensure()).toThrow(BackfillDeferred);
    latest = reading(0, 0);
    expect(budget.spendable()).toBe(Infinity);
  });
});
