// Queue tuning from the environment. Every variable is optional; a bad value stops the app at
// start with a message naming the variable, rather than running with a surprise.
import { z } from 'zod';
import { parseEnv } from '../config/env.js';

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

export const queueEnvSchema = z.object({
  REDIS_URL: z.string().url().optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only').default('planbot'),
  REDIS_COMMAND_TIMEOUT_MS: int(2_000, 1),
  REDIS_CONNECT_TIMEOUT_MS: int(10_000, 1),
  QUEUE_CONCURRENCY: int(32, 1),
  QUEUE_MAX_ATTEMPTS: int(5, 1),
  QUEUE_BACKOFF_MS: int(2_000),
  QUEUE_MAX_BACKOFF_MS: int(300_000),
  QUEUE_MAX_RATE_LIMIT_WAIT_MS: int(3_600_000),
  QUEUE_LOCK_DURATION_MS: int(30_000, 100),
  QUEUE_STALLED_INTERVAL_MS: int(30_000, 100),
  QUEUE_MAX_STALLED_COUNT: int(2, 0),
  QUEUE_ORDER_WAIT_MS: int(1_000, 10),
  DEDUPE_TTL_SECONDS: int(4 * 24 * 3600, 1),
  DEDUPE_MAX_ENTRIES: int(10_000, 1),
  GITHUB_REQUEST_TIMEOUT_MS: int(30_000, 100),
});

export type QueueSettings = z.infer<typeof queueEnvSchema>;

export function queueSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  return parseEnv(queueEnvSchema, env);
}

export function retryPolicyOf(settings: QueueSettings) {
  return {
    maxAttempts: settings.QUEUE_MAX_ATTEMPTS,
    baseDelayMs: settings.QUEUE_BACKOFF_MS,
    maxDelayMs: settings.QUEUE_MAX_BACKOFF_MS,
    maxRateLimitDelayMs: settings.QUEUE_MAX_RATE_LIMIT_WAIT_MS,
  };
}
