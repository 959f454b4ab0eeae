// Small shared pieces of the HTTP layer: the handler shape Probot's addHandler uses, and helpers.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Returns true when it answered the request; false/undefined lets the next handler try. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

export function pathOf(req: IncomingMessage): string {
  const path = (req.url ?? '/').split('?')[0];
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
