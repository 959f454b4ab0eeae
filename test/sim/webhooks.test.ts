import { afterEach, describe, expect, it } from '@jest/globals';
import { verify } from '@octokit/webhooks-methods';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliverWebhook, signPayload } from '../../tools/sim/webhooks.js';

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function receiver(status: number): Promise<{ url: string; seen: Array<{ headers: IncomingHttpHeaders; body: string }> }> {
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      res.writeHead(status).end('ok');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/github/webhooks`, seen };
}

describe('webhook delivery', () => {
  it('signs with HMAC-SHA256 exactly as GitHub does (verifiable by @octokit/webhooks-methods)', async () => {
    const body = JSON.stringify({ action: 'opened', zero: 'é' });
    const signature = signPayload(body, 's3cret');
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(await verify('s3cret', body, signature)).toBe(true);
    expect(await verify('other', body, signature)).toBe(false);
  });

  it('POSTs the event with X-GitHub-Event, X-GitHub-Delivery and a valid X-Hub-Signature-256', async () => {
    const { url, seen } = await receiver(202);
    const result = await deliverWebhook(url, { name: 'issues', payload: { action: 'edited' }, id: 'delivery-1', secret: 's3cret' });
    expect(result).toMatchObject({ id: 'delivery-1', status: 202, body: 'ok' });
    expect(seen).toHaveLength(1);
    const [{ headers, body }] = seen;
    expect(headers).toMatchObject({ 'x-github-event': 'issues', 'x-github-delivery': 'delivery-1', 'content-type': 'application/json' });
    expect(await verify('s3cret', body, headers['x-hub-signature-256'] as string)).toBe(true);
    expect(JSON.parse(body)).toEqual({ action: 'edited' });
  });

  it('makes up a delivery id when none is given and reports error statuses', async () => {
    const { url } = await receiver(500);
    const result = await deliverWebhook(url, { name: 'push', payload: {}, secret: 's' });
    expect(result.status).toBe(500);
    expect(result.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
