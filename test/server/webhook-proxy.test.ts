// WEBHOOK_PROXY_URL: deliveries reach planbot's webhook path through a smee-style channel (a local
// stand-in serving text/event-stream, as smee.io does), and an unreachable channel is one clear
// line, not a crash.
import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Job } from '../../src/job/job.js';
import { pino } from 'pino';
import { freePort } from '../../tools/sim/app-process.js';
import { generateAppKeyPair, signPayload } from '../../tools/sim/index.js';
import { startPlanbot, type RunningPlanbot } from '../../src/app/start.js';
import { startWebhookProxy, type WebhookProxy } from '../../src/server/webhook-proxy.js';
import { createBranchPayload } from '../helpers/payloads-operations.js';

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function capturingLog() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

/** A channel like smee.io's: GET opens an event stream; send() pushes one delivery down it. */
async function fakeChannel() {
  const streams: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write('event: ready\ndata: {}\n\n');
    streams.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    for (const res of streams) res.end();
    server.closeAllConnections();
    server.close(resolve);
  }));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/channel`,
    connected: () => streams.length,
    send(delivery: Record<string, unknown>) {
      for (const res of streams) res.write(`data: ${JSON.stringify(delivery)}\n\n`);
    },
  };
}

describe('startWebhookProxy', () => {
  it('says in one line that an unreachable channel cannot be reached, and does not throw', async () => {
    const { log, lines } = capturingLog();
    const source = `http://127.0.0.1:${await freePort()}/gone`;
    const proxy: WebhookProxy = await startWebhookProxy(source, 'http://127.0.0.1:1/api/github/webhooks', log, { connectTimeoutMs: 3000 });
    closers.push(() => proxy.close());
    // EventSource retries every 3 s; a retry that fails again adds no line.
    await new Promise((resolve) => setTimeout(resolve, 3500));
    const errors = lines.filter((line) => line.level >= 50).map((line) => line.msg);
    // (Under Jest's VM the error's cause, ECONNREFUSED, is from another realm and not spelled out.)
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^The webhook proxy ${source} cannot be reached \\((TypeError: )?fetch failed.*\\): GitHub's deliveries will not arrive here until it can\\.`));
  });
});

describe('planbot with WEBHOOK_PROXY_URL', () => {
  it('receives a signed delivery sent through the channel at its webhook path', async () => {
    const channel = await fakeChannel();
    const seen: Job[] = [];
    const secret = 'proxy-secret';
    const running: RunningPlanbot | null = await startPlanbot({
      env: { APP_ID: '4242', PRIVATE_KEY: generateAppKeyPair().privateKeyPem, WEBHOOK_SECRET: secret, HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'silent', WEBHOOK_PROXY_URL: channel.url },
      planbot: { dispatch: async (job) => void seen.push(job) },
    });
    closers.push(() => running?.stop());
    expect(channel.connected()).toBe(1);
    const body = createBranchPayload('001-user-auth');
    const raw = JSON.stringify(body);
    // smee.io sends the delivery's headers and body as one JSON event.
    channel.send({ 'x-github-event': 'create', 'x-github-delivery': 'via-proxy-1', 'x-hub-signature-256': signPayload(raw, secret), 'content-type': 'application/json', body, timestamp: Date.now() });
    for (let waited = 0; seen.length === 0 && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    await running!.queue.onIdle();
    expect(seen.map((job) => [job.name, job.id])).toEqual([['create', 'via-proxy-1']]);
  });
});
