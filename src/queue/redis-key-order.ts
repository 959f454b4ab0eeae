// Arrival order per ordering key across replicas. Each accepted job joins a sorted set for its
// key, scored by a Redis counter (so "arrival" is the order enqueues reached Redis, whatever the
// replicas' clocks say). A job may run only when it is the set's head; it leaves when it is done
// or given up, so later jobs also wait while the head is waiting for a retry.
// A head whose job no longer exists or already finished (a crash between finishing and leaving)
// is removed by whoever finds it, so a key never stays blocked.
import type { Redis } from 'ioredis';

const JOIN = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score then return score end
local n = redis.call('INCR', KEYS[2])
redis.call('ZADD', KEYS[1], n, ARGV[1])
return tostring(n)`;

/** How many dead heads one turn check clears before giving the slot back. */
const MAX_CLEANUPS = 5;

export class KeyOrder {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Whether a job id is still waiting, delayed or running. */
    private readonly isLive: (jobId: string) => Promise<boolean>,
  ) {}

  private setKey(orderingKey: string): string {
    return `${this.prefix}:order:${orderingKey}`;
  }

  /** Idempotent: a job keeps the place it first got. */
  async join(orderingKey: string, jobId: string): Promise<void> {
    await this.redis.eval(JOIN, 2, this.setKey(orderingKey), `${this.prefix}:order-seq`, jobId);
  }

  async isTurn(orderingKey: string, jobId: string): Promise<boolean> {
    await this.join(orderingKey, jobId);
    for (let i = 0; i < MAX_CLEANUPS; i++) {
      const head = await this.head(orderingKey);
      if (head === undefined || head === jobId) return true;
      if (await this.isLive(head)) return false;
      await this.redis.zrem(this.setKey(orderingKey), head);
    }
    return false;
  }

  async head(orderingKey: string): Promise<string | undefined> {
    const [head] = await this.redis.zrange(this.setKey(orderingKey), 0, 0);
    return head;
  }

  async leave(orderingKey: string, jobId: string): Promise<void> {
    await this.redis.zrem(this.setKey(orderingKey), jobId);
  }
}
