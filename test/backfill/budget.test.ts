// The rate-limit budget a backfill keeps to: what is left after the reserve for live events.
import { describe, expect, it } from '@jest/globals';
import { decide } from '../../src/queue/retry-policy.js';
import { BackfillDeferred, LIVE_RESERVE_FRACTION, RateBudget } from '../../src/backfill/budget.js';

const headers = (remaining: number, limit = 5000, reset = 1_800_000_000) => ({
  'x-ratelimit-limit': String(limit),
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': String(reset),
});

describe('RateBudget', () => {
  it('goes on while nothing is known yet, and while more than the reserve is left', () => {
    const budget = new RateBudget();
    expect(budget.spendable()).toBe(Infinity);
    expect(() => budget.ensure()).not.toThrow();
    budget.observe(headers(2501));
    expect(budget.spendable()).toBe(1);
    budget.ensure();
  });

  it('stops at the reserve and asks to be retried after the reset, like a GitHub 429', () => {
    expect(LIVE_RESERVE_FRACTION).toBe(0.5);
    const budget = new RateBudget();
    budget.observe(headers(2500, 5000, 1_800_000_600));
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

  it('ignores answers without rate-limit headers and keeps the last known budget', () => {
    const budget = new RateBudget();
    budget.observe(headers(100));
    budget.observe({ etag: '"x"' });
    expect(budget.state).toEqual({ limit: 5000, remaining: 100, reset: 1_800_000_000 });
  });

  it('counts requests and writes through the Octokit it watches', async () => {
    type Wrap = (request: (options: any) => Promise<any>, options: any) => Promise<any>;
    let wrap: Wrap | null = null;
    const octokit = { hook: { wrap: (_name: 'request', hook: Wrap) => void (wrap = hook) } };
    const budget = new RateBudget().watch(octokit);
    await wrap!(async () => ({ headers: headers(4000) }), { method: 'GET' });
    await wrap!(async () => ({ headers: headers(3999) }), { method: 'POST' });
    await expect(wrap!(async () => Promise.reject(Object.assign(new Error('x'), { response: { headers: headers(3998) } })), { method: 'PATCH' })).rejects.toThrow('x');
    expect([budget.requests, budget.writes, budget.state?.remaining]).toEqual([3, 2, 3998]);
  });
});
