// Carries the simulator's webhooks to the app over HTTP, one at a time in the order GitHub would
// have sent them, and keeps a record so a test can redeliver them (same delivery ids) later.
import type { GitHubSimulator, SimEvent } from './index.js';
import { deliverWebhook, type DeliveryResult } from './webhooks.js';

export interface RelayOptions {
  /** The app's webhook URL, e.g. http://127.0.0.1:3000/api/github/webhooks */
  url: string;
  secret: string;
  /** Events the app is subscribed to; others are not sent (GitHub sends only subscribed events). */
  events?: Iterable<string>;
  /** Also send the webhooks caused by the app's own writes (GitHub does). Default true. */
  appEvents?: boolean;
}

export interface RelayedDelivery {
  event: SimEvent;
  /** 1 for the original delivery, 2+ for redeliveries. */
  attempt: number;
  result: DeliveryResult | null;
  error: string | null;
}

export class WebhookRelay {
  readonly deliveries: RelayedDelivery[] = [];
  private readonly queue: Array<{ event: SimEvent; attempt: number }> = [];
  private readonly subscribed: Set<string> | null;
  private running: Promise<void> | null = null;
  private readonly unsubscribe: () => void;
  private paused = false;

  constructor(
    simulator: GitHubSimulator,
    private readonly options: RelayOptions,
  ) {
    this.subscribed = options.events ? new Set(options.events) : null;
    this.unsubscribe = simulator.onEvent((event) => {
      if (this.subscribed && !this.subscribed.has(event.name)) return;
      if (event.origin === 'app' && options.appEvents === false) return;
      this.enqueue(event, 1);
    });
  }

  /** Deliveries queued or on the wire. */
  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Holds deliveries back (they queue up) until resume(). */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  /** Sends every original delivery again, with its original X-GitHub-Delivery id, in the original order. */
  redeliverAll(): number {
    const originals = this.deliveries.filter((delivery) => delivery.attempt === 1);
    for (const delivery of originals) this.enqueue(delivery.event, this.attemptsOf(delivery.event.id) + 1);
    return originals.length;
  }

  /** Redelivers the deliveries whose latest attempt failed (5xx or no answer), as a redelivery tool would. */
  redeliverFailed(): number {
    const latest = new Map<string, RelayedDelivery>();
    for (const delivery of this.deliveries) latest.set(delivery.event.id, delivery);
    const failed = [...latest.values()].filter((delivery) => delivery.error !== null || (delivery.result?.status ?? 500) >= 500);
    for (const delivery of failed) this.enqueue(delivery.event, delivery.attempt + 1);
    return failed.length;
  }

  /** Resolves once nothing is queued or on the wire. */
  async idle(): Promise<void> {
    while (this.running || (this.queue.length && !this.paused)) {
      this.pump();
      await this.running;
    }
  }

  stop(): void {
    this.unsubscribe();
    this.queue.length = 0;
  }

  private attemptsOf(id: string): number {
    return this.deliveries.filter((delivery) => delivery.event.id === id).length;
  }

  private enqueue(event: SimEvent, attempt: number): void {
    this.queue.push({ event, attempt });
    this.pump();
  }

  private pump(): void {
    if (this.running || this.paused || this.queue.length === 0) return;
    this.running = (async () => {
      while (this.queue.length && !this.paused) {
        const { event, attempt } = this.queue.shift()!;
        const record: RelayedDelivery = { event, attempt, result: null, error: null };
        try {
          record.result = await deliverWebhook(this.options.url, { id: event.id, name: event.name, payload: event.payload, secret: this.options.secret });
        } catch (error) {
          record.error = (error as Error).message;
        }
        this.deliveries.push(record);
      }
    })().finally(() => {
      this.running = null;
      this.pump();
    });
  }
}
