// A Redis mutex: SET NX PX with a random token, renewed while held, released only by its owner
// (compare-and-delete in Lua). If the holder dies, the lock expires after its TTL.
// A held lock is also a lease (src/job/lease.ts): its holder knows until when it is surely
// still the holder — the TTL counted from when the last successful renewal was *sent* (Redis ran
// it later, so the real expiry is later still) — and confirms it before each GitHub write.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LeaseLostError, type Lease } from '../job/lease.js';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export interface HeldLock extends Lease {
  readonly key: string;
  /** False once a renewal found the lock taken over (the holder was too slow or Redis lost it). */
  readonly held: boolean;
  /** Local time (ms) until which the lock is surely still held. */
  readonly validUntil: number;
  release(): Promise<void>;
}

export interface RedisLockOptions {
  /** How long confirm() waits for Redis before falling back to the local validity. Default 2 s. */
  confirmTimeoutMs?: number;
}

export class RedisLock {
  /** A write may start only while at least this much of the lease is left: time for it to reach GitHub. */
  readonly marginMs: number;
  private readonly confirmTimeoutMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    options: RedisLockOptions = {},
  ) {
    this.marginMs = Math.max(100, Math.floor(ttlMs / 4));
    this.confirmTimeoutMs = options.confirmTimeoutMs ?? 2_000;
  }

  /** The lock, or null when someone else holds it. */
  async tryAcquire(key: string): Promise<HeldLock | null> {
    const token = randomUUID();
    const sentAt = Date.now();
    const ok = await this.redis.set(key, token, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') return null;
    return this.held(key, token, sentAt + this.ttlMs);
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

  private held(key: string, token: string, firstValidUntil: number): HeldLock {
    const { redis, ttlMs, marginMs, confirmTimeoutMs } = this;
    let held = true;
    let validUntil = firstValidUntil;
    let released = false;
    let lostReason = 'released';
    const lose = (reason: string) => {
      held = false;
      lostReason = reason;
    };
    /** One renewal: true when Redis renewed it, false when the lock is someone else's now. */
    const renew = async (): Promise<boolean> => {
      const sentAt = Date.now();
      const renewed = await redis.eval(RENEW, 1, key, token, String(ttlMs));
      if (renewed !== 1) {
        lose('it expired or was taken over');
        return false;
      }
      if (held) validUntil = Math.max(validUntil, sentAt + ttlMs);
      return true;
    };
    const renewal = setInterval(() => {
      // Redis away: the next renewal tries again; the validity bounds what the holder may still do.
      renew().catch(() => undefined);
    }, Math.max(50, Math.floor(ttlMs / 3)));
    renewal.unref();
    const lock: HeldLock = {
      key,
      get held() {
        return held;
      },
      get validUntil() {
        return validUntil;
      },
      async confirm() {
        if (!held) throw new LeaseLostError(key, lostReason);
        // Ask Redis (it is the judge), but never wait past the point the local validity runs out.
        for (let tries = 0; tries < 2; tries++) {
          const wait = Math.max(200, Math.min(confirmTimeoutMs, validUntil - marginMs - Date.now()));
          const answer = await withTimeout(renew(), wait).catch(() => 'error' as const);
          if (answer === false) throw new LeaseLostError(key, lostReason);
          if (Date.now() < validUntil - marginMs) return;
          if (answer !== true) break; // no answer, and the validity is used up
          // Renewed, but the answer came so late that the renewal itself proves too little: once more.
        }
        lose(`Redis did not confirm it within its ${ttlMs} ms TTL`);
        throw new LeaseLostError(key, lostReason);
      },
      async release() {
        clearInterval(renewal);
        if (released) return;
        released = true;
        lose('released');
        // Compare-and-delete: safe even when it is someone else's by now.
        await redis.eval(RELEASE, 1, key, token);
      },
    };
    return lock;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
