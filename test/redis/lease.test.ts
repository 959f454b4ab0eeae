// Leases and Redis health against a redis-server of the test's own, hung with SIGSTOP and stopped:
// a lock holder that can no longer prove it holds its lock stops writing to GitHub, and an outage
// is said once (warn) and its end once (info, with the time away).
import { afterAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { guardWrites } from '../../src/github/guard-writes.js';
import { isLeaseLost, leaseWriteCheck, withLease } from '../../src/job/lease.js';
import { RedisHealth } from '../../src/queue/redis-health.js';
import { RedisLock } from '../../src/queue/redis-lock.js';
import { waitUntilReady } from '../../src/queue/redis-connection.js';
import { RedisServerProcess, describeWithRedis } from '../helpers/redis.js';
import { recordingOctokit } from '../helpers/recording-octokit.js';

const servers: RedisServerProcess[] = [];
const clients: Redis[] = [];

afterAll(async () => {
  for (const client of clients) client.disconnect();
  for (const server of servers) await server.destroy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function server(): Promise<RedisServerProcess> {
  const started = new RedisServerProcess();
  servers.push(started);
  await started.start();
  return started;
}

/** Like planbot's commands connection: no offline queue, a short command timeout. */
async function commandsClient(url: string): Promise<Redis> {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 300, retryStrategy: () => 100 });
  client.on('error', () => undefined);
  clients.push(client);
  await waitUntilReady(client, url, 5_000);
  return client;
}

function recordingLog() {
  const lines: Array<{ level: 'warn' | 'info'; msg: string; fields: any }> = [];
  return {
    lines,
    warn: (fields: any, msg: string) => void lines.push({ level: 'warn', msg, fields }),
    info: (fields: any, msg: string) => void lines.push({ level: 'info', msg, fields }),
  };
}

/** An Octokit whose requests are recorded and answered locally, its writes guarded by the job's leases. */
function guardedOctokit() {
  const recording = recordingOctokit();
  guardWrites(recording.octokit, leaseWriteCheck);
  return recording;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

await describeWithRedis('leases and Redis health (own redis-server)', () => {
  it('a write confirms the lease; once Redis hangs past the lease, the holder writes nothing more', async () => {
    const redis = await server();
    const lock = new RedisLock(await commandsClient(redis.url), 1_000, { confirmTimeoutMs: 300 });
    const held = await lock.tryAcquire('lease-test:k');
    expect(held).not.toBeNull();
    const { octokit, sent } = guardedOctokit();

    await withLease(held!, async () => {
      await octokit.request('POST /repos/acme/web/issues', { title: 'while held' });
      redis.pause();
      const pausedAt = Date.now();
      // Reads need no lease.
      await octokit.request('GET /repos/acme/web/issues');
      await sleep(1_100); // past the TTL: Redis will have let the lock expire
      const refused = await octokit.request('POST /repos/acme/web/issues', { title: 'after the lease ran out' }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isLeaseLost(refused)).toBe(true);
      expect(Date.now() - pausedAt).toBeLessThan(3_000); // refused within the confirm bound, not stuck on Redis
      redis.resume();
      // Someone else takes the expired lock; the old holder still may not write.
      const other = await new RedisLock(await commandsClient(redis.url), 1_000).acquire('lease-test:k', 3_000, 50);
      expect(other).not.toBeNull();
      const late = await octokit.request('PATCH /repos/acme/web/issues/1', { title: 'late' }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isLeaseLost(late)).toBe(true);
      await other!.release();
    });
    expect(sent).toEqual(['POST /repos/acme/web/issues', 'GET /repos/acme/web/issues']);
  }, 30_000);

  it('a short hang inside the lease costs nothing: the write goes on what is left of the lease', async () => {
    const redis = await server();
    const lock = new RedisLock(await commandsClient(redis.url), 3_000, { confirmTimeoutMs: 300 });
    const held = await lock.tryAcquire('lease-test:short');
    const { octokit, sent } = guardedOctokit();
    redis.pause();
    setTimeout(() => redis.resume(), 400);
    await withLease(held!, () => octokit.request('POST /repos/acme/web/issues', { title: 'x' }));
    expect(sent).toEqual(['POST /repos/acme/web/issues']);
    expect(held!.held).toBe(true);
    await held!.release();
  }, 20_000);

  it('says a hang once (warn) and its end once (info, with the time away); the same for a stop', async () => {
    const redis = await server();
    const log = recordingLog();
    const health = new RedisHealth(await commandsClient(redis.url), log as any, { url: redis.url, timeoutMs: 300, intervalMs: 100 });
    health.start();
    try {
      await sleep(300);
      expect(health.state).toBe('up');
      redis.pause();
      await sleep(1_500);
      expect(health.state).toBe('down');
      redis.resume();
      await until(() => health.state === 'up');

      await redis.stop();
      await sleep(1_500);
      expect(health.state).toBe('down');
      await redis.start();
      await until(() => health.state === 'up');
    } finally {
      health.stop();
    }
    expect(log.lines.map((line) => `${line.level} ${line.msg.replace(/\d+\.\d s$/, 'N s')}`)).toEqual([
      'warn Redis unreachable (no answer within 300 ms); webhooks are answered 503 and jobs wait until it is back',
      'info Redis reachable again after N s',
      expect.stringMatching(/^warn Redis unreachable \((connection lost|.*ECONNREFUSED.*|.*ECONNRESET.*)\); webhooks are answered 503/),
      'info Redis reachable again after N s',
    ]);
    const away = log.lines.filter((line) => line.level === 'info').map((line) => line.fields.downMs);
    for (const ms of away) {
      expect(ms).toBeGreaterThanOrEqual(1_400);
      expect(ms).toBeLessThan(6_000);
    }
  }, 30_000);
});
