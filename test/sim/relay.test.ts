import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookRelay } from '../../tools/sim/relay.js';
import { simWithRepo, where, type SimFixture } from './client.js';

let fixture: SimFixture;
let server: Server | null = null;
afterEach(async () => {
  await fixture?.sim.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function app(status = 200): Promise<{ url: string; received: Array<{ id: string; event: string; action?: string }> }> {
  const received: Array<{ id: string; event: string; action?: string }> = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ id: String(req.headers['x-github-delivery']), event: String(req.headers['x-github-event']), action: JSON.parse(body).action });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`, received };
}

describe('WebhookRelay', () => {
  it('delivers subscribed events in order, including those caused by the app\'s own writes', async () => {
    fixture = await simWithRepo();
    const target = await app();
    const relay = new WebhookRelay(fixture.sim, { url: target.url, secret: 's', events: ['push', 'pull_request', 'issues'] });
    fixture.sim.createBranch({ ...where, branch: '001-x' });
    fixture.sim.openPullRequest({ ...where, head: '001-x', title: 'X' });
    await fixture.octokit.rest.issues.create({ ...where, title: 'T' });
    await relay.idle();
    expect(target.received.map((delivery) => `${delivery.event}.${delivery.action ?? ''}`)).toEqual(['push.', 'pull_request.opened', 'issues.opened']);
    expect(relay.deliveries.map((delivery) => delivery.event.origin)).toEqual(['user', 'user', 'app']);
  });

  it('can leave out the app\'s own events', async () => {
    fixture = await simWithRepo();
    const target = await app();
    const relay = new WebhookRelay(fixture.sim, { url: target.url, secret: 's', appEvents: false });
    await fixture.octokit.rest.issues.create({ ...where, title: 'T' });
    fixture.sim.commentOnIssue({ ...where, number: 1, body: 'hi' });
    await relay.idle();
    expect(target.received.map((delivery) => delivery.event)).toEqual(['issue_comment']);
  });

  it('redelivers everything with the original delivery ids, and failed deliveries on request', async () => {
    fixture = await simWithRepo();
    const target = await app(500);
    const relay = new WebhookRelay(fixture.sim, { url: target.url, secret: 's' });
    fixture.sim.createBranch({ ...where, branch: '001-x' });
    await relay.idle();
    const firstIds = target.received.map((delivery) => delivery.id);
    expect(firstIds).toHaveLength(2);
    expect(relay.redeliverAll()).toBe(2);
    await relay.idle();
    expect(target.received.slice(2).map((delivery) => delivery.id)).toEqual(firstIds);
    expect(relay.deliveries.map((delivery) => delivery.attempt)).toEqual([1, 1, 2, 2]);
    expect(relay.redeliverFailed()).toBe(2);
    await relay.idle();
    expect(relay.deliveries.slice(4).map((delivery) => [delivery.event.id, delivery.attempt])).toEqual(firstIds.map((id) => [id, 3]));
  });

  it('holds deliveries while paused', async () => {
    fixture = await simWithRepo();
    const target = await app();
    const relay = new WebhookRelay(fixture.sim, { url: target.url, secret: 's' });
    relay.pause();
    fixture.sim.createBranch({ ...where, branch: '001-x' });
    await relay.idle();
    expect(target.received).toEqual([]);
    expect(relay.pending).toBe(2);
    relay.resume();
    await relay.idle();
    expect(target.received).toHaveLength(2);
  });
});
