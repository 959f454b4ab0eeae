// The Probot application: acknowledge every relevant delivery by enqueueing it; a worker
// rebuilds a Context and dispatches it. Tests pass their own queue; production picks one from env.
import { Context, type ApplicationFunction, type Probot } from 'probot';
import type { DeliveryProcessor, JobQueue } from '../queue/types.js';
import { InlineQueue } from '../queue/inline-queue.js';
import { dispatch, isRelevant } from './dispatch.js';
import { orderingKey } from './ordering-key.js';
import { ConditionalCache, useConditionalRequests } from '../github/conditional-requests.js';

export interface PlanbotOptions {
  /** Builds the queue around the processor. Default: chosen from the environment. */
  createQueue?: (processor: DeliveryProcessor, app: Probot) => JobQueue;
  /** Receives the queue once built (tests and the server wrapper use it to drain/close). */
  onQueue?: (queue: JobQueue) => void;
  /** ETag cache shared by every job of this process; tests may pass their own. */
  conditionalCache?: ConditionalCache;
}

export function createPlanbot(options: PlanbotOptions = {}): ApplicationFunction {
  return (app, _appOptions) => {
    const conditionalCache = options.conditionalCache ?? new ConditionalCache();
    const processor: DeliveryProcessor = async (delivery, reuse) => {
      const installationId: number | undefined = delivery.payload?.installation?.id;
      const octokit = (reuse as Context['octokit'] | undefined) ?? (await app.auth(installationId));
      const log = app.log.child({
        deliveryId: delivery.id,
        event: delivery.name,
        repository: delivery.payload?.repository?.full_name,
      });
      useConditionalRequests(octokit, conditionalCache, String(installationId ?? 'none'));
      const context = new Context(delivery as any, octokit, log);
      await dispatch(context);
    };
    const queue = (options.createQueue ?? ((p) => new InlineQueue(p)))(processor, app);
    options.onQueue?.(queue);

    app.onAny(async (event) => {
      const context = event as unknown as Context;
      if (!isRelevant(context.name)) return;
      const delivery = { id: context.id, name: context.name, payload: context.payload };
      await queue.enqueue(delivery, orderingKey(context.name, context.payload), context.octokit);
    });
  };
}

export default createPlanbot();
