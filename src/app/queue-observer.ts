// Turns job lifecycle events into log lines (with the delivery id) and metrics.
// A job given up or abandoned is logged at error level with what a person needs to redeliver it.
import type { Logger } from 'pino';
import type { PlanbotMetrics } from '../metrics/registry.js';
import { deliveryLog } from '../logging/delivery-log.js';
import type { Delivery, QueueObserver } from '../queue/types.js';
import { orderingKey } from './ordering-key.js';

export function createQueueObserver(log: Logger, metrics: PlanbotMetrics): QueueObserver {
  const logFor = (delivery: Delivery) => deliveryLog(log, delivery, orderingKey(delivery.name, delivery.payload));
  const seconds = (ms: number) => ms / 1000;
  return {
    duplicate(delivery) {
      metrics.duplicateDeliveries.inc({ event: delivery.name });
      logFor(delivery).info('delivery already processed or in progress; ignoring the redelivery');
    },
    completed(delivery, { attempt, durationMs }) {
      metrics.jobsProcessed.inc({ event: delivery.name });
      metrics.jobDuration.observe({ event: delivery.name, outcome: 'completed' }, seconds(durationMs));
      logFor(delivery).info({ attempt, durationMs: Math.round(durationMs) }, 'job completed');
    },
    retrying(delivery, { attempt, delayMs, durationMs, error, reason }) {
      metrics.jobsRetried.inc({ event: delivery.name, reason });
      metrics.jobDuration.observe({ event: delivery.name, outcome: 'retried' }, seconds(durationMs));
      logFor(delivery).warn({ err: error, attempt, delayMs, reason }, `job failed (attempt ${attempt}); retrying in ${delayMs} ms`);
    },
    failed(delivery, { attempt, durationMs, error, reason }) {
      metrics.jobsFailed.inc({ event: delivery.name, reason });
      metrics.jobDuration.observe({ event: delivery.name, outcome: 'failed' }, seconds(durationMs));
      logFor(delivery).error(
        { err: error, attempt, reason },
        `job given up after ${attempt} attempt(s) (${reason}); redeliver delivery ${delivery.id} from the app's settings to try again`,
      );
    },
    dropped(delivery, { durationMs, error, reason }) {
      metrics.jobsDropped.inc({ event: delivery.name, reason });
      metrics.jobDuration.observe({ event: delivery.name, outcome: 'dropped' }, seconds(durationMs));
      logFor(delivery).warn(
        { reason, status: (error as { status?: number }).status, installation: delivery.payload?.installation?.id },
        'job dropped: the installation is gone (uninstalled or token revoked)',
      );
    },
    abandoned(deliveries) {
      for (const delivery of deliveries) {
        metrics.jobsFailed.inc({ event: delivery.name, reason: 'shutdown' });
        logFor(delivery).error(`shutdown timed out before delivery ${delivery.id} was processed; redeliver it from the app's settings`);
      }
    },
  };
}
