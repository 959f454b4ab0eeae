import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import pino from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import defaultApp, { createPlanbot, type PlanbotOptions } from '../../src/app/index.js';
import { createMetrics } from '../../src/metrics/registry.js';
import type { Delivery, JobQueue } from '../../src/queue/types.js';
import { generateAppKeyPair } from '../../tools/sim/index.js';
import { captureLogs, createTestApp, recordRequests, resetNock } from '../helpers/probot.js';
import { createBranchPayload, installationDeletedPayload } from '../helpers/payloads-operations.js';
import { deferred } from '../helpers/queue-observer.js';

let privateKey = '';
beforeAll(() => {
  privateKey = generateAppKeyPair().privateKeyPem;
});
beforeEach(resetNock);

/** A Probot authenticating as a real GitHub App (JWT, token exchange), like production. */
function appAuthProbot(options: PlanbotOptions) {
  const { logs, sink } = captureLogs();
  const probot = new Probot({
    appId: 4242,
    privateKey,
    log: pino({ level: 'debug' }, sink),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  const metrics = createMetrics({ defaultMetrics: false });
  let queue: JobQueue | null = null;
  const loaded = probot.load(createPlanbot({ metrics, env: {}, onQueue: (built) => (queue = built), ...options }));
  return { probot, logs, metrics, loaded, queue: () => queue! };
}

describe('createPlanbot', () => {
  it('enqueues relevant deliveries with their ordering key and the webhook octokit', async () => {
    const enqueued: Array<{ delivery: Delivery; key: string; reuse: unknown }> = [];
    const queue: JobQueue = {
      enqueue: async (delivery, key, reuse) => void enqueued.push({ delivery, key, reuse }),
      onIdle: async () => undefined,
      close: async () => undefined,
    };
    const { probot } = createTestApp({ createQueue: () => queue });
    await probot.receive({ id: 'd-create', name: 'create', payload: createBranchPayload('feat/001-user-auth') } as any);
    await probot.receive({ id: 'd-uninstall', name: 'installation', payload: installationDeletedPayload() } as any);
    expect(enqueued.map(({ delivery, key }) => [delivery.id, delivery.name, key])).toEqual([['d-create', 'create', 'acme/web#001-user-auth']]);
    expect(typeof (enqueued[0].reuse as any).rest.repos.get).toBe('function');
  });

  it('answers the webhook before the job has run (default queue, no REDIS_URL: in memory)', async () => {
    const gate = deferred();
    const ran: string[] = [];
    const { probot, loaded, queue, metrics } = appAuthProbot({
      dispatch: async (job) => {
        await gate.promise;
        ran.push(job.id);
      },
    });
    await loaded;
    await probot.receive({ id: 'd1', name: 'create', payload: createBranchPayload('001-user-auth') } as any);
    expect(ran).toEqual([]);
    expect(await queue().stats!()).toMatchObject({ mode: 'memory', active: 1 });
    gate.resolve();
    await queue().onIdle();
    expect(ran).toEqual(['d1']);
    expect(await metrics.registry.getSingleMetricAsString('planbot_jobs_processed_total')).toContain('planbot_jobs_processed_total{event="create"} 1');
  });

  it('gives each job a logger carrying delivery id, event, repository and feature', async () => {
    const { probot, logs } = createTestApp({
      dispatch: async (job) => void job.log.info('inside the job'),
    });
    await probot.receive({ id: 'd-log', name: 'create', payload: createBranchPayload('jdoe/web/007-tour') } as any);
    expect(logs.find((line) => line.msg === 'inside the job')).toMatchObject({
      deliveryId: 'd-log',
      event: 'create',
      repository: 'acme/web',
      feature: '007-tour',
    });
  });

  it('makes no request and enqueues nothing for installation.deleted', async () => {
    const requests = recordRequests();
    const ran: string[] = [];
    const { probot, loaded, queue, metrics } = appAuthProbot({ dispatch: async (job) => void ran.push(job.id) });
    await loaded;
    await probot.receive({ id: 'd-gone', name: 'installation', payload: installationDeletedPayload(99) } as any);
    await queue().onIdle();
    expect(requests).toEqual([]);
    expect(ran).toEqual([]);
    expect(await metrics.registry.getSingleMetricAsString('planbot_webhooks_received_total')).toContain('{event="installation",relevant="false"} 1');
  });

  it('drops a delivery for an uninstalled installation after one token request: no retry, logged once', async () => {
    const requests = recordRequests();
    nock('https://api.github.com').post('/app/installations/99/access_tokens').reply(404, { message: 'Not Found' });
    const { probot, loaded, queue, metrics, logs } = appAuthProbot({
      dispatch: async (job) => void (await job.github.getRepository(job.repo)),
    });
    await loaded;
    const payload = createBranchPayload('001-user-auth', { installationId: 99 });
    await probot.receive({ id: 'd-orphan', name: 'create', payload } as any);
    await queue().onIdle();
    await probot.receive({ id: 'd-orphan', name: 'create', payload } as any); // a redelivery
    await queue().onIdle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /app/installations/99/access_tokens']);
    const dropped = logs.filter((line) => String(line.msg).startsWith('job dropped'));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ deliveryId: 'd-orphan', reason: 'installation-gone', installation: 99, level: 40 });
    expect(await metrics.registry.getSingleMetricAsString('planbot_jobs_dropped_total')).toContain('{event="create",reason="installation-gone"} 1');
    expect(await metrics.registry.getSingleMetricAsString('planbot_jobs_retried_total')).not.toContain('event=');
  });

  it('counts the jobs GitHub requests by route and status', async () => {
    nock('https://api.github.com').get('/repos/acme/web').reply(200, { id: 1 }, { 'x-ratelimit-remaining': '4321' });
    const metrics = createMetrics({ defaultMetrics: false });
    const { probot } = createTestApp({ metrics, dispatch: async (job) => void (await job.github.getRepository(job.repo)) });
    await probot.receive({ id: 'd-req', name: 'create', payload: createBranchPayload('001-user-auth', { installationId: 5 }) } as any);
    const text = await metrics.registry.metrics();
    expect(text).toContain('planbot_github_requests_total{method="GET",route="/repos/{owner}/{repo}",status="200"} 1');
    expect(text).toContain('planbot_github_rate_limit_remaining{installation="5"} 4321');
  });

  it('refuses to load with invalid queue settings, naming the variable', async () => {
    const probot = new Probot({ githubToken: 't', log: pino({ level: 'silent' }) });
    await expect(probot.load(createPlanbot({ env: { QUEUE_MAX_ATTEMPTS: 'zero' } }))).rejects.toThrow(/QUEUE_MAX_ATTEMPTS/);
  });

  it('exports a default app function for Probot', () => {
    expect(typeof defaultApp).toBe('function');
  });
});
