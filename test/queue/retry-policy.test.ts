import { describe, expect, it } from '@jest/globals';
import { httpError } from '../helpers/queue-observer.js';
import { backoff, decide, type RetryPolicy } from '../../src/queue/retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000, maxRateLimitDelayMs: 3_600_000 };
const NOW = 1_700_000_000_000;

describe('decide', () => {
  it('retries 5xx with exponential backoff (±20 % jitter)', () => {
    const first = decide(httpError(502), 1, policy, NOW);
    const third = decide(httpError(500), 3, policy, NOW);
    expect(first).toMatchObject({ kind: 'retry', reason: 'server-error' });
    expect(third).toMatchObject({ kind: 'retry', reason: 'server-error' });
    if (first.kind !== 'retry' || third.kind !== 'retry') throw new Error('unreachable');
    expect(first.delayMs).toBeGreaterThanOrEqual(800);
    expect(first.delayMs).toBeLessThanOrEqual(1_200);
    expect(third.delayMs).toBeGreaterThanOrEqual(3_200);
    expect(third.delayMs).toBeLessThanOrEqual(4_800);
  });

  it('retries errors without a status (timeouts, network, Redis) as transient', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    expect(decide(timeout, 1, policy, NOW)).toMatchObject({ kind: 'retry', reason: 'transient' });
  });

  it('honours retry-after on 429 and on a secondary rate limit 403', () => {
    expect(decide(httpError(429, { headers: { 'retry-after': '7' } }), 1, policy, NOW)).toMatchObject({ kind: 'retry', reason: 'rate-limited', delayMs: 7_000 });
    expect(decide(httpError(403, { headers: { 'retry-after': '42' } }), 1, policy, NOW)).toMatchObject({ delayMs: 42_000 });
  });

  it('waits until x-ratelimit-reset when the primary limit is exhausted', () => {
    const reset = String(NOW / 1000 + 600);
    const decision = decide(httpError(403, { headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } }), 1, policy, NOW);
    expect(decision).toEqual({ kind: 'retry', reason: 'rate-limited', delayMs: 600_000 });
  });

  it('waits at least a minute for a rate limit that names no time, and at most the cap', () => {
    const secondary = httpError(403, { message: 'You have exceeded a secondary rate limit' });
    expect(decide(secondary, 1, policy, NOW)).toEqual({ kind: 'retry', reason: 'rate-limited', delayMs: 60_000 });
    const far = httpError(429, { headers: { 'retry-after': String(5 * 3600) } });
    expect(decide(far, 1, policy, NOW)).toMatchObject({ delayMs: 3_600_000 });
  });

  it('gives up at once on other 4xx, including a plain 403', () => {
    for (const status of [400, 403, 404, 409, 422]) {
      expect(decide(httpError(status), 1, policy, NOW)).toEqual({ kind: 'give-up', reason: 'client-error' });
    }
  });

  it('gives up on the last attempt even when the error is retryable', () => {
    expect(decide(httpError(503), 5, policy, NOW)).toEqual({ kind: 'give-up', reason: 'attempts-exhausted' });
    expect(decide(httpError(429, { headers: { 'retry-after': '1' } }), 5, policy, NOW)).toEqual({ kind: 'give-up', reason: 'attempts-exhausted' });
  });

  it('drops a job whose installation is gone: token exchange 404, or a revoked cached token (401)', () => {
    const exchange = httpError(404, { url: 'https://api.github.com/app/installations/99/access_tokens' });
    expect(decide(exchange, 1, policy, NOW)).toEqual({ kind: 'drop', reason: 'installation-gone' });
    expect(decide(httpError(401), 1, policy, NOW)).toEqual({ kind: 'drop', reason: 'installation-gone' });
  });

  it('treats a 401 from the token exchange as wrong app credentials, not a gone installation', () => {
    const exchange = httpError(401, { url: 'https://ghe.example.com/api/v3/app/installations/99/access_tokens' });
    expect(decide(exchange, 1, policy, NOW)).toEqual({ kind: 'give-up', reason: 'app-credentials' });
  });
});

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoff(attempt, policy, mid))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
