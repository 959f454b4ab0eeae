import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { createQueue } from '../../src/queue/from-env.js';
import { MemoryQueue } from '../../src/queue/memory-queue.js';
import { queueSettingsFromEnv } from '../../src/queue/settings.js';
import { KeyedMutex } from '../../src/job/feature-lock.js';
import { recordingObserver } from '../helpers/queue-observer.js';

describe('createQueue', () => {
  it('builds the in-memory queue without REDIS_URL, with an in-process feature lock', async () => {
    const { queue, lock } = createQueue(async () => undefined, { settings: queueSettingsFromEnv({}), observer: recordingObserver(), log: pino({ level: 'silent' }) });
    expect(queue).toBeInstanceOf(MemoryQueue);
    expect(lock).toBeInstanceOf(KeyedMutex);
    expect(await queue.stats!()).toMatchObject({ mode: 'memory' });
  });
});
