// The Probot application: acknowledge every relevant delivery by enqueueing it; a worker
// rebuilds a Context and dispatches it. Tests pass their own queue; production picks one from env
// (in-memory, or BullMQ when REDIS_URL is set). Also mounts GET /healthz and GET /metrics.
import { Context, type ApplicationFunction, type ApplicationFunctionOptions, type Probot } from 'probot';
import type { Logger } from 'pino';
import type { DeliveryProcessor, JobQueue, QueueStats } from '../queue/types.js';
import { createQueue, type QueueTools } from '../queue/from-env.js';
import { createQueueObserver } from '../queue/observer.js';
import { queueSettingsFromEnv } from '../queue/settings.js';
import { dispatch as dispatchEvent, isRelevant } from './dispatch.js';
import { orderingKey } from './ordering-key.js';
import { markAttempt } from './job-attempt.js';
import { guardWrites } from '../queue/guard-writes.js';
import { appIdentity, useSelfIdentity } from './self.js';
import { attachBackfillLane, backfillOrderingKey } from '../backfill/lane.js';
import { ConditionalCache, useConditionalRequests } from '../github/conditional-requests.js';
import { useRequestTimeout } from '../github/request-timeout.js';
import { createMetrics, type PlanbotMetrics } from '../metrics/registry.js';
import { instrumentOctokit } from '../metrics/octokit-metrics.js';
import { withRedaction } from '../logging/redact.js';
import { deliveryLog } from '../logging/delivery-log.js';
import { healthHandler } from '../server/health.js';
import { metricsHandler } from '../server/metrics-route.js';
import { BadPayloadError, checkPayloadShape } from '../server/payload-shape.js';
import { eventLabel } from '../metrics/event-label.js';
import { attachMetrics } from '../metrics/context-metrics.js';
import { serverSettingsFromEnv } from '../server/settings.js';
import type { RouteHandler } from '../server/http.js';

export interface PlanbotOptions {
  /** Builds the queue around the processor. Default: chosen from the environment. */
  createQueue?: (processor: DeliveryProcessor, app: Probot, tools: QueueTools) => JobQueue;
  /** Receives the queue once built (tests and the server wrapper use it to drain/close). */
  onQueue?: (queue: JobQueue) => void;
  /** ETag cache shared by every job of this process; tests may pass their own. */
  conditionalCache?: ConditionalCache;
  /** Metrics of this app instance. Default: a new registry (with Node's process metrics). */
  metrics?: PlanbotMetrics;
  /** Where settings are read from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** What a job runs. Default: the feature dispatcher; operations tests replace it. */
  dispatch?: (context: Context) => Promise<void>;
}

export function createPlanbot(options: PlanbotOptions = {}): ApplicationFunction {
  return async (app, appOptions) => {
    const env = options.env ?? process.env;
    const settings = queueSettingsFromEnv(env);
    const log = withRedaction(app.log as unknown as Logger);
    const metrics = options.metrics ?? createMetrics();
    const conditionalCache = options.conditionalCache ?? new ConditionalCache();
    const dispatch = options.dispatch ?? dispatchEvent;
    // Who planbot is (BOT_LOGIN, else GET /app), so its own edits and commits trigger nothing further.
    useSelfIdentity(appIdentity(app, log, env));

    const processor: DeliveryProcessor = async (delivery, reuse, attempt = 1, resumed = false) => {
      const installationId: number | undefined = delivery.payload?.installation?.id;
      // app.auth gives a client throttled per installation (the webhook's own client shares one
      // throttle with every installation in the process); the token comes from Probot's cache.
      const octokit = installationId ? await app.auth(installationId) : ((reuse as Context['octokit'] | undefined) ?? (await app.auth()));
      const scope = String(installationId ?? 'none');
      useRequestTimeout(octokit, settings.GITHUB_REQUEST_TIMEOUT_MS);
      // Redis mode: a run that lost its job's lease stops before its next write (src/queue/lease.ts).
      guardWrites(octokit);
      // Metrics first: inner hooks see the raw answer, so a 304 is counted as a 304.
      instrumentOctokit(octokit, metrics, scope);
      useConditionalRequests(octokit, conditionalCache, scope);
      const key = orderingKey(delivery.name, delivery.payload);
      const context = new Context(delivery as any, octokit, deliveryLog(log, delivery, key) as any);
      markAttempt(context, attempt, resumed);
      attachMetrics(context, metrics);
      // Backfill jobs go back into this queue, in the low-priority lane, one repository at a time per installation.
      attachBackfillLane(context, {
        enqueue: (job) => queue.enqueue(job, backfillOrderingKey(job.payload.installation.id), undefined, { lane: 'backfill' }),
        metrics,
      });
      await dispatch(context);
    };
    const tools: QueueTools = { settings, observer: createQueueObserver(log, metrics), log };
    const queue = options.createQueue ? options.createQueue(processor, app, tools) : createQueue(processor, tools);
    metrics.queueStats = () => queue.stats?.() ?? Promise.resolve(unknownStats);

    // Registered before any await: Probot may deliver as soon as this function yields.
    app.onAny(async (event) => {
      const context = event as unknown as Context;
      // Bad input is refused (400), never queued: no retry could fix it (src/server/payload-shape.ts).
      const shape = checkPayloadShape(context.name, context.payload);
      if (!shape.ok) {
        metrics.jobsDropped.inc({ event: eventLabel(context.name), reason: 'bad-payload' });
        const error = new BadPayloadError(context.id, context.name, shape.field, shape.problem);
        log.warn({ deliveryId: context.id, event: eventLabel(context.name), field: shape.field }, error.message);
        throw error;
      }
      const relevant = isRelevant(context.name, (context.payload as { action?: string }).action);
      metrics.webhooksReceived.inc({ event: eventLabel(context.name), relevant: String(relevant) });
      if (!relevant) return;
      const delivery = { id: context.id, name: context.name, payload: context.payload };
      await queue.enqueue(delivery, orderingKey(context.name, context.payload), context.octokit);
    });

    mountRoutes(appOptions, log, [
      healthHandler(async () => (queue.stats ? queue.stats() : unknownStats)),
      metricsHandler(metrics.registry, serverSettingsFromEnv(env).METRICS_TOKEN),
    ]);
    await queue.start?.();
    options.onQueue?.(queue);
  };
}

const unknownStats: QueueStats = { mode: 'inline', waiting: 0, active: 0, delayed: 0, failed: 0, closing: false };

function mountRoutes(appOptions: ApplicationFunctionOptions | undefined, log: Logger, handlers: RouteHandler[]): void {
  try {
    for (const handler of handlers) appOptions?.addHandler(handler as any);
  } catch {
    // Probot.load without a server (unit tests) has nowhere to mount routes.
    log.debug('no HTTP server: /healthz and /metrics not mounted');
  }
}

export default createPlanbot();
