// The FeatureLock (src/job/feature-lock.ts) shared by every replica through
// Redis: a `/planbot sync` on one replica and a push on another never reconcile the same issues
// at once. Waiting too long throws, and the queue retries the job later. While held, it is a
// lease: the sync's GitHub writes confirm it first (src/job/lease.ts).
import type { FeatureLock } from '../job/feature-lock.js';
import { withLease } from '../job/lease.js';
import type { RedisLock } from './redis-lock.js';

export class RedisFeatureLock implements FeatureLock {
  constructor(
    private readonly locks: RedisLock,
    private readonly prefix: string,
    private readonly waitMs: number,
  ) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const lock = await this.locks.acquire(`${this.prefix}:feature-lock:${key}`, this.waitMs);
    if (!lock) throw new Error(`feature ${key} is still being synced elsewhere after ${this.waitMs} ms; will retry`);
    try {
      // Its writes confirm this lock too: a sync that lost it (Redis away past its TTL) stops.
      return await withLease(lock, fn);
    } finally {
      await lock.release().catch(() => undefined); // expires by itself if Redis is away
    }
  }
}
