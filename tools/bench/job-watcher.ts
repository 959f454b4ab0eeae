// When did the app finish a delivery? The queue logs one line per job ending (src/app/queue-observer.ts)
// carrying the delivery id and pino's `time`, so "done" is read from the app's own clock-stamped
// log rather than guessed from quiet periods. The watcher consumes the log array it is given
// (lines are removed once read), so a 10,000-event run does not pile them up in the bench process.

export type JobOutcome = 'completed' | 'failed' | 'dropped' | 'duplicate';

export interface JobEnd {
  outcome: JobOutcome;
  /** When the app logged the ending (epoch ms). */
  at: number;
}

/** The observer's messages for a job's end (and for a retry, which is not an end). */
const ENDINGS: Array<[prefix: string, outcome: JobOutcome]> = [
  ['job completed', 'completed'],
  ['job given up', 'failed'],
  ['job dropped', 'dropped'],
  ['delivery already processed', 'duplicate'],
];
const RETRY = 'job failed (attempt';
const ERROR_LEVEL = 50;

interface Waiter {
  resolve: (end: JobEnd) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class JobWatcher {
  private readonly ended = new Map<string, JobEnd>();
  private readonly waiters = new Map<string, Waiter>();
  private readonly poller: NodeJS.Timeout;
  /** Log lines at error level or above, and the first few of their messages. */
  errorCount = 0;
  readonly errors: string[] = [];
  retries = 0;

  constructor(
    private readonly logs: Array<Record<string, any>>,
    pollMs = 2,
  ) {
    this.poller = setInterval(() => this.scan(), pollMs);
    this.poller.unref();
  }

  /** Resolves when delivery `id` has ended (also when it ended before this call). */
  wait(id: string, timeoutMs = 120_000): Promise<JobEnd> {
    this.scan();
    const end = this.ended.get(id);
    if (end) {
      this.ended.delete(id);
      return Promise.resolve(end);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`delivery ${id} did not finish within ${timeoutMs} ms (no "job completed" log line)`));
      }, timeoutMs);
      this.waiters.set(id, { resolve, reject, timer });
    });
  }

  stop(): void {
    clearInterval(this.poller);
    for (const [id, waiter] of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(`stopped while waiting for delivery ${id}`));
    }
    this.waiters.clear();
  }

  private scan(): void {
    if (this.logs.length === 0) return;
    const lines = this.logs.splice(0, this.logs.length);
    for (const line of lines) {
      const message = typeof line.msg === 'string' ? line.msg : '';
      if (typeof line.level === 'number' && line.level >= ERROR_LEVEL) {
        this.errorCount += 1;
        if (this.errors.length < 10) this.errors.push(message);
      }
      if (message.startsWith(RETRY)) this.retries += 1;
      const id = line.deliveryId;
      const outcome = ENDINGS.find(([prefix]) => message.startsWith(prefix))?.[1];
      if (typeof id !== 'string' || !outcome) continue;
      const end: JobEnd = { outcome, at: typeof line.time === 'number' ? line.time : Date.now() };
      const waiter = this.waiters.get(id);
      if (waiter) {
        clearTimeout(waiter.timer);
        this.waiters.delete(id);
        waiter.resolve(end);
      } else this.ended.set(id, end);
    }
  }
}
