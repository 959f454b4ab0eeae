// What to do with a job that threw: retry (and when), give up, or drop it.
// Shared by the in-memory and Redis queues so both behave the same.
import type { FailureReason } from './types.js';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** Backoff before the 2nd try; doubles each time. */
  baseDelayMs: number;
  /** Backoff cap for 5xx/timeouts. */
  maxDelayMs: number;
  /** Cap for a rate-limit wait (the primary limit resets within the hour). */
  maxRateLimitDelayMs: number;
}

export type Decision =
  | { kind: 'retry'; delayMs: number; reason: 'server-error' | 'rate-limited' | 'transient' }
  | { kind: 'give-up'; reason: FailureReason }
  | { kind: 'drop'; reason: FailureReason };

/** When a rate limit names no reset time, GitHub asks for at least a minute. */
const RATE_LIMIT_FALLBACK_MS = 60_000;
const TOKEN_EXCHANGE = /\/app\/installations\/\d+\/access_tokens$/;

/** `attempt` is 1 for the first try. */
export function decide(error: unknown, attempt: number, policy: RetryPolicy, now = Date.now()): Decision {
  const status = statusOf(error);
  const gone = installationGone(error, status);
  if (gone) return gone;

  const rateLimitDelay = rateLimitDelayMs(error, status, now);
  let retry: Decision;
  if (rateLimitDelay !== null) {
    retry = { kind: 'retry', reason: 'rate-limited', delayMs: Math.min(Math.max(rateLimitDelay, backoff(attempt, policy)), policy.maxRateLimitDelayMs) };
  } else if (status !== undefined && status >= 400 && status < 500) {
    return { kind: 'give-up', reason: 'client-error' };
  } else {
    // 5xx, timeouts, network and Redis errors, and anything unknown: retrying may help, and a
    // lost event costs more than a few extra tries.
    retry = { kind: 'retry', reason: status !== undefined ? 'server-error' : 'transient', delayMs: backoff(attempt, policy) };
  }
  return attempt >= policy.maxAttempts ? { kind: 'give-up', reason: 'attempts-exhausted' } : retry;
}

/** Exponential backoff with ±20 % jitter, so retries of a burst do not land together. */
export function backoff(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function headersOf(error: unknown): Record<string, string | undefined> {
  return ((error as { response?: { headers?: Record<string, string> } } | null)?.response?.headers ?? {}) as Record<
    string,
    string | undefined
  >;
}

/** Milliseconds to wait when the error is a (primary or secondary) rate limit; null otherwise. */
function rateLimitDelayMs(error: unknown, status: number | undefined, now: number): number | null {
  if (status !== 403 && status !== 429) return null;
  const headers = headersOf(error);
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return retryAfter * 1000;
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  const message = String((error as { message?: unknown })?.message ?? '');
  if (status === 429 || /rate limit/i.test(message)) return RATE_LIMIT_FALLBACK_MS;
  return null; // a plain 403: a permission problem, not worth retrying
}

/**
 * An uninstalled app: the token exchange answers 404, and a token cached before the uninstall
 * answers 401. A 401 from the token exchange itself means the app's own key is wrong: not
 * retryable either, but not "dropped": the delivery can be redelivered once the key is fixed.
 */
function installationGone(error: unknown, status: number | undefined): Decision | null {
  if (status !== 401 && status !== 404) return null;
  const url = String((error as { request?: { url?: unknown } } | null)?.request?.url ?? '');
  const tokenExchange = TOKEN_EXCHANGE.test(url.split('?')[0]);
  if (tokenExchange && status === 404) return { kind: 'drop', reason: 'installation-gone' };
  if (tokenExchange && status === 401) return { kind: 'give-up', reason: 'app-credentials' };
  if (status === 401) return { kind: 'drop', reason: 'installation-gone' };
  return null;
}
