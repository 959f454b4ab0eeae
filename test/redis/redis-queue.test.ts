// RedisQueue against the real Redis: several queue instances in one process play the replicas.
import { afterAll, afterEach, expect, it } from '@jest/globals';
import pino from 'pino';
import { RedisQueue } from '../../src/queue/redis-queue.js';
import { queueSettingsFromEnv, retryPolicyOf } from '../../src/queue/settings.js';
import type { Delivery } from '../../src/queue/types.js';
import { CuttableRedisProxy, REDIS_URL, cleanPrefix, describeWithRedis, uniquePrefix } from '../helpers/redis.js';
import { deferred, delivery, httpError, recordingObserver } from '../helpers/queue-observer.js';

const prefixes: string[] = [];
const queues: RedisQueue[] = [];

interface QueueSetup {
  url?: string;
  prefix?: string;
  observer?: ReturnType<typeof recordingObserver>;
  env?: Record<string, string>;
}

/** One replica: a RedisQueue with fast test timings (tracked for cleanup). */
function makeQueue(processor: (d: Delivery) => Promise<void>, setup: QueueSetup = {}) {
  const url = setup.url ?? REDIS_URL;
  const prefix = setup.prefix ?? uniquePrefix('queue');
  if (!prefixes.includes(prefix)) prefixes.push(prefix);
  const settings = queueSettingsFromEnv({
    REDIS_URL: url,
    REDIS_PREFIX: prefix,
    QUEUE_BACKOFF_MS: '20',
    QUEUE_ORDER_WAIT_MS: '20',
    QUEUE_MAX_ATTEMPTS: '3',
    QUEUE_LOCK_DURATION_MS: '1000',
    QUEUE_STALLED_INTERVAL_MS: '500',
    ...setup.env,
  });
  const observer = setup.observer ?? recordingObserver();
  const queue = new RedisQueue(processor, { url, settings, policy: retryPolicyOf(settings), observer, log: pino({ level: 'silent' }) });
  queues.push(queue);
  return { queue, observer, prefix };
}

/** `count` replicas sharing one queue (same prefix) and one observer. */
function replicas(count: number, processor: (d: Delivery) => Promise<void>) {
  const first = makeQueue(processor);
  const rest = Array.from({ length: count - 1 }, () => makeQueue(processor, { prefix: first.prefix, observer: first.observer }).queue);
  return { queues: [first.queue, ...rest], observer: first.observer, prefix: first.prefix };
}

async function started<T extends { queues: RedisQueue[] }>(setup: T): Promise<T> {
  await Promise.all(setup.queues.map((queue) => queue.start()));
  return setup;
}

afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close({ timeoutMs: 2_000 })));
});

afterAll(async () => {
  for (const prefix of prefixes) await cleanPrefix(prefix).catch(() => undefined);
});

await describeWithRedis('RedisQueue', () => {
  it('processes an accepted delivery once; redeliveries in flight or after are ignored', async () => {
    const calls: string[] = [];
    const gate = deferred();
    const { queues: [a, b], observer } = await started(
      replicas(2, async (d) => {
        calls.push(d.id);
        await gate.promise;
      }),
    );
    await a.enqueue(delivery('d1'), 'acme/web#001-a');
    await b.enqueue(delivery('d1'), 'acme/web#001-a'); // in flight (or waiting)
    gate.resolve();
    await a.onIdle();
    await b.enqueue(delivery('d1'), 'acme/web#001-a'); // processed
    await a.onIdle();
    expect(calls).toEqual(['d1']);
    expect(observer.of('completed')).toEqual(['d1']);
    expect(observer.of('duplicate')).toEqual(['d1', 'd1']);
  });

  it('does not retry a 4xx, and a person can redeliver the failed delivery', async () => {
    let fail = true;
    const calls: string[] = [];
    const { queues: [a], observer } = await started(
      replicas(1, async (d) => {
        calls.push(d.id);
        if (fail) throw httpError(422);
      }),
    );
    await a.enqueue(delivery('d1'), 'k');
    await a.onIdle();
    expect((await a.stats()).failed).toBe(1);
    fail = false;
    await a.enqueue(delivery('d1'), 'k');
    await a.onIdle();
    expect(calls).toEqual(['d1', 'd1']);
    expect(observer.events.map((e) => `${e.type}:${e.reason ?? ''}`)).toEqual(['failed:client-error', 'completed:']);
    expect((await a.stats()).failed).toBe(0);
  });

  it('runs one key one job at a time in arrival order across replicas, other keys in parallel', async () => {
    const log: string[] = [];
    let running = 0;
    let overlap = false;
    const { queues: [a, b, c] } = await started(
      replicas(3, async (d) => {
        if (d.payload.key === 'hot') {
          running++;
          if (running > 1) overlap = true;
        }
        log.push(`start ${d.id}`);
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 20));
        log.push(`end ${d.id}`);
        if (d.payload.key === 'hot') running--;
      }),
    );
    const hot = Array.from({ length: 8 }, (_, n) => `hot-${n}`);
    const replicaFor = [a, b, c];
    for (const [n, id] of hot.entries()) {
      await replicaFor[n % 3].enqueue(delivery(id, 'push', { key: 'hot' }), 'acme/web#001-hot');
      await replicaFor[(n + 1) % 3].enqueue(delivery(`cold-${n}`, 'push', { key: 'cold' }), `acme/web#1${n}-cold`);
    }
    await a.onIdle();
    expect(overlap).toBe(false);
    expect(log.filter((line) => line.startsWith('start hot')).map((line) => line.slice(6))).toEqual(hot);
    // Cold jobs are not held back by the hot key: some start while a hot job is running.
    const hotRunningWhenColdStarts = log.some((line, i) => line.startsWith('start cold') && log.slice(0, i).filter((l) => l.startsWith('start hot')).length > log.slice(0, i).filter((l) => l.startsWith('end hot')).length);
    expect(hotRunningWhenColdStarts).toBe(true);
  });

  it('retries a 5xx with backoff; later jobs of the key wait for it', async () => {
    let attempts = 0;
    const log: string[] = [];
    const { queues: [a, b], observer } = await started(
      replicas(2, async (d) => {
        log.push(d.id);
        if (d.id === 'flaky' && ++attempts < 3) throw httpError(502);
      }),
    );
    await a.enqueue(delivery('flaky'), 'acme/web#001-a');
    await b.enqueue(delivery('next'), 'acme/web#001-a');
    await a.onIdle();
    expect(log).toEqual(['flaky', 'flaky', 'flaky', 'next']);
    expect(observer.events.filter((e) => e.id === 'flaky').map((e) => e.type)).toEqual(['retrying', 'retrying', 'completed']);
  });

  it('gives up after maxAttempts (logged once as failed); the next job of the key then runs', async () => {
    const log: string[] = [];
    const { queues: [a], observer } = await started(
      replicas(1, async (d) => {
        log.push(d.id);
        if (d.id === 'broken') throw httpError(500);
      }),
    );
    await a.enqueue(delivery('broken'), 'acme/web#001-a');
    await a.enqueue(delivery('after'), 'acme/web#001-a');
    await a.onIdle();
    expect(log).toEqual(['broken', 'broken', 'broken', 'after']);
    expect(observer.events.filter((e) => e.type === 'failed')).toEqual([{ type: 'failed', id: 'broken', attempt: 3, reason: 'attempts-exhausted' }]);
  });

  it('drops a job whose installation is gone without retrying; its redelivery is ignored', async () => {
    let calls = 0;
    const { queues: [a], observer } = await started(
      replicas(1, async () => {
        calls++;
        throw httpError(404, { url: 'https://api.github.com/app/installations/5/access_tokens' });
      }),
    );
    await a.enqueue(delivery('gone'), 'k');
    await a.onIdle();
    await a.enqueue(delivery('gone'), 'k');
    await a.onIdle();
    expect(calls).toBe(1);
    expect(observer.events.map((e) => e.type)).toEqual(['dropped', 'duplicate']);
  });

  it('hands jobs back when closed past its bound: another replica finishes them', async () => {
    const calls: string[] = [];
    const hang = deferred();
    let first = true;
    const { queues: [a], observer } = await started(
      replicas(1, async (d) => {
        calls.push(d.id);
        if (first) {
          first = false;
          await hang.promise; // this replica hangs on its first job
        }
      }),
    );
    await a.enqueue(delivery('handed-back'), 'k');
    while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await a.close({ timeoutMs: 100 });
    // A second replica of the same queue picks the job up once its lock expires.
    const { queue: b } = makeQueue(async (d) => void calls.push(d.id), { prefix: prefixes[prefixes.length - 1], observer });
    await b.start();
    const deadline = Date.now() + 15_000;
    while (!observer.of('completed').includes('handed-back') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual(['handed-back', 'handed-back']);
    expect(observer.of('completed')).toEqual(['handed-back']);
    hang.resolve(); // let the first replica's abandoned run end, so its worker can close
  });
});

await describeWithRedis('RedisQueue when Redis goes away', () => {
  it('refuses deliveries at once with a 503 error, reports redis down, and recovers', async () => {
    const proxy = new CuttableRedisProxy();
    await proxy.start();
    const calls: string[] = [];
    const { queue } = makeQueue(async (d) => void calls.push(d.id), { url: proxy.url, env: { REDIS_COMMAND_TIMEOUT_MS: '300' } });
    await queue.start();
    await queue.enqueue(delivery('before'), 'k');
    await queue.onIdle();

    await proxy.cut();
    const started = Date.now();
    const error = await queue.enqueue(delivery('during'), 'k').then(
      () => null,
      (caught) => caught,
    );
    expect(error).toMatchObject({ name: 'QueueUnavailableError', status: 503 });
    expect(String(error.message)).toMatch(/^could not queue delivery during \((Redis is unreachable|Redis: .+)\); redeliver it once Redis is back$/);
    expect(Date.now() - started).toBeLessThan(2_000); // fails fast: no offline queue
    expect(await queue.stats()).toMatchObject({ mode: 'redis', redis: 'down' });

    await proxy.restore();
    const deadline = Date.now() + 10_000;
    while ((await queue.stats()).redis !== 'up' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await queue.enqueue(delivery('during'), 'k'); // GitHub's redelivery
    await queue.onIdle();
    expect(calls).toEqual(['before', 'during']);
    await queue.close({ timeoutMs: 1_000 });
    await proxy.cut();
  });

  it('fails to start with a clear message when Redis does not answer', async () => {
    const { queue } = makeQueue(async () => undefined, { url: 'redis://127.0.0.1:1' });
    await expect(queue.start(300)).rejects.toThrow('Redis at redis://127.0.0.1:1 did not answer within 300 ms (REDIS_URL)');
  });
});
