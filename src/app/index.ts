// The Probot application: acknowledge every relevant delivery by enqueueing it; a worker builds
// the delivery's Job (src/job/build-job.ts) and dispatches it (src/app/events.ts). Tests pass their
// own queue; production picks one from env (in-memory, or BullMQ when REDIS_URL is set). Also
// mounts GET /healthz and GET /metrics.
import type { ApplicationFunction, ApplicationFunctionOptions, Context, Probot } from 'probot';
import type { Logger } from 'pino';
import type { DeliveryProcessor, JobQueue, QueueStats } from '../queue/types.js';
import { createQueue, type QueueSetUp, type QueueTools } from '../queue/from-env.js';
import { queueSettingsFromEnv } from '../queue/settings.js';
import { KeyedMutex } from '../job/feature-lock.js';
import type { BackfillLane, Job } from '../job/job.js';
import type { GitHub } from '../github/github.js';
import { ConditionalCache } from '../github/conditional-requests.js';
import type { Octokit } from '../github/octokit-github.js';
import { planAnalysisCache } from '../plan/analysis-cache.js';
import { createMetrics, type PlanbotMetrics } from '../metrics/registry.js';
import { eventLabel } from '../metrics/event-label.js';
import { withRedaction } from '../logging/redact.js';
import { deliveryLog } from '../logging/delivery-log.js';
import { healthHandler } from '../server/health.js';
import { metricsHandler } from '../server/metrics-route.js';
import { BadPayloadError, checkPayloadShape } from '../server/payload-shape.js';
import { serverSettingsFromEnv } from '../server/settings.js';
import type { RouteHandler } from '../server/http.js';
import { backfillOrderingKey } from '../backfill/lane.js';
import { buildJob } from '../job/build-job.js';
import { dispatch as dispatchEvent } from './dispatch.js';
import { isRelevant } from './events.js';
import { installationGitHub } from './installation-github.js';
import { orderingKey } from './ordering-key.js';
import { createQueueObserver } from './queue-observer.js';
import { appIdentity } from './self.js';

export interface PlanbotOptions {
  /**
   * Builds the queue around the processor. Default: chosen from the environment, with the feature
   * lock that goes with it. A queue alone gets an in-process lock.
   */
  createQueue?: (processor: DeliveryProcessor, app: Probot, tools: QueueTools) => JobQueue | QueueSetUp;
  /** Receives the queue once built (tests and the server wrapper use it to drain/close). */
  onQueue?: (queue: JobQueue) => void;
  /** ETag cache shared by every job of this process; tests may pass their own. */
  conditionalCache?: ConditionalCache;
  /** Metrics of this app instance. Default: a new registry (with Node's process metrics). */
  metrics?: PlanbotMetrics;
  /** Where settings are read from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** What a job runs. Default: the feature dispatcher; operations tests replace it. */
  dispatch?: (job: Job) => Promise<void>;
  /**
   * The GitHub boundary a job gets for its installation's client. Default: installationGitHub
   * (Octokit with timeouts, write guard, request metrics and ETags). Unit tests pass an in-memory
   * GitHub, so the real app, event table and queue run without HTTP.
   */
  github?: (octokit: Octokit, installationId: string) => GitHub;
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
    const identity = appIdentity(app, log, env);
    const githubOf = options.github ?? installationGitHub({ requestTimeoutMs: settings.GITHUB_REQUEST_TIMEOUT_MS, metrics, conditionalCache });
    // Backfill jobs go back into this queue, in the low-priority lane, one repository at a time per installation.
    const backfill: BackfillLane = {
      enqueue: (queued) => queue.enqueue(queued, backfillOrderingKey(queued.payload.installation.id), undefined, { lane: 'backfill' }),
    };

    const processor: DeliveryProcessor = async (delivery, reuse, attempt = 1, resumed = false) => {
      const installationId: number | undefined = delivery.payload?.installation?.id;
      // app.auth gives a client throttled per installation (the webhook's own client shares one
      // throttle with every installation in the process); the token comes from Probot's cache.
      const octokit: Octokit = installationId ? await app.auth(installationId) : ((reuse as Octokit | undefined) ?? (await app.auth()));
      const job = buildJob({
        delivery,
        github: githubOf(octokit, String(installationId ?? 'none')),
        log: deliveryLog(log, delivery, orderingKey(delivery.name, delivery.payload)),
        attempt,
        resumed,
        identity,
        lock,
        analyses: planAnalysisCache,
        metrics,
        backfill,
      });
      await dispatch(job);
    };
    const tools: QueueTools = { settings, observer: createQueueObserver(log, metrics), log };
    const built = options.createQueue ? options.createQueue(processor, app, tools) : createQueue(processor, tools);
    const { queue, lock } = 'queue' in built ? built : { queue: built, lock: new KeyedMutex() };
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
