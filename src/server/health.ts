// GET /healthz (= /healthz/ready): can this process take deliveries? 503 while shutting down or
// when Redis (if configured) does not answer, so a load balancer sends webhooks elsewhere.
// GET /healthz/live: is the process alive (always 200 while it serves HTTP).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueueStats } from '../queue/types.js';
import { pathOf, sendJson, type RouteHandler } from './http.js';

export function healthHandler(stats: () => Promise<QueueStats | null>): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = pathOf(req);
    if (path === '/healthz/live') {
      sendJson(res, 200, { status: 'ok' });
      return true;
    }
    if (path !== '/healthz' && path !== '/healthz/ready') return false;
    const queue = await stats().catch(() => null);
    const redis = queue?.mode === 'redis' ? (queue.redis ?? 'down') : 'not configured';
    const ready = queue !== null && !queue.closing && redis !== 'down';
    const status = !queue ? 'unavailable' : queue.closing ? 'shutting down' : ready ? 'ok' : 'unavailable';
    sendJson(res, ready ? 200 : 503, { status, queue, redis });
    return true;
  };
}
