// Redis mode: accepted deliveries go to a BullMQ queue; any replica's worker runs them.
// - Dedupe: the BullMQ job id is the delivery id (a redelivery while the job is retained is a
//   no-op) plus a `done:<delivery>` key with a TTL for processed ones. A delivery that failed for
//   good is not deduplicated: redelivering it replaces the failed job.
// - Order: per ordering key, jobs run one at a time (a Redis lock) in arrival order (KeyOrder);
//   a job whose key is busy is moved back to "delayed" and tried again shortly.
// - Crash safety: a replica killed mid-job loses its BullMQ lock; the stalled-job check moves the
//   job back to "waiting" and another replica runs it again (handlers are idempotent).
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DelayedError, Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import type { Logger } from 'pino';
import { runAttempt } from './attempt.js';
import { backoff, type RetryPolicy } from './retry-policy.js';
import { KeyOrder } from './redis-key-order.js';
import { RedisLock } from './redis-lock.js';
import { closeClient, createRedisClients, waitUntilReady, type RedisClients } from './redis-connection.js';
import type { QueueSettings } from './settings.js';
import {
  QueueUnavailableError,
  type Delivery,
  type DeliveryProcessor,
  type JobQueue,
  type QueueObserver,
  type QueueStats,
} from './types.js';

export const QUEUE_NAME = 'deliveries';
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
  private readonly order: KeyOrder;
  private readonly prefix: string;
  private closing = false;

  constructor(
    private readonly processor: DeliveryProcessor,
    private readonly options: RedisQueueOptions,
  ) {
    const { settings } = options;
    this.prefix = settings.REDIS_PREFIX;
    this.clients = createRedisClients(options.url, settings.REDIS_COMMAND_TIMEOUT_MS, options.log);
    this.queue = new Queue(QUEUE_NAME, { connection: this.clients.commands, prefix: this.prefix });
    this.queue.on('error', (error) => options.log.debug({ err: error }, 'BullMQ queue error'));
    this.locks = new RedisLock(this.clients.commands, settings.QUEUE_LOCK_DURATION_MS);
    this.order = new KeyOrder(this.clients.commands, this.prefix, async (jobId) =>
      LIVE_STATES.has(await this.queue.getJobState(jobId)),
    );
  }

  /** Connects (failing clearly when Redis does not answer) and starts the worker. */
  async start(connectTimeoutMs = this.options.settings.REDIS_CONNECT_TIMEOUT_MS): Promise<void> {
    await waitUntilReady(this.clients.commands, this.options.url, connectTimeoutMs);
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
    this.worker.on('stalled', (jobId) =>
      this.options.log.warn({ jobId }, 'job stalled (its worker stopped); another worker takes it over'),
    );
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
  }

  async enqueue(delivery: Delivery, orderingKey: string): Promise<void> {
    if (this.closing) throw new QueueUnavailableError('planbot is shutting down; redeliver later');
    const timeoutMs = this.options.settings.REDIS_COMMAND_TIMEOUT_MS * 2;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
      });
      // If the timeout wins, the admission may still complete: the job then runs, and GitHub's
      // redelivery of the 503 is deduplicated. Nothing is lost, nothing runs twice.
      const admitted = this.admit(delivery, orderingKey);
      admitted.catch(() => undefined);
      await Promise.race([admitted, timedOut]);
    } catch (error) {
      throw new QueueUnavailableError(`could not queue delivery ${delivery.id} in Redis: ${(error as Error).message}`, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private async admit(delivery: Delivery, orderingKey: string): Promise<void> {
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
    });
    // After the add, so a job is never in the order set without existing (see KeyOrder).
    await this.order.join(orderingKey, jobId);
  }

  private async process(job: Job<JobData>, token: string | undefined): Promise<string> {
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
      const outcome = await runAttempt(this.processor, delivery, job.attemptsMade + 1, policy);
      if (outcome.kind === 'retry') {
        observer.retrying(delivery, outcome);
        throw Object.assign(new RetryLater(outcome.delayMs, outcome.error), { [REPORTED]: true });
      }
      if (outcome.kind !== 'give-up') {
        await this.clients.commands.set(this.doneKey(delivery.id), '1', 'EX', settings.DEDUPE_TTL_SECONDS);
      }
      await this.order.leave(orderingKey, jobId);
      finished = true;
      if (outcome.kind === 'done') observer.completed(delivery, outcome);
      else if (outcome.kind === 'drop') observer.dropped(delivery, outcome);
      else {
        observer.failed(delivery, outcome);
        throw Object.assign(new UnrecoverableError(`${outcome.reason}: ${(outcome.error as Error)?.message}`), { [REPORTED]: true });
      }
      return outcome.kind;
    } finally {
      await lock.release().catch(() => undefined); // expires by itself if Redis is away
      if (finished) await this.promoteNext(orderingKey).catch(() => undefined);
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
