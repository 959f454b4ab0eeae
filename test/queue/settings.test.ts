import { describe, expect, it } from '@jest/globals';
import { queueSettingsFromEnv, retryPolicyOf } from '../../src/queue/settings.js';
import { EnvError } from '../../src/config/env.js';

describe('queueSettingsFromEnv', () => {
  it('has defaults for everything; empty values count as unset', () => {
    const settings = queueSettingsFromEnv({ QUEUE_CONCURRENCY: '', REDIS_URL: '' });
    expect(settings).toMatchObject({ QUEUE_CONCURRENCY: 32, QUEUE_MAX_ATTEMPTS: 5, REDIS_PREFIX: 'planbot', DEDUPE_TTL_SECONDS: 345_600 });
    expect(settings.REDIS_URL).toBeUndefined();
    expect(retryPolicyOf(settings)).toEqual({ maxAttempts: 5, baseDelayMs: 2_000, maxDelayMs: 300_000, maxRateLimitDelayMs: 3_600_000 });
  });

  it('reads numbers and the Redis URL', () => {
    expect(queueSettingsFromEnv({ QUEUE_CONCURRENCY: '3', REDIS_URL: 'redis://cache:6379/2' })).toMatchObject({
      QUEUE_CONCURRENCY: 3,
      REDIS_URL: 'redis://cache:6379/2',
    });
  });

  it('names every bad variable in one error, without echoing values', () => {
    let error: unknown;
    try {
      queueSettingsFromEnv({ QUEUE_CONCURRENCY: 'lots', QUEUE_MAX_ATTEMPTS: '0', REDIS_PREFIX: 'a:b', REDIS_URL: 'not a url with secret' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as Error).message;
    for (const name of ['QUEUE_CONCURRENCY', 'QUEUE_MAX_ATTEMPTS', 'REDIS_PREFIX', 'REDIS_URL']) expect(message).toContain(name);
    expect(message).not.toContain('secret');
  });
});
