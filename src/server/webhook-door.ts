// The webhook door: after the body-size guard, before Probot's middleware. For a delivery whose
// signature verifies, it refuses what no retry could fix, with 400 and one log line naming the
// delivery and the problem: a body that is not a JSON object (a string, `null`), or a payload
// missing a part the handlers read (src/server/payload-shape.ts). An event name GitHub does not
// have (`__proto__`, 5,000 characters of junk) is acknowledged and dropped, counted as `other`.
// Unsigned or wrongly signed requests pass through untouched: Probot refuses them as before.
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { isKnownEvent } from '../github/events.js';
import { eventLabel } from '../metrics/event-label.js';
import type { PlanbotMetrics } from '../metrics/registry.js';
import { pathOf, sendJson, type RouteHandler } from './http.js';
import { checkPayloadShape } from './payload-shape.js';

export interface DoorOptions {
  webhookPath: string;
  /** Probot's own check of X-Hub-Signature-256 (`probot.webhooks.verify`). */
  verify: (body: string, signature: string) => Promise<boolean>;
  metrics: PlanbotMetrics;
  log: Logger;
}

export function webhookDoor(options: DoorOptions): RouteHandler {
  const path = options.webhookPath.length > 1 ? options.webhookPath.replace(/\/+$/, '') : options.webhookPath;
  return async (req, res) => {
    if (req.method !== 'POST' || pathOf(req) !== path) return false;
    const body = (req as IncomingMessage & { body?: unknown }).body;
    const signature = header(req, 'x-hub-signature-256');
    const event = header(req, 'x-github-event');
    const deliveryId = header(req, 'x-github-delivery');
    // Probot answers requests without its headers, and bad signatures, itself.
    if (typeof body !== 'string' || !signature || !event || !deliveryId) return false;
    if (!(await options.verify(body, signature).catch(() => false))) return false;

    if (!isKnownEvent(event)) {
      options.metrics.webhooksReceived.inc({ event: eventLabel(event), relevant: 'false' });
      options.log.warn({ deliveryId: deliveryId.slice(0, 100), event: event.slice(0, 100) }, 'delivery with an unknown event name ignored');
      sendJson(res, 202, { ignored: 'unknown event name' });
      return true;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return refuse(options, res, deliveryId, event, '(body)', 'the body is not JSON');
    }
    const shape = checkPayloadShape(event, payload);
    if (!shape.ok) return refuse(options, res, deliveryId, event, shape.field, shape.problem);
    return false;
  };
}

function refuse(options: DoorOptions, res: Parameters<RouteHandler>[1], deliveryId: string, event: string, field: string, problem: string): true {
  options.metrics.jobsDropped.inc({ event: eventLabel(event), reason: 'bad-payload' });
  options.log.warn({ deliveryId, event, field }, `delivery ${deliveryId} (${event}) refused: ${problem}`);
  sendJson(res, 400, { error: `bad payload: ${problem}` });
  return true;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}
