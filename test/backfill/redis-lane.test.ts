// The backfill lane in Redis mode: backfill jobs are BullMQ prioritized jobs, which a worker takes
// only after every plain (live) job waiting.
import { afterAll, afterEach, expect, it } from '@jest/globals';
import pino from 'pino';
import { RedisQueue } from '../../src/queue/redis-queue.js';
import { queueSettingsFromEnv, retryPolicyOf } from '../../src/queue/settings.js';
import type { Delivery } from '../../src/queue/types.js';
import { REDIS_URL, cleanPrefix, describeWithRedis, uniquePrefix } from '../helpers/redis.js';
import { deferred, delivery, recordingObserver } from '../helpers/queue-observer.js';

const prefix = uniquePrefix('backfill-lane');
let queue: RedisQueue | null = null;

afterEach(async () => {
  await queue?.close({ timeoutMs: 2_000 });
  queue = null;
});
afterAll(async () => {
  await cleanPrefix(prefix).catch(() => undefined);
});

await describeWithRedis('backfill lane (Redis)', () => {
  it('a worker takes live deliveries before backfill jobs queued earlier', async () => {
    const settings = queueSettingsFromEnv({ REDIS_URL, REDIS_PREFIX: prefix, QUEUE_CONCURRENCY: '1', QUEUE_ORDER_WAIT_MS: '20', QUEUE_LOCK_DURATION_MS: '1000' });
    const started: string[] = [];
    const gate = deferred();
    queue = new RedisQueue(
      async (job: Delivery) => {
        started.push(job.id);
        if (job.id === 'live-busy') await gate.promise;
      },
      { url: REDIS_URL, settings, policy: retryPolicyOf(settings), observer: recordingObserver(), log: pino({ level: 'silent' }) },
    );
    await queue.start();
    await queue.enqueue(delivery('live-busy'), 'acme/web#001-a');
    while (!started.includes('live-busy')) await new Promise((resolve) => setTimeout(resolve, 10));
    await queue.enqueue(delivery('backfill-1'), 'backfill:installation:7', undefined, { lane: 'backfill' });
    await queue.enqueue(delivery('backfill-2'), 'backfill:installation:8', undefined, { lane: 'backfill' });
    await queue.enqueue(delivery('live-late'), 'acme/web#002-b');
    gate.resolve();
    await queue.onIdle();
    expect(started).toEqual(['live-busy', 'live-late', 'backfill-1', 'backfill-2']);
  });
});
