// What a failed "create file" means. Some answers are final (retrying changes nothing), some are
// worth a retry by the queue, and one means the file is already there.
import { statusOf } from './errors.js';

export type WriteFailure =
  /** GitHub says the file exists (create without `sha`): someone, maybe a concurrent delivery, was first. */
  | { kind: 'exists' }
  /** Final: branch gone (404/422), protection or rules (403/409/422). Log it, don't retry. */
  | { kind: 'refused'; status: number; reason: string }
  /** Transient: 5xx, rate limits, network. Rethrow so the queue retries. */
  | { kind: 'retry' };

export function classifyWriteFailure(error: unknown): WriteFailure {
  const status = statusOf(error);
  const reason = messageOf(error);
  if (status === undefined || status >= 500 || status === 429) return { kind: 'retry' };
  if (status === 403 && isRateLimit(error, reason)) return { kind: 'retry' };
  if (status === 422 && /\bsha\b.*\bwas(n't| not) supplied/i.test(reason)) return { kind: 'exists' };
  return { kind: 'refused', status, reason };
}

function isRateLimit(error: unknown, reason: string): boolean {
  const headers = (error as { response?: { headers?: Record<string, unknown> } })?.response?.headers ?? {};
  return String(headers['x-ratelimit-remaining']) === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(reason);
}

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } })?.response?.data;
  const message = typeof data?.message === 'string' ? data.message : (error as Error)?.message;
  return String(message ?? 'unknown error').replace(/\s+/g, ' ').trim();
}
