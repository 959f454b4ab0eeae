// The real server (startPlanbot: Probot from the environment, planbot's HTTP server, the queue
// from the environment) driven over HTTP. The job's work is replaced by a recorder, so these
// tests are about acknowledging, refusing and routing, not about features.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import nock from 'nock';
import type { Job } from '../../src/job/job.js';
import { startPlanbot, type RunningPlanbot } from '../../src/app/start.js';
import { generateAppKeyPair, signPayload } from '../../tools/sim/index.js';
import { freePort } from '../../tools/sim/app-process.js';
import { createBranchPayload, installationDeletedPayload } from '../helpers/payloads-operations.js';
import { deferred } from '../helpers/queue-observer.js';

const SECRET = 'webhook-secret-for-tests';
let privateKey = '';
let running: RunningPlanbot | null = null;

beforeAll(() => {
  privateKey = generateAppKeyPair().privateKeyPem;
});

async function start(env: Record<string, string> = {}, dispatch?: (job: Job) => Promise<void>) {
  const seen: Job[] = [];
  running = await startPlanbot({
    env: {
      APP_ID: '4242',
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
      ...env,
    },
    planbot: {
      dispatch: async (job) => {
        seen.push(job);
        await dispatch?.(job);
      },
    },
  });
  return { app: running!, seen };
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, text: await response.text() };
}

function signedHeaders(body: string, id = 'delivery-1', event = 'create') {
  return { 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': signPayload(body, SECRET) };
}

async function metric(app: RunningPlanbot, name: string): Promise<string[]> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return text.split('\n').filter((line) => line.startsWith(name));
}

beforeEach(() => {
  nock.cleanAll();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(async () => {
  await running?.stop();
  running = null;
  nock.cleanAll();
});

describe('acknowledging webhooks', () => {
  it('answers a valid delivery before its work is done, then does the work', async () => {
    const gate = deferred();
    const { app, seen } = await start({}, () => gate.promise);
    const body = JSON.stringify(createBranchPayload('001-user-auth'));
    const answer = await post(`${app.url}/api/github/webhooks`, body, signedHeaders(body));
    expect(answer.status).toBe(200);
    // The job has started but cannot have finished: the gate is still closed.
    expect(seen.map((c) => c.id)).toEqual(['delivery-1']);
    expect(await app.queue.stats!()).toMatchObject({ mode: 'memory', active: 1 });
    gate.resolve();
    await app.queue.onIdle();
    expect(await metric(app, 'planbot_jobs_processed_total')).toEqual(['planbot_jobs_processed_total{event="create"} 1']);
    // The job carries the delivery.
    expect(seen[0].name).toBe('create');
    expect((seen[0].payload as any).ref).toBe('001-user-auth');
  });

  it('refuses a delivery without a signature or with a wrong one (400), and enqueues nothing', async () => {
    const { app, seen } = await start();
    const body = JSON.stringify(createBranchPayload('001-user-auth'));
    const missing = await post(`${app.url}/api/github/webhooks`, body, { 'x-github-event': 'create', 'x-github-delivery': 'd-missing' });
    const wrong = await post(`${app.url}/api/github/webhooks`, body, {
      ...signedHeaders(body, 'd-wrong'),
      'x-hub-signature-256': signPayload(body, 'not-the-secret'),
    });
    const tampered = await post(`${app.url}/api/github/webhooks`, body.replace('001-user-auth', '002-evil'), signedHeaders(body, 'd-tampered'));
    expect([missing.status, wrong.status, tampered.status]).toEqual([400, 400, 400]);
    expect(missing.text).toContain('x-hub-signature-256');
    expect(wrong.text).toContain('signature does not match');
    await app.queue.onIdle();
    expect(seen).toEqual([]);
    expect(await metric(app, 'planbot_webhooks_received_total')).toEqual([]);
  });

  it('refuses a non-JSON content type with 415', async () => {
    const { app, seen } = await start();
    const body = JSON.stringify(createBranchPayload('001-user-auth'));
    const response = await fetch(`${app.url}/api/github/webhooks`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(body) },
    });
    expect(response.status).toBe(415);
    expect(seen).toEqual([]);
  });

  it('acknowledges events that need no work (installation.deleted) without enqueueing them', async () => {
    const { app, seen } = await start();
    const body = JSON.stringify(installationDeletedPayload(9));
    const answer = await post(`${app.url}/api/github/webhooks`, body, signedHeaders(body, 'd-uninstall', 'installation'));
    expect(answer.status).toBe(200);
    await app.queue.onIdle();
    expect(seen).toEqual([]);
    expect(await metric(app, 'planbot_webhooks_received_total')).toEqual(['planbot_webhooks_received_total{event="installation",relevant="false"} 1']);
  });

  it('deduplicates a redelivery (same X-GitHub-Delivery) of a processed delivery', async () => {
    const { app, seen } = await start();
    const body = JSON.stringify(createBranchPayload('001-user-auth'));
    expect((await post(`${app.url}/api/github/webhooks`, body, signedHeaders(body, 'same-id'))).status).toBe(200);
    await app.queue.onIdle();
    expect((await post(`${app.url}/api/github/webhooks`, body, signedHeaders(body, 'same-id'))).status).toBe(200);
    await app.queue.onIdle();
    expect(seen.map((c) => c.id)).toEqual(['same-id']);
    expect(await metric(app, 'planbot_duplicate_deliveries_total')).toEqual(['planbot_duplicate_deliveries_total{event="create"} 1']);
  });
});

describe('body size', () => {
  /** Sends headers (and optionally a few bytes) and resolves with the status, without sending the whole body. */
  function sendPartial(url: string, headers: Record<string, string | number>, chunks: Buffer[]): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (const chunk of chunks) req.write(chunk);
      // Deliberately not ended: the answer must come before the rest of the body.
    });
  }

  it('refuses a declared Content-Length over the limit with 413, before the body arrives', async () => {
    const { app, seen } = await start({ MAX_BODY_BYTES: '4096' });
    const status = await sendPartial(`${app.url}/api/github/webhooks`, { 'content-length': 30 * 1024 * 1024, ...signedHeaders('{}') }, [Buffer.from('{"a":')]);
    expect(status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const { app, seen } = await start({ MAX_BODY_BYTES: '4096' });
    const status = await sendPartial(`${app.url}/api/github/webhooks`, { 'transfer-encoding': 'chunked', ...signedHeaders('{}') }, [
      Buffer.alloc(3000, 0x20),
      Buffer.alloc(3000, 0x20),
    ]);
    expect(status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('passes a body within the limit to the webhook middleware intact (signature still verifies)', async () => {
    const { app, seen } = await start({ MAX_BODY_BYTES: '1000000' });
    const payload = createBranchPayload('001-user-auth');
    payload.description = 'é ü 漢字 🚀'.repeat(1000); // multi-byte text across chunk boundaries
    const body = JSON.stringify(payload);
    expect((await post(`${app.url}/api/github/webhooks`, body, signedHeaders(body))).status).toBe(200);
    await app.queue.onIdle();
    expect((seen[0].payload as any).description).toBe(payload.description);
  });
});

describe('routes', () => {
  it('serves /healthz, /healthz/live, /healthz/ready, /metrics and /ping; 404 otherwise', async () => {
    const { app } = await start();
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      redis: 'not configured',
      queue: { mode: 'memory', waiting: 0, active: 0, delayed: 0, failed: 0, closing: false },
    });
    expect((await fetch(`${app.url}/healthz/live`)).status).toBe(200);
    expect((await fetch(`${app.url}/healthz/ready`)).status).toBe(200);
    const metrics = await fetch(`${app.url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = await metrics.text();
    for (const name of ['planbot_queue_depth', 'planbot_process_cpu_seconds_total', 'planbot_job_duration_seconds']) expect(text).toContain(name);
    expect(await (await fetch(`${app.url}/ping`)).text()).toBe('PONG');
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);
  });

  it('protects /metrics with METRICS_TOKEN when set', async () => {
    const { app } = await start({ METRICS_TOKEN: 'scrape-me' });
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    expect((await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } })).status).toBe(200);
  });

  it('reports 503 on /healthz once shutting down, while /healthz/live stays 200', async () => {
    const gate = deferred();
    const { app } = await start({}, () => gate.promise);
    const body = JSON.stringify(createBranchPayload('001-user-auth'));
    await post(`${app.url}/api/github/webhooks`, body, signedHeaders(body));
    const closing = app.queue.close({ timeoutMs: 10_000 });
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'shutting down', queue: { closing: true, active: 1 } });
    expect((await fetch(`${app.url}/healthz/live`)).status).toBe(200);
    const refused = await post(`${app.url}/api/github/webhooks`, body, signedHeaders(body, 'late'));
    expect(refused.status).toBe(503);
    gate.resolve();
    await closing;
  });
});

describe('GitHub Enterprise Server', () => {
  it('sends every request to GHE_HOST over GHE_PROTOCOL under /api/v3, token exchange included', async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    const ghe = nock('https://ghe.example.com/api/v3')
      .post('/app/installations/5/access_tokens')
      .reply(201, { token: 'ghs_installation', expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {} })
      .get('/repos/acme/web')
      .matchHeader('authorization', 'token ghs_installation')
      .reply(200, { id: 1, full_name: 'acme/web' });
    const { app } = await start({ GHE_HOST: 'ghe.example.com', GHE_PROTOCOL: 'https' }, async (job) => {
      await job.github.getRepository(job.repo);
    });
    const body = JSON.stringify(createBranchPayload('001-user-auth', { installationId: 5 }));
    expect((await post(`${app.url}/api/github/webhooks`, body, signedHeaders(body))).status).toBe(200);
    await app.queue.onIdle();
    expect(ghe.pendingMocks()).toEqual([]);
    expect(await metric(app, 'planbot_jobs_processed_total')).toEqual(['planbot_jobs_processed_total{event="create"} 1']);
  });
});
