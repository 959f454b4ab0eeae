// The default queue: no setup, one process. Bounded concurrency (p-queue), retries with backoff,
// deduplication by delivery id, and one-at-a-time, arrival-order execution per ordering key.
// A job waiting for a retry holds no worker slot, so it never slows other keys down; jobs behind
// it on the same key wait for it (order), and go on once it succeeds or is given up.
import PQueue from 'p-queue';
import { setTimeout as sleep } from 'node:timers/promises';
import { runAttempt } from './attempt.js';
import type { RetryPolicy } from './retry-policy.js';
import { SeenDeliveries } from './seen-deliveries.js';
import { QueueUnavailableError, type Delivery, type DeliveryProcessor, type EnqueueOptions } from './types.js';
import type { JobQueue, QueueObserver, QueueStats } from './types.js';

export interface MemoryQueueOptions {
  concurrency: number;
  policy: RetryPolicy;
  dedupe: { maxEntries: number; ttlMs: number };
  observer: QueueObserver;
  /** How a retry waits; tests pass one that records the delays. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const waitFor = (ms: number, signal: AbortSignal) => sleep(ms, undefined, { signal });
/** p-queue runs higher priorities first (live jobs are 0): a free worker takes live work first. */
const BACKFILL_PRIORITY = -1;

export class MemoryQueue implements JobQueue {
  private readonly workers: PQueue;
  private readonly seen: SeenDeliveries;
  /** The last job of each ordering key; the next one chains after it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Accepted and not finished, by delivery id (what shutdown reports if it must abandon). */
  private readonly unfinished = new Map<string, Delivery>();
  private readonly jobs = new Set<Promise<void>>();
  private readonly aborter = new AbortController();
  private active = 0;
  private delayed = 0;
  private failed = 0;
  private closing = false;

  constructor(
    private readonly processor: DeliveryProcessor,
    private readonly options: MemoryQueueOptions,
  ) {
    this.workers = new PQueue({ concurrency: options.concurrency });
    this.seen = new SeenDeliveries(options.dedupe.maxEntries, options.dedupe.ttlMs);
  }

  async enqueue(delivery: Delivery, orderingKey: string, reuse?: unknown, options: EnqueueOptions = {}): Promise<void> {
    if (this.closing) throw new QueueUnavailableError('planbot is shutting down; redeliver later');
    if (!this.seen.claim(delivery.id)) {
      this.options.observer.duplicate(delivery);
      return;
    }
    this.unfinished.set(delivery.id, delivery);
    const previous = this.tails.get(orderingKey) ?? Promise.resolve();
    // Never rejects, so one job's surprise cannot stop the jobs chained behind it.
    const job = previous.then(() => this.run(delivery, reuse, options.lane === 'backfill' ? BACKFILL_PRIORITY : 0)).catch(() => undefined);
    this.tails.set(orderingKey, job);
    this.jobs.add(job);
    void job.finally(() => {
      this.jobs.delete(job);
      this.unfinished.delete(delivery.id);
      if (this.tails.get(orderingKey) === job) this.tails.delete(orderingKey);
    });
  }

  /** Never rejects: every ending is reported to the observer. */
  private async run(delivery: Delivery, reuse: unknown, priority: number): Promise<void> {
    const { observer, policy } = this.options;
    for (let attempt = 1; !this.aborter.signal.aborted; attempt++) {
      const outcome = await this.workers.add(
        async () => {
          this.active++;
          try {
            return await runAttempt(this.processor, delivery, attempt, policy, reuse);
          } finally {
            this.active--;
          }
        },
        { priority },
      );
      if (outcome.kind === 'done') {
        this.seen.done(delivery.id);
        observer.completed(delivery, outcome);
        return;
      }
      if (outcome.kind === 'drop') {
        this.seen.done(delivery.id);
        observer.dropped(delivery, outcome);
        return;
      }
      if (outcome.kind === 'give-up') {
        this.seen.forget(delivery.id);
        this.failed++;
        observer.failed(delivery, outcome);
        return;
      }
      observer.retrying(delivery, outcome);
      this.delayed++;
      try {
        await (this.options.wait ?? waitFor)(outcome.delayMs, this.aborter.signal);
      } catch {
        return; // shutdown gave up waiting; close() reports it as abandoned
      } finally {
        this.delayed--;
      }
    }
  }

  async onIdle(): Promise<void> {
    while (this.jobs.size > 0) await Promise.all([...this.jobs]);
  }

  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    this.closing = true;
    const timeoutMs = options.timeoutMs ?? Infinity;
    const drained = this.onIdle().then(() => true);
    const finished = Number.isFinite(timeoutMs)
      ? await Promise.race([drained, sleep(timeoutMs, false, { ref: false })])
      : await drained;
    if (finished) return;
    // Past the bound: stop retry waits and report what is left, so a person can redeliver it.
    this.aborter.abort();
    this.workers.clear();
    this.options.observer.abandoned([...this.unfinished.values()]);
  }

  async stats(): Promise<QueueStats> {
    const accepted = this.unfinished.size;
    return {
      mode: 'memory',
      waiting: Math.max(0, accepted - this.active - this.delayed),
      active: this.active,
      delayed: this.delayed,
      failed: this.failed,
      closing: this.closing,
    };
  }
}
