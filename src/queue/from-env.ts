// Picks the queue from the environment: Redis (BullMQ, several replicas) when REDIS_URL is set,
// otherwise the in-memory queue. In Redis mode the sync feature lock is shared through Redis too.
import type { Logger } from 'pino';
import { featureLock, setFeatureLock } from '../sync/feature-lock.js';
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

export function createQueue(processor: DeliveryProcessor, { settings, observer, log }: QueueTools): JobQueue {
  const policy = retryPolicyOf(settings);
  if (!settings.REDIS_URL) {
    return new MemoryQueue(processor, {
      concurrency: settings.QUEUE_CONCURRENCY,
      policy,
      observer,
      dedupe: { maxEntries: settings.DEDUPE_MAX_ENTRIES, ttlMs: settings.DEDUPE_TTL_SECONDS * 1000 },
    });
  }
  const queue = new RedisQueue(processor, { url: settings.REDIS_URL, settings, policy, observer, log });
  quietBottleneckConnectionErrors(log); // RedisHealth reports an outage once instead

  const previous = featureLock();
  const lockTtlMs = settings.QUEUE_LOCK_DURATION_MS;
  const locks = new RedisLock(queue.redis, lockTtlMs, { confirmTimeoutMs: settings.REDIS_COMMAND_TIMEOUT_MS });
  setFeatureLock(new RedisFeatureLock(locks, settings.REDIS_PREFIX, lockTtlMs * 10));
  const close = queue.close.bind(queue);
  queue.close = async (options) => {
    await close(options);
    setFeatureLock(previous);
  };
  return queue;
}
