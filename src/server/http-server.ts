// planbot's own HTTP server (instead of Probot's Server) so that the body-size guard runs before
// Probot's webhook middleware buffers anything. Handlers run in order; the first to answer wins.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { pathOf, sendJson, type RouteHandler } from './http.js';

const QUIET_PATHS = new Set(['/healthz', '/healthz/live', '/healthz/ready', '/metrics', '/ping']);

export interface PlanbotHttpServer {
  server: Server;
  /** Requests being answered now (shutdown waits for them before closing the queue). */
  inFlight(): number;
}

export function createHttpServer(handlers: RouteHandler[], log: Logger): PlanbotHttpServer {
  let inFlight = 0;
  const server = createServer(async (req, res) => {
    inFlight++;
    const started = performance.now();
    res.once('close', () => {
      inFlight--;
      const line = { deliveryId: req.headers['x-github-delivery'], status: res.statusCode, ms: Math.round(performance.now() - started) };
      const message = `${req.method} ${pathOf(req)} ${res.statusCode} - ${line.ms}ms`;
      if (QUIET_PATHS.has(pathOf(req))) log.debug(line, message);
      else log.info(line, message);
    });
    try {
      for (const handler of handlers) if (await handler(req, res)) return;
      if (!res.headersSent) sendJson(res, 404, { error: `Unknown route: ${req.method} ${pathOf(req)}` });
    } catch (error) {
      log.error({ err: error, deliveryId: req.headers['x-github-delivery'] }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    }
  });
  // Longer than the idle timeout of common load balancers (60 s), so they never reuse a
  // connection this server is closing (which shows as sporadic 502s). Shutdown closes idle ones.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return { server, inFlight: () => inFlight };
}

/** Probot's GET /ping. */
export const pingHandler: RouteHandler = (req, res) => {
  if (req.method !== 'GET' || pathOf(req) !== '/ping') return false;
  res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
  return true;
};

export async function listen(server: Server, port: number, host: string): Promise<{ port: number; host: string }> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') error.message = `Port ${port} is already in use. Set PORT to use a different port.`;
      reject(error);
    };
    server.once('error', onError);
    server.listen({ port, host }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return { port: address.port, host: address.family === 'IPv6' ? `[${address.address}]` : address.address };
}
