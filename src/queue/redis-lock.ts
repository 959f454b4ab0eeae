// A Redis mutex: SET NX PX with a random token, renewed while held, released only by its owner
// (compare-and-delete in Lua). If the holder dies, the lock expires after its TTL.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export interface HeldLock {
  readonly key: string;
  /** False once a renewal found the lock taken over (the holder was too slow or Redis lost it). */
  readonly held: boolean;
  release(): Promise<void>;
}

export class RedisLock {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
  ) {}

  /** The lock, or null when someone else holds it. */
  async tryAcquire(key: string): Promise<HeldLock | null> {
    const token = randomUUID();
    const ok = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') return null;
    return this.held(key, token);
  }

  /** Waits (polling) until the lock is free, up to `timeoutMs`; null if it never was. */
  async acquire(key: string, timeoutMs: number, pollMs = 100): Promise<HeldLock | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lock = await this.tryAcquire(key);
      if (lock || Date.now() >= deadline) return lock;
      await new Promise((resolve) => setTimeout(resolve, pollMs + Math.random() * pollMs));
    }
  }

  private held(key: string, token: string): HeldLock {
    const redis = this.redis;
    let held = true;
    const renewal = setInterval(() => {
      redis
        .eval(RENEW, 1, key, token, String(this.ttlMs))
        .then((renewed) => {
          if (renewed !== 1) held = false;
        })
        .catch(() => undefined); // Redis away: the next renewal tries again; the TTL protects the rest
    }, Math.max(50, Math.floor(this.ttlMs / 3)));
    renewal.unref();
    return {
      key,
      get held() {
        return held;
      },
      async release() {
        clearInterval(renewal);
        if (!held) return;
        held = false;
        await redis.eval(RELEASE, 1, key, token);
      },
    };
  }
}
