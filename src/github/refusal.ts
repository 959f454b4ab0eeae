// A permanent refusal: GitHub answered 4xx for a reason no retry changes (422 validation, 404, 410,
// 403 without a rate limit). Rate limits (429, or 403 saying so) pass with time; 5xx and network
// errors may pass too. Permanent ones are reported where people look, never retried quietly.
import { statusOf } from './errors.js';

export interface PermanentRefusal {
  status: number;
  /** GitHub's message, and the first of its `errors` entries when it gives one. */
  message: string;
}

export function permanentRefusal(error: unknown): PermanentRefusal | null {
  const status = statusOf(error);
  if (status === undefined || status < 400 || status >= 500 || status === 429 || status === 408) return null;
  const headers = (error as { response?: { headers?: Record<string, unknown> } })?.response?.headers ?? {};
  const data = (error as { response?: { data?: { message?: unknown; errors?: unknown[] } } })?.response?.data;
  const text = `${String(data?.message ?? '')} ${String((error as Error)?.message ?? '')}`;
  if (status === 403 && (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined || /rate limit/i.test(text))) return null;
  const first = data?.errors?.[0] as { message?: unknown; field?: unknown; code?: unknown } | string | undefined;
  const detail = typeof first === 'string' ? first : first ? [first.field, first.code, first.message].filter(Boolean).join(' ') : '';
  const message = [data?.message, detail].filter((part) => typeof part === 'string' && part !== '').join(': ');
  return { status, message: message || String((error as Error)?.message ?? '') };
}
