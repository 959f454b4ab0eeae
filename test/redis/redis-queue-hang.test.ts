// RedisQueue with a redis-server of its own that hangs (SIGSTOP) longer than the job lock while a
// job runs: BullMQ hands the job back as "stalled", and the only worker, which is alive and still
// running it, must neither start it a second time nor report it as taken over.
import { afterAll, expect, it } from '@jest/globals';
import pino from 'pino';
import { RedisQueue } from '../../src/queue/redis-queue.js';
import { queueSettingsFromEnv, retryPolicyOf } from '../../src/queue/settings.js';
import { RedisServerProcess, describeWithRedis } from '../helpers/redis.js';
import { deferred, delivery, recordingObserver } from '../helpers/queue-observer.js';

const servers: RedisServerProcess[] = [];
const queues: RedisQueue[] = [];

afterAll(async () => {
  for (const queue of queues) await queue.close({ timeoutMs: 1_000 }).catch(() => undefined);
  for (const server of servers) await server.destroy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

await describeWithRedis('RedisQueue when Redis hangs past the job lock', () => {
  it('runs the job once (its run goes on, and its outcome is recorded) and says nothing about a takeover', async () => {
    const redis = new RedisServerProcess();
    servers.push(redis);
    await redis.start();
    const settings = queueSettingsFromEnv({
      REDIS_URL: redis.url,
      QUEUE_LOCK_DURATION_MS: '1000',
      QUEUE_STALLED_INTERVAL_MS: '300',
      QUEUE_ORDER_WAIT_MS: '20',
      REDIS_COMMAND_TIMEOUT_MS: '300',
    });
    const lines: Array<{ level: number; msg: string }> = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const observer = recordingObserver();
    const calls: Array<{ id: string; resumed: boolean }> = [];
    const gate = deferred();
    let running = 0;
    let overlapped = false;
    const queue = new RedisQueue(
      async (d, _reuse, _attempt, resumed = false) => {
        calls.push({ id: d.id, resumed });
        if (++running > 1) overlapped = true;
        try {
          if (d.id === 'long') await gate.promise;
        } finally {
          running--;
        }
      },
      { url: redis.url, settings, policy: retryPolicyOf(settings), observer, log },
    );
    queues.push(queue);
    await queue.start();
    await queue.enqueue(delivery('long'), 'acme/web#001-a');
    while (calls.length === 0) await sleep(20);

    redis.pause();
    await sleep(2_000); // twice the lock: Redis lets the job's lock expire
    redis.resume();
    await sleep(1_500); // the stalled-job check runs (every 300 ms) and hands the job back
    gate.resolve();
    const deadline = Date.now() + 15_000;
    while (!observer.of('completed').includes('long') && Date.now() < deadline) await sleep(50);
    await queue.enqueue(delivery('next'), 'acme/web#001-a');
    await queue.onIdle();

    expect(overlapped).toBe(false);
    expect(calls).toEqual([
      { id: 'long', resumed: false },
      { id: 'next', resumed: false },
    ]);
    expect(observer.events.map((event) => `${event.type} ${event.id}`)).toEqual(['completed long', 'completed next']);
    expect(lines.filter((line) => line.level >= 40).map((line) => line.msg)).toEqual([
      expect.stringMatching(/^Redis unreachable \(no answer within 300 ms\)/),
    ]);
    expect(lines.some((line) => line.level === 30 && /^job lock expired while Redis was unreachable; its run here continues/.test(line.msg))).toBe(true);
    expect((await queue.stats()).failed).toBe(0);
  }, 40_000);
});
