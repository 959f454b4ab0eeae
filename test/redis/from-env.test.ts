import { afterAll, expect, it } from '@jest/globals';
import pino from 'pino';
import { createQueue } from '../../src/queue/from-env.js';
import { RedisFeatureLock } from '../../src/queue/redis-feature-lock.js';
import { RedisQueue } from '../../src/queue/redis-queue.js';
import { queueSettingsFromEnv } from '../../src/queue/settings.js';
import { KeyedMutex, featureLock } from '../../src/sync/feature-lock.js';
import { REDIS_URL, cleanPrefix, describeWithRedis, uniquePrefix } from '../helpers/redis.js';
import { recordingObserver } from '../helpers/queue-observer.js';

const prefix = uniquePrefix('from-env');

afterAll(async () => {
  await cleanPrefix(prefix).catch(() => undefined);
});

await describeWithRedis('createQueue with REDIS_URL', () => {
  it('builds the BullMQ queue and shares the issue-sync feature lock through Redis until closed', async () => {
    const settings = queueSettingsFromEnv({ REDIS_URL, REDIS_PREFIX: prefix });
    const queue = createQueue(async () => undefined, { settings, observer: recordingObserver(), log: pino({ level: 'silent' }) });
    expect(queue).toBeInstanceOf(RedisQueue);
    expect(featureLock()).toBeInstanceOf(RedisFeatureLock);
    await queue.start!();
    expect(await featureLock().run('acme/web#001@specs/001/plan.md', async () => 'ran')).toBe('ran');
    expect(await queue.stats!()).toMatchObject({ mode: 'redis', redis: 'up' });
    await queue.close();
    expect(featureLock()).toBeInstanceOf(KeyedMutex);
  });
});
