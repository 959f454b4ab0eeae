// GET /metrics: Prometheus text from this app's registry. With METRICS_TOKEN set, scrapers must
// send `Authorization: Bearer <token>`.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { pathOf, sendJson, type RouteHandler } from './http.js';

export function metricsHandler(registry: Registry, token?: string): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' || pathOf(req) !== '/metrics') return false;
    if (token && !bearerMatches(req.headers.authorization, token)) {
      sendJson(res, 401, { error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
      return true;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
    return true;
  };
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
