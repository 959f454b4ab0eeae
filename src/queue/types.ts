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

/** Runs one delivery's work. `reuse` lets an in-process queue keep the webhook's own octokit. */
export type DeliveryProcessor = (delivery: Delivery, reuse?: unknown) => Promise<void>;

export interface JobQueue {
  /**
   * Accepts a delivery. Resolves once the delivery is safely accepted (in memory, or in Redis);
   * rejects when it cannot be accepted, so the webhook answers 5xx and GitHub may redeliver.
   */
  enqueue(delivery: Delivery, orderingKey: string, reuse?: unknown): Promise<void>;
  /** Resolves when nothing is queued or running (tests, shutdown). */
  onIdle(): Promise<void>;
  /** Stops taking work; finishes or hands back in-flight jobs. */
  close(): Promise<void>;
}
