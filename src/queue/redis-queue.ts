// Redis mode: accepted deliveries go to a BullMQ queue; any replica's worker runs them.
// - Dedupe: the BullMQ job id is the delivery id (a redelivery while the job is retained is a
//   no-op) plus a `done:<delivery>` key with a TTL for processed ones. A delivery that failed for
//   good is not deduplicated: redelivering it replaces the failed job.
// - Order: per ordering key, jobs run one at a time (a Redis lock) in arrival order (KeyOrder);
//   a job whose key is busy is moved back to "delayed" and tried again shortly.
// - Crash safety: a replica killed mid-job loses its BullMQ lock; the stalled-job check moves the
//   job back to "waiting" and another replica runs it again (handlers are idempotent).
// - Redis hanging or stopping past the lock: the key's lock is the job's lease, confirmed before
//   every GitHub write (src/job/lease.ts), so a run that lost it stops before writing again; a
//   job handed back while this process still runs it joins that run instead of starting twice.
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { runAttempt } from './attempt.js';
import { isLeaseLost, withLease } from '../job/lease.js';
import { backoff, type RetryPolicy } from './retry-policy.js';
import { KeyOrder } from './redis-key-order.js';
import { RedisLock } from './redis-lock.js';
import { RedisHealth } from './redis-health.js';
import { closeClient, createRedisClients, waitUntilReady, type RedisClients } from './redis-connection.js';
import type { QueueSettings } from './settings.js';
import { QueueUnavailableError, type Delivery, type DeliveryProcessor, type EnqueueOptions } from './types.js';
import type { JobQueue, QueueObserver, QueueStats } from './types.js';

export const QUEUE_NAME = 'deliveries';
const BACKFILL_PRIORITY = 100;
const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

interface JobData {
  delivery: Delivery;
  orderingKey: string;
}

export interface RedisQueueOptions {
  url: string;
  settings: QueueSettings;
  policy: RetryPolicy;
  observer: QueueObserver;
  log: Logger;
  /** Start a worker in this process (default true). A producer-only process sets false. */
  work?: boolean;
}

/** Carries the wait the retry policy chose to BullMQ's backoff strategy. */
class RetryLater extends Error {
  constructor(
    readonly delayMs: number,
    cause: unknown,
  ) {
    super(`retry in ${delayMs} ms: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'RetryLater';
  }
}

/** Marks failures already reported to the observer, so the worker's 'failed' event skips them. */
const REPORTED = Symbol('reported');

export class RedisQueue implements JobQueue {
  private readonly clients: RedisClients;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private readonly locks: RedisLock;
  private readonly health: RedisHealth;
  private readonly order: KeyOrder;
  private readonly prefix: string;
  private closing = false;
  /** Jobs this process is running, by job id (a stalled job handed back to us joins its run). */
  private readonly running = new Map<string, Promise<string>>();
  /** Jobs whose run here ended while Redis was away: handed back as stalled, they were not abandoned. */
  private readonly ranHere = new LRUCache<string, true>({ max: 10_000, ttl: 3_600_000 });

  constructor(
    private readonly processor: DeliveryProcessor,
    private readonly options: RedisQueueOptions,
  ) {
    const { settings } = options;
    this.prefix = settings.REDIS_PREFIX;
    this.clients = createRedisClients(options.url, settings.REDIS_COMMAND_TIMEOUT_MS, options.log);
    this.queue = new Queue(QUEUE_NAME, { connection: this.clients.commands, prefix: this.prefix });
    this.queue.on('error', (error) => options.log.debug({ err: error }, 'BullMQ queue error'));
    this.locks = new RedisLock(this.clients.commands, settings.QUEUE_LOCK_DURATION_MS, { confirmTimeoutMs: settings.REDIS_COMMAND_TIMEOUT_MS });
    this.health = new RedisHealth(this.clients.commands, options.log, { url: options.url, timeoutMs: settings.REDIS_COMMAND_TIMEOUT_MS });
    this.order = new KeyOrder(this.clients.commands, this.prefix, async (jobId) =>
      LIVE_STATES.has(await this.queue.getJobState(jobId)),
    );
  }

  /** Connects (failing clearly when Redis does not answer) and starts the worker. */
  async start(connectTimeoutMs = this.options.settings.REDIS_CONNECT_TIMEOUT_MS): Promise<void> {
    await waitUntilReady(this.clients.commands, this.options.url, connectTimeoutMs);
    this.health.start();
    if (this.options.work === false) return;
    const { settings, policy } = this.options;
    this.worker = new Worker(QUEUE_NAME, (job, token) => this.process(job, token), {
      connection: this.clients.worker,
      prefix: this.prefix,
      concurrency: settings.QUEUE_CONCURRENCY,
      lockDuration: settings.QUEUE_LOCK_DURATION_MS,
      stalledInterval: settings.QUEUE_STALLED_INTERVAL_MS,
      maxStalledCount: settings.QUEUE_MAX_STALLED_COUNT,
      settings: {
        backoffStrategy: (attemptsMade, _type, error) =>
          error instanceof RetryLater ? error.delayMs : backoff(attemptsMade, policy),
      },
    });
    this.worker.on('error', (error) => this.options.log.debug({ err: error }, 'BullMQ worker error'));
    this.worker.on('stalled', (jobId) => {
      // Our own run of it is still going (Redis was away past the lock): process() joins that run.
      if (this.running.has(jobId)) return;
      if (this.ranHere.has(jobId)) {
        // Its run here ended while Redis was away, so its outcome could not be recorded.
        this.options.log.info({ jobId }, 'job run again: its last run here ended while Redis was unreachable');
        return;
      }
      this.options.log.warn({ jobId }, 'job stalled (its worker stopped or lost Redis); it runs again once its lease is free');
    });
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
  }

  async enqueue(delivery: Delivery, orderingKey: string, _reuse?: unknown, options: EnqueueOptions = {}): Promise<void> {
    if (this.closing) throw new QueueUnavailableError('planbot is shutting down; redeliver later');
    const timeoutMs = this.options.settings.REDIS_COMMAND_TIMEOUT_MS * 2;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      // If the timeout wins, the admission may still complete: the job then runs, and GitHub's
      // redelivery of the 503 is deduplicated. Nothing is lost, nothing runs twice.
      const admitted = this.admit(delivery, orderingKey, options);
      admitted.catch(() => undefined);
      await Promise.race([admitted, timedOut]);
    } catch (error) {
      const reason = this.health.state === 'down' ? 'Redis is unreachable' : `Redis: ${(error as Error).message}`;
      throw new QueueUnavailableError(`could not queue delivery ${delivery.id} (${reason}); redeliver it once Redis is back`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private async admit(delivery: Delivery, orderingKey: string, options: EnqueueOptions): Promise<void> {
    const jobId = jobIdFor(delivery.id);
    if ((await this.clients.commands.exists(this.doneKey(delivery.id))) === 1) {
      this.options.observer.duplicate(delivery);
      return;
    }
    const state = await this.queue.getJobState(jobId);
    if (state === 'failed') {
      await this.queue.remove(jobId); // a person redelivered a delivery that had failed for good
    } else if (state !== 'unknown') {
      this.options.observer.duplicate(delivery);
      return;
    }
    const data: JobData = { delivery, orderingKey };
    await this.queue.add(delivery.name, data, {
      jobId,
      attempts: this.options.policy.maxAttempts,
      backoff: { type: 'planbot' },
      removeOnComplete: { age: this.options.settings.DEDUPE_TTL_SECONDS, count: 100_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
      // BullMQ takes jobs without a priority before prioritized ones: live deliveries go first.
      ...(options.lane === 'backfill' ? { priority: BACKFILL_PRIORITY } : {}),
    });
    // After the add, so a job is never in the order set without existing (see KeyOrder).
    await this.order.join(orderingKey, jobId);
  }

  private async process(job: Job<JobData>, token: string | undefined): Promise<string> {
    const jobId = job.id!;
    const local = this.running.get(jobId);
    if (local) {
      // BullMQ gave the job back to us (its lock expired while Redis was unreachable) while our
      // first run of it is still going: never start a second one; take over that run's outcome,
      // which only this call (with the job's new lock) can record.
      this.options.log.info({ jobId }, 'job lock expired while Redis was unreachable; its run here continues (not started twice)');
      return local;
    }
    const run = this.runJob(job, token);
    this.running.set(jobId, run);
    try {
      return await run;
    } finally {
      if (this.running.get(jobId) === run) this.running.delete(jobId);
    }
  }

  private async runJob(job: Job<JobData>, token: string | undefined): Promise<string> {
    const { delivery, orderingKey } = job.data;
    const jobId = job.id!;
    const { observer, settings, policy } = this.options;
    if ((await this.clients.commands.exists(this.doneKey(delivery.id))) === 1) {
      // Processed already (e.g. it stalled after finishing); nothing new to do.
      await this.order.leave(orderingKey, jobId);
      observer.duplicate(delivery);
      return 'duplicate';
    }
    const lock = (await this.order.isTurn(orderingKey, jobId)) ? await this.locks.tryAcquire(this.lockKey(orderingKey)) : null;
    if (!lock) {
      const wait = settings.QUEUE_ORDER_WAIT_MS;
      await job.moveToDelayed(Date.now() + wait + Math.round(Math.random() * wait), token);
      throw new DelayedError();
    }
    let finished = false;
    try {
      // The key's lock is the job's lease: every GitHub write of this run confirms it first.
      // A run BullMQ took back after a stall may follow a run that wrote part of the work.
      const resumed = (job.stalledCounter ?? 0) > 0;
      const outcome = await withLease(lock, () => runAttempt(this.processor, delivery, job.attemptsMade + 1, policy, undefined, resumed));
      if (outcome.kind === 'retry') {
        observer.retrying(delivery, isLeaseLost(outcome.error) ? { ...outcome, reason: 'lease-lost' } : outcome);
        throw Object.assign(new RetryLater(outcome.delayMs, outcome.error), { [REPORTED]: true });
      }
      // Said as soon as the work is done: if recording it below fails (Redis away), the job's next
      // run finds the done key, or reads before it writes; either way the work is not done twice.
      if (outcome.kind === 'done') observer.completed(delivery, outcome);
      else if (outcome.kind === 'drop') observer.dropped(delivery, outcome);
      else observer.failed(delivery, outcome);
      await this.persistently(async () => {
        if (outcome.kind !== 'give-up') await this.clients.commands.set(this.doneKey(delivery.id), '1', 'EX', settings.DEDUPE_TTL_SECONDS);
        await this.order.leave(orderingKey, jobId);
      });
      finished = true;
      if (outcome.kind === 'give-up') {
        throw Object.assign(new UnrecoverableError(`${outcome.reason}: ${(outcome.error as Error)?.message}`), { [REPORTED]: true });
      }
      return outcome.kind;
    } finally {
      // Ended without its lease, or while Redis is away: BullMQ may not record the outcome, and
      // will hand the job back as stalled; that is no dead worker (see the 'stalled' listener).
      if (!lock.held || this.health.state === 'down') this.ranHere.set(jobId, true);
      await lock.release().catch(() => undefined); // expires by itself if Redis is away
      if (finished) await this.promoteNext(orderingKey).catch(() => undefined);
    }
  }

  /** A Redis write after the work is done: a blip (a slow answer) is tried again, briefly. */
  private async persistently(write: () => Promise<void>): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        return await write();
      } catch (error) {
        if (tries >= 3) throw error;
        await sleep(200 * tries);
      }
    }
  }

  /** The next job of the key is probably waiting out its poll delay: start it now. */
  private async promoteNext(orderingKey: string): Promise<void> {
    const next = await this.order.head(orderingKey);
    if (next && (await this.queue.getJobState(next)) === 'delayed') await (await Job.fromId(this.queue, next))?.promote();
  }

  /** Failures BullMQ decided on its own (a job that stalled too often) still get reported. */
  private async onFailed(job: Job<JobData> | undefined, error: Error): Promise<void> {
    if (!job || (error as { [REPORTED]?: boolean })[REPORTED]) return;
    const { delivery, orderingKey } = job.data;
    if (!job.finishedOn) {
      // Not given up: the job could not start (a Redis command failed) and BullMQ tries it again.
      this.options.log.warn({ jobId: job.id, deliveryId: delivery.id, err: { message: error.message } }, 'job could not start (Redis did not answer); it is tried again');
      return;
    }
    this.options.observer.failed(delivery, { attempt: job.attemptsMade, durationMs: 0, error, reason: 'stalled' });
    await this.order.leave(orderingKey, job.id!).catch(() => undefined);
  }

  async onIdle(): Promise<void> {
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((count) => count === 0)) return;
      await sleep(50);
    }
  }

  async close(options: { timeoutMs?: number } = {}): Promise<void> {
    this.closing = true;
    const closed = (this.worker?.close() ?? Promise.resolve()).then(() => true);
    const finished = options.timeoutMs === undefined ? await closed : await Promise.race([closed, sleep(options.timeoutMs, false, { ref: false })]);
    if (!finished) {
      // Past the bound: leave. The jobs' BullMQ locks expire and another replica takes them over.
      this.options.log.warn('shutdown timed out with jobs in progress; handing them back to the queue');
      this.clients.worker.disconnect();
    }
    this.health.stop();
    await this.queue.close().catch(() => undefined);
    await closeClient(this.clients.commands);
    await closeClient(this.clients.worker);
  }

  async stats(): Promise<QueueStats> {
    const base = { mode: 'redis' as const, closing: this.closing };
    try {
      await this.clients.commands.ping();
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
      return {
        ...base,
        redis: 'up',
        waiting: counts.waiting + counts.prioritized,
        active: counts.active,
        delayed: counts.delayed,
        failed: counts.failed,
      };
    } catch {
      return { ...base, redis: 'down', waiting: 0, active: 0, delayed: 0, failed: 0 };
    }
  }

  /** The commands connection, for other Redis-backed services of this process (feature locks). */
  get redis() {
    return this.clients.commands;
  }

  private doneKey(deliveryId: string): string {
    return `${this.prefix}:done:${jobIdFor(deliveryId)}`;
  }

  private lockKey(orderingKey: string): string {
    return `${this.prefix}:lock:${orderingKey}`;
  }
}

/** BullMQ ids may not contain ':' nor be integers; GitHub's are UUIDs, anything else is hashed. */
export function jobIdFor(deliveryId: string): string {
  if (/^[A-Za-z0-9-]{1,100}$/.test(deliveryId) && !/^\d+$/.test(deliveryId)) return deliveryId;
  return `h-${createHash('sha256').update(deliveryId).digest('hex').slice(0, 40)}`;
}
