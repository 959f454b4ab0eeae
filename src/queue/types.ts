// The seam between acknowledging a webhook and doing its work.
// Handlers only enqueue; a queue decides where and when the processor runs.

/** A webhook delivery as GitHub sent it; plain data, so it can cross processes (Redis mode). */
export interface Delivery {
  /** X-GitHub-Delivery: the deduplication key. */
  id: string;
  /** Event name, e.g. `pull_request`. */
  name: string;
  payload: any;
}

/**
 * Runs one delivery's work. `reuse` lets an in-process queue keep the webhook's own octokit.
 * `attempt` counts tries (1 for the first); `resumed` is true when an earlier run of this try may
 * have been cut short mid-way (Redis mode: the job was handed back after its lock expired), so
 * the work must look at what GitHub already has before writing, as a retry does.
 */
export type DeliveryProcessor = (delivery: Delivery, reuse?: unknown, attempt?: number, resumed?: boolean) => Promise<void>;

/**
 * Which lane a job runs in. `live` (the default): a webhook someone is waiting for. `backfill`:
 * work planbot gives itself (catching up an installation's open pull requests); a worker picks
 * it only when no live job is waiting.
 */
export type Lane = 'live' | 'backfill';

export interface EnqueueOptions {
  lane?: Lane;
}

export interface JobQueue {
  /**
   * Accepts a delivery. Resolves once the delivery is safely accepted (in memory, or in Redis);
   * rejects when it cannot be accepted, so the webhook answers 5xx and GitHub may redeliver.
   */
  enqueue(delivery: Delivery, orderingKey: string, reuse?: unknown, options?: EnqueueOptions): Promise<void>;
  /** Resolves when nothing is queued or running (tests, shutdown). */
  onIdle(): Promise<void>;
  /**
   * Stops taking work; finishes or hands back in-flight jobs. `timeoutMs` bounds the wait:
   * what is not finished by then is handed back (Redis) or logged by delivery id (memory).
   */
  close(options?: { timeoutMs?: number }): Promise<void>;
  /** Connects to its backing store, if any; rejects with a clear message when it cannot. */
  start?(): Promise<void>;
  /** Counts for /healthz and the queue-depth gauge. */
  stats?(): Promise<QueueStats>;
}

export interface QueueStats {
  mode: 'inline' | 'memory' | 'redis';
  /** Accepted, not started (includes jobs waiting for their ordering key). */
  waiting: number;
  active: number;
  /** Waiting for a retry (backoff or rate-limit reset). */
  delayed: number;
  /** Given up since start (memory) or retained failed jobs (Redis). */
  failed: number;
  closing: boolean;
  /** Redis mode: whether the queue's connection answers. */
  redis?: 'up' | 'down';
}

/** Why a job ended without success. */
export type FailureReason =
  | 'client-error'
  | 'attempts-exhausted'
  | 'app-credentials'
  | 'stalled'
  | 'installation-gone';

/** Job lifecycle notifications; the app turns them into log lines and metrics. */
export interface QueueObserver {
  duplicate(delivery: Delivery): void;
  completed(delivery: Delivery, detail: { attempt: number; durationMs: number }): void;
  retrying(delivery: Delivery, detail: { attempt: number; delayMs: number; durationMs: number; error: unknown; reason: string }): void;
  failed(delivery: Delivery, detail: { attempt: number; durationMs: number; error: unknown; reason: FailureReason }): void;
  dropped(delivery: Delivery, detail: { attempt: number; durationMs: number; error: unknown; reason: FailureReason }): void;
  /** Deliveries a queue could not finish nor hand back (in-memory shutdown past its bound). */
  abandoned(deliveries: Delivery[]): void;
}

/** An error whose HTTP status tells the webhook middleware what to answer (503: try again). */
export class QueueUnavailableError extends Error {
  readonly status = 503;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'QueueUnavailableError';
  }
}
