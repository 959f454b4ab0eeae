// Bad input at the door (issue 13, item 5): signed deliveries with a broken payload get 400 and one
// log line naming the delivery and the field, are never queued (so never retried and never in the
// way of another delivery), and odd event names neither crash the server nor become metric labels.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { Job } from '../../src/job/job.js';
import { startPlanbot, type RunningPlanbot } from '../../src/app/start.js';
import { generateAppKeyPair, signPayload } from '../../tools/sim/index.js';
import { freePort } from '../../tools/sim/app-process.js';
import { checkPayloadShape } from '../../src/server/payload-shape.js';
import { HANDLED_EVENTS } from '../../src/app/events.js';
import { webhookExample } from '../helpers/webhook-examples.js';
import { createBranchPayload } from '../helpers/payloads-operations.js';

const SECRET = 'door-secret';
let privateKey = '';
let running: RunningPlanbot | null = null;
const warnings: Array<Record<string, unknown>> = [];

beforeAll(() => {
  privateKey = generateAppKeyPair().privateKeyPem;
});
beforeEach(() => {
  nock.cleanAll();
  nock.enableNetConnect('127.0.0.1');
  warnings.length = 0;
});
afterEach(async () => {
  await running?.stop();
  running = null;
});

async function start() {
  const seen: Job[] = [];
  running = await startPlanbot({
    env: { APP_ID: '4242', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, HOST: '127.0.0.1', PORT: String(await freePort()), LOG_LEVEL: 'warn' },
    planbot: { dispatch: async (job) => void seen.push(job) },
  });
  // Capture the server's warnings (one line per refused delivery).
  const log = running!.log as any;
  const original = log.warn.bind(log);
  log.warn = (...args: unknown[]) => {
    warnings.push({ ...(typeof args[0] === 'object' ? (args[0] as object) : {}), msg: args.find((arg) => typeof arg === 'string') });
    return original(...args);
  };
  return { app: running!, seen };
}

async function deliver(app: RunningPlanbot, event: string, body: string, id: string) {
  const response = await fetch(`${app.url}/api/github/webhooks`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': id, 'x-hub-signature-256': signPayload(body, SECRET) },
  });
  return { status: response.status, text: await response.text() };
}

const metrics = async (app: RunningPlanbot) => (await fetch(`${app.url}/metrics`)).text();

describe('payload shapes', () => {
  it('accepts every real example payload of the events planbot handles', () => {
    for (const name of HANDLED_EVENTS) {
      const example = webhookExample(name);
      expect([name, checkPayloadShape(name, example)]).toEqual([name, { ok: true }]);
    }
  });

  it('names the missing field', () => {
    const push = webhookExample('push');
    delete push.repository;
    expect(checkPayloadShape('push', push)).toMatchObject({ ok: false, field: 'repository' });
    const pull = webhookExample('pull_request');
    delete pull.pull_request.head;
    expect(checkPayloadShape('pull_request', pull)).toMatchObject({ ok: false, field: 'pull_request.head' });
  });
});

describe('the webhook door', () => {
  const broken: Array<[string, string, () => unknown, string]> = [
    ['a push without repository', 'push', () => ({ ...webhookExample('push'), repository: undefined }), 'repository'],
    ['a push with ref: null', 'push', () => ({ ...webhookExample('push'), ref: null }), 'ref'],
    ['a pull request without head', 'pull_request', () => { const p = webhookExample('pull_request'); delete p.pull_request.head; return p; }, 'pull_request.head'],
    ['a check_run event without check_run', 'check_run', () => ({ ...webhookExample('check_run'), check_run: undefined }), 'check_run'],
    ['a JSON string body', 'push', () => 'just a string', '(payload)'],
    ['a null body', 'push', () => null, '(payload)'],
  ];

  it.each(broken)('%s: 400, one log line naming the delivery and field, nothing queued', async (_title, event, payload, field) => {
    const { app, seen } = await start();
    const answer = await deliver(app, event, JSON.stringify(payload()), 'd-bad');
    expect(answer.status).toBe(400);
    const lines = warnings.filter((line) => line.deliveryId === 'd-bad');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ field });
    expect(String(lines[0].msg)).toContain('d-bad');
    await app.queue.onIdle();
    expect(seen).toEqual([]);
    expect(await metrics(app)).toContain(`planbot_jobs_dropped_total{event="${event}",reason="bad-payload"} 1`);
  });

  it('a bad delivery does not hold up a good one for the same feature', async () => {
    const { app, seen } = await start();
    const bad = { ...createBranchPayload('001-x'), ref: null };
    expect((await deliver(app, 'create', JSON.stringify(bad), 'd-bad')).status).toBe(400);
    const started = Date.now();
    expect((await deliver(app, 'create', JSON.stringify(createBranchPayload('001-x')), 'd-good')).status).toBe(200);
    await app.queue.onIdle();
    expect(seen.map((job) => job.id)).toEqual(['d-good']);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('the event names __proto__ and a 5,000-character one are acknowledged, ignored and counted as other', async () => {
    const { app, seen } = await start();
    const body = JSON.stringify(createBranchPayload('001-x'));
    expect((await deliver(app, '__proto__', body, 'd-proto')).status).toBe(202);
    expect((await deliver(app, 'x'.repeat(5_000), body, 'd-long')).status).toBe(202);
    await app.queue.onIdle();
    expect(seen).toEqual([]);
    const text = await metrics(app);
    expect(text).toContain('planbot_webhooks_received_total{event="other",relevant="false"} 2');
    expect(text).not.toContain('xxxxxxxxxx');
    expect(text).not.toContain('__proto__');
  });

  it('leaves an unsigned delivery to Probot, which refuses it as before', async () => {
    const { app } = await start();
    const response = await fetch(`${app.url}/api/github/webhooks`, {
      method: 'POST',
      body: 'null',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': 'd-unsigned', 'x-hub-signature-256': 'sha256=00' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('signature does not match');
  });
});
