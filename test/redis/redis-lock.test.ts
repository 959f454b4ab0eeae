import { afterAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { RedisLock } from '../../src/queue/redis-lock.js';
import { closeClient } from '../../src/queue/redis-connection.js';
import { RedisFeatureLock } from '../../src/queue/redis-feature-lock.js';
import { REDIS_URL, cleanPrefix, describeWithRedis, uniquePrefix } from '../helpers/redis.js';
import { deferred } from '../helpers/queue-observer.js';

const prefix = uniquePrefix('lock');
const clients: Redis[] = [];
const client = () => {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  clients.push(redis);
  return redis;
};

afterAll(async () => {
  for (const redis of clients) await closeClient(redis);
  await cleanPrefix(prefix).catch(() => undefined);
});

await describeWithRedis('RedisLock', () => {
  it('is exclusive, and only its holder releases it', async () => {
    const a = new RedisLock(client(), 5_000);
    const b = new RedisLock(client(), 5_000);
    const held = await a.tryAcquire(`${prefix}:k1`);
    expect(held).not.toBeNull();
    expect(await b.tryAcquire(`${prefix}:k1`)).toBeNull();
    // Someone else's lock under the same key is not deleted by a stale holder's release.
    await held!.release();
    const other = await b.tryAcquire(`${prefix}:k1`);
    expect(other).not.toBeNull();
    await held!.release();
    expect(await a.tryAcquire(`${prefix}:k1`)).toBeNull();
    await other!.release();
    expect(await a.tryAcquire(`${prefix}:k1`)).not.toBeNull();
  });

  it('is renewed while held, and expires when its holder dies', async () => {
    const holderRedis = client();
    const holder = new RedisLock(holderRedis, 300);
    const waiter = new RedisLock(client(), 300);
    const held = await holder.tryAcquire(`${prefix}:k2`);
    await new Promise((resolve) => setTimeout(resolve, 700)); // > 2 TTLs: only renewal keeps it
    expect(held!.held).toBe(true);
    expect(await waiter.tryAcquire(`${prefix}:k2`)).toBeNull();
    holderRedis.disconnect(); // the holder "dies": no more renewals
    const taken = await waiter.acquire(`${prefix}:k2`, 3_000, 50);
    expect(taken).not.toBeNull();
    await taken!.release();
  });
});

await describeWithRedis('RedisFeatureLock', () => {
  it('serialises runs of one key across instances (replicas), not of different keys', async () => {
    const replicaA = new RedisFeatureLock(new RedisLock(client(), 5_000), prefix, 5_000);
    const replicaB = new RedisFeatureLock(new RedisLock(client(), 5_000), prefix, 5_000);
    const log: string[] = [];
    const gate = deferred();
    const first = replicaA.run('acme/web#001@specs/001/plan.md', async () => {
      log.push('A start');
      await gate.promise;
      log.push('A end');
      return 'a';
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = replicaB.run('acme/web#001@specs/001/plan.md', async () => {
      log.push('B start');
      return 'b';
    });
    const other = await replicaB.run('acme/web#002@specs/002/plan.md', async () => 'other');
    expect(other).toBe('other');
    expect(log).toEqual(['A start']);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(log).toEqual(['A start', 'A end', 'B start']);
  });

  it('throws (so the job is retried) when the key stays busy past the wait', async () => {
    const locks = new RedisLock(client(), 5_000);
    const held = await locks.tryAcquire(`${prefix}:feature-lock:busy`);
    const lock = new RedisFeatureLock(locks, prefix, 200);
    let ran = false;
    await expect(lock.run('busy', async () => void (ran = true))).rejects.toThrow(/still being synced elsewhere/);
    expect(ran).toBe(false);
    await held!.release();
  });
});
