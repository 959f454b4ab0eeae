// Picks the queue from the environment: Redis (BullMQ, several replicas) when REDIS_URL is set,
// otherwise the in-memory queue. The feature lock every job gets is chosen with it: in Redis mode it
// is shared through Redis too, so replicas never sync one feature at once.
import type { Logger } from 'pino';
import { KeyedMutex, type FeatureLock } from '../job/feature-lock.js';
import { MemoryQueue } from './memory-queue.js';
import { RedisFeatureLock } from './redis-feature-lock.js';
import { RedisLock } from './redis-lock.js';
import { RedisQueue } from './redis-queue.js';
import { quietBottleneckConnectionErrors } from './quiet-bottleneck.js';
import { retryPolicyOf, type QueueSettings } from './settings.js';
import type { DeliveryProcessor, JobQueue, QueueObserver } from './types.js';

export interface QueueTools {
  settings: QueueSettings;
  observer: QueueObserver;
  log: Logger;
}

/** The queue, and the lock that serialises sync work per feature in the jobs it runs. */
export interface QueueSetUp {
  queue: JobQueue;
  lock: FeatureLock;
}

export function createQueue(processor: DeliveryProcessor, { settings, observer, log }: QueueTools): QueueSetUp {
  const policy = retryPolicyOf(settings);
  if (!settings.REDIS_URL) {
    const queue = new MemoryQueue(processor, {
      concurrency: settings.QUEUE_CONCURRENCY,
      policy,
      observer,
      dedupe: { maxEntries: settings.DEDUPE_MAX_ENTRIES, ttlMs: settings.DEDUPE_TTL_SECONDS * 1000 },
    });
    return { queue, lock: new KeyedMutex() };
  }
  const queue = new RedisQueue(processor, { url: settings.REDIS_URL, settings, policy, observer, log });
  quietBottleneckConnectionErrors(log); // RedisHealth reports an outage once instead
  const lockTtlMs = settings.QUEUE_LOCK_DURATION_MS;
  const locks = new RedisLock(queue.redis, lockTtlMs, { confirmTimeoutMs: settings.REDIS_COMMAND_TIMEOUT_MS });
  return { queue, lock: new RedisFeatureLock(locks, settings.REDIS_PREFIX, lockTtlMs * 10) };
}
