// Refuses webhook bodies over the limit (GitHub never sends more than 25 MB) with 413, before
// buffering them: a declared Content-Length over the limit is refused unread; a chunked body is
// counted as it streams and dropped once it passes the limit. A body within the limit is handed
// to Probot's webhook middleware as `req.body` (it reads that instead of the stream).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pathOf, sendJson, type RouteHandler } from './http.js';

export function bodyLimit(webhookPath: string, maxBytes: number): RouteHandler {
  const path = webhookPath.length > 1 ? webhookPath.replace(/\/+$/, '') : webhookPath;
  return async (req, res) => {
    if (req.method !== 'POST' || pathOf(req) !== path) return false;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) return refuse(req, res, maxBytes);
    const body = await readLimited(req, maxBytes);
    if (body === null) return refuse(req, res, maxBytes);
    (req as IncomingMessage & { body?: string }).body = body;
    return false;
  };
}

function refuse(req: IncomingMessage, res: ServerResponse, maxBytes: number): true {
  res.setHeader('connection', 'close');
  sendJson(res, 413, { error: `payload larger than ${maxBytes} bytes` });
  req.resume(); // discard whatever is still arriving; the connection closes after the answer
  return true;
}

/** The body as UTF-8 text (as @octokit/webhooks decodes it), or null past the limit. */
function readLimited(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request aborted by the client'));
    });
  });
}
