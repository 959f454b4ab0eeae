// Serialises sync work per repository + feature inside this process, so a `/planbot sync` comment
// (queued per repository) and a push (queued per feature) never reconcile the same issues at once.
// Each job gets its lock (`job.lock`), chosen once with the queue (src/queue/from-env.ts): this one,
// or a Redis-backed lock shared by several replicas.

export interface FeatureLock {
  /** Runs fn when no other holder of `key` is running; resolves or rejects with fn's outcome. */
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/** An in-process keyed mutex: callers of one key run one at a time, in arrival order. */
export class KeyedMutex implements FeatureLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      // Only the last waiter removes the entry, so the map does not grow with every feature ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a holder or waiters (for tests and metrics). */
  get size(): number {
    return this.tails.size;
  }
}

export function featureLockKey(owner: string, repo: string, feature: string, planPath: string): string {
  return `${owner}/${repo}#${feature}@${planPath}`;
}
