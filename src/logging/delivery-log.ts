// The logger every line about one delivery goes through: delivery id, event, repository and
// feature on each line, so `grep <delivery id>` tells a job's whole story.
import type { Logger } from 'pino';

/** What a log line tells of a delivery (the queue's Delivery, or a job). */
export interface DeliveryFacts {
  id: string;
  name: string;
  payload: any;
}

export function deliveryLog(log: Logger, delivery: DeliveryFacts, orderingKey: string): Logger {
  return log.child({
    deliveryId: delivery.id,
    event: delivery.name,
    action: delivery.payload?.action,
    repository: delivery.payload?.repository?.full_name,
    feature: featureOfKey(orderingKey),
  });
}

/** Ordering keys are `owner/repo#feature` or just `owner/repo`. */
export function featureOfKey(orderingKey: string): string | undefined {
  const hash = orderingKey.indexOf('#');
  return hash === -1 ? undefined : orderingKey.slice(hash + 1);
}
