// Runs each delivery at once, inside enqueue, serialised per ordering key.
// Used by tests (probot.receive resolves when the work is done) and as the simplest queue.
import type { Delivery, DeliveryProcessor, JobQueue, QueueStats } from './types.js';

export class InlineQueue implements JobQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly processor: DeliveryProcessor) {}

  async enqueue(delivery: Delivery, orderingKey: string, reuse?: unknown): Promise<void> {
    const previous = this.tails.get(orderingKey) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.processor(delivery, reuse));
    const tail = run.catch(() => undefined);
    this.tails.set(orderingKey, tail);
    this.running.add(tail);
    try {
      await run;
    } finally {
      this.running.delete(tail);
      if (this.tails.get(orderingKey) === tail) this.tails.delete(orderingKey);
    }
  }

  async onIdle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  async close(): Promise<void> {
    await this.onIdle();
  }

  async stats(): Promise<QueueStats> {
    return { mode: 'inline', waiting: 0, active: this.running.size, delayed: 0, failed: 0, closing: false };
  }
}
