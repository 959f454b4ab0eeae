// Whether Redis answers, watched by a ping every second (a hung Redis sends no error: only an
// unanswered ping shows it). It says what happens in two lines per outage, whatever the cause:
// one `warn` when Redis stops answering (a hang or a refused connection) and one `info` when it
// answers again, with how long it was away. Connection errors themselves are not logged one by
// one (ioredis and Bottleneck report every reconnect attempt).
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redactUrl } from './redis-connection.js';

export interface RedisHealthOptions {
  url: string;
  /** How long a ping may take before Redis counts as unreachable. */
  timeoutMs: number;
  /** Time between pings. Default 1 s. */
  intervalMs?: number;
  now?: () => number;
}

export class RedisHealth {
  private down: { reason: string } | null = null;
  /** When Redis last answered: the outage is counted from there (a hang is only noticed a timeout later). */
  private lastAnswer: number;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private readonly now: () => number;

  constructor(
    private readonly client: Redis,
    private readonly log: Pick<Logger, 'warn' | 'info'>,
    private readonly options: RedisHealthOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.lastAnswer = this.now();
    // A refused connection is known before the next ping.
    client.on('error', (error: Error) => this.markDown(error.message));
  }

  get state(): 'up' | 'down' {
    return this.down ? 'down' : 'up';
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.probe(), this.options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One ping; exposed for tests. */
  async probe(): Promise<void> {
    if (this.probing) return; // the previous ping is still waiting: that is what a hang looks like
    this.probing = true;
    const { timeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    try {
      const ping = this.client.ping();
      ping.catch(() => undefined);
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([ping, timeout]);
      this.markUp();
      this.lastAnswer = this.now();
    } catch (error) {
      this.markDown((error as Error).message);
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
  }

  private markDown(reason: string): void {
    if (this.down) return;
    this.down = { reason: describe(reason, this.options.timeoutMs) };
    this.log.warn(
      { redis: redactUrl(this.options.url), reason: this.down.reason },
      `Redis unreachable (${this.down.reason}); webhooks are answered 503 and jobs wait until it is back`,
    );
  }

  private markUp(): void {
    if (!this.down) return;
    const downMs = this.now() - this.lastAnswer;
    this.down = null;
    this.log.info({ redis: redactUrl(this.options.url), downMs }, `Redis reachable again after ${(downMs / 1000).toFixed(1)} s`);
  }
}

/** ioredis's words for a dropped connection are about its own queue; say what happened. */
function describe(reason: string, timeoutMs: number): string {
  if (/Stream isn't writeable|Connection is closed/i.test(reason)) return 'connection lost';
  if (/Command timed out/i.test(reason)) return `no answer within ${timeoutMs} ms`;
  return reason;
}
