// Prometheus metrics, one Registry per app instance (tests build several apps in one process).
// Labels stay low-cardinality: event names, route templates, status codes, reasons.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Jobs by state, as the queue counts them (its stats() answer has these and more). */
export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface PlanbotMetrics {
  registry: Registry;
  webhooksReceived: Counter<'event' | 'relevant'>;
  jobsProcessed: Counter<'event'>;
  jobsFailed: Counter<'event' | 'reason'>;
  jobsRetried: Counter<'event' | 'reason'>;
  jobsDropped: Counter<'event' | 'reason'>;
  duplicateDeliveries: Counter<'event'>;
  githubRequests: Counter<'method' | 'route' | 'status'>;
  rateLimitRemaining: Gauge<'installation'>;
  jobDuration: Histogram<'event' | 'outcome'>;
  /** Backfill progress (src/backfill): repositories queued, done, deferred for the rate limit. */
  backfillRepositories: Counter<'state'>;
  /** Open pull requests a backfill looked at: checked (they concern a plan) or skipped. */
  backfillPullRequests: Counter<'outcome'>;
  /** Command replies not written: over the per-person or per-issue budget (src/commands/reply-budget.ts). */
  commandRepliesDropped: Counter<'reason'>;
  /** Where the queue-depth gauge reads from; set once the queue exists. */
  queueStats: (() => Promise<QueueDepth>) | null;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): PlanbotMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'planbot_' });
  const registers = [registry];

  const metrics: PlanbotMetrics = {
    registry,
    webhooksReceived: new Counter({
      name: 'planbot_webhooks_received_total',
      help: 'Webhook deliveries accepted, by event; relevant="false" ones need no work',
      labelNames: ['event', 'relevant'],
      registers,
    }),
    jobsProcessed: new Counter({ name: 'planbot_jobs_processed_total', help: 'Jobs that succeeded', labelNames: ['event'], registers }),
    jobsFailed: new Counter({
      name: 'planbot_jobs_failed_total',
      help: 'Jobs given up (logged with their delivery id)',
      labelNames: ['event', 'reason'],
      registers,
    }),
    jobsRetried: new Counter({ name: 'planbot_jobs_retried_total', help: 'Retries scheduled', labelNames: ['event', 'reason'], registers }),
    jobsDropped: new Counter({
      name: 'planbot_jobs_dropped_total',
      help: 'Jobs dropped on purpose (e.g. the installation is gone)',
      labelNames: ['event', 'reason'],
      registers,
    }),
    duplicateDeliveries: new Counter({
      name: 'planbot_duplicate_deliveries_total',
      help: 'Redeliveries of in-flight or processed deliveries, ignored',
      labelNames: ['event'],
      registers,
    }),
    githubRequests: new Counter({
      name: 'planbot_github_requests_total',
      help: 'GitHub API requests made by jobs, by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    rateLimitRemaining: new Gauge({
      name: 'planbot_github_rate_limit_remaining',
      help: 'x-ratelimit-remaining last seen, per installation',
      labelNames: ['installation'],
      registers,
    }),
    jobDuration: new Histogram({
      name: 'planbot_job_duration_seconds',
      help: 'Time one attempt of a job took',
      labelNames: ['event', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    backfillRepositories: new Counter({
      name: 'planbot_backfill_repositories_total',
      help: 'Repositories caught up after an install: queued, done, deferred (waiting for the rate limit to reset)',
      labelNames: ['state'],
      registers,
    }),
    backfillPullRequests: new Counter({
      name: 'planbot_backfill_pull_requests_total',
      help: 'Open pull requests looked at by a backfill: checked (they concern a plan) or skipped (nothing for planbot)',
      labelNames: ['outcome'],
      registers,
    }),
    commandRepliesDropped: new Counter({
      name: 'planbot_command_replies_dropped_total',
      help: 'Replies to slash commands not written because that person or issue already had its share this hour',
      labelNames: ['reason'],
      registers,
    }),
    queueStats: null,
  };

  new Gauge({
    name: 'planbot_queue_depth',
    help: 'Jobs in the queue, by state',
    labelNames: ['state'],
    registers,
    async collect() {
      const stats = await metrics.queueStats?.().catch(() => null);
      if (!stats) return;
      for (const state of ['waiting', 'active', 'delayed', 'failed'] as const) this.set({ state }, stats[state]);
    },
  });
  return metrics;
}
