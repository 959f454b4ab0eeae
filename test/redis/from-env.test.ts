import { afterAll, expect, it } from '@jest/globals';
import pino from 'pino';
import { createQueue } from '../../src/queue/from-env.js';
import { RedisFeatureLock } from '../../src/queue/redis-feature-lock.js';
import { RedisQueue } from '../../src/queue/redis-queue.js';
import { queueSettingsFromEnv } from '../../src/queue/settings.js';
import { REDIS_URL, cleanPrefix, describeWithRedis, uniquePrefix } from '../helpers/redis.js';
import { recordingObserver } from '../helpers/queue-observer.js';

const prefix = uniquePrefix('from-env');

afterAll(async () => {
  await cleanPrefix(prefix).catch(() => undefined);
});

await describeWithRedis('createQueue with REDIS_URL', () => {
  it('builds the BullMQ queue with the issue-sync feature lock shared through Redis', async () => {
    const settings = queueSettingsFromEnv({ REDIS_URL, REDIS_PREFIX: prefix });
    const { queue, lock } = createQueue(async () => undefined, { settings, observer: recordingObserver(), log: pino({ level: 'silent' }) });
    expect(queue).toBeInstanceOf(RedisQueue);
    expect(lock).toBeInstanceOf(RedisFeatureLock);
    await queue.start!();
    expect(await lock.run('acme/web#001@specs/001/plan.md', async () => 'ran')).toBe('ran');
    expect(await queue.stats!()).toMatchObject({ mode: 'redis', redis: 'up' });
    await queue.close();
  });
});
