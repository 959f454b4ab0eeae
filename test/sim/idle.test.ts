import { afterEach, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForIdle } from '../../tools/sim/idle.js';
import { simWithRepo, where, type SimFixture } from './client.js';

let fixture: SimFixture;
let server: Server | null = null;
afterEach(async () => {
  await fixture?.sim.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function healthz(queue: Record<string, number>): Promise<string> {
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', queue })));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe('waitForIdle', () => {
  it('returns once the simulator has been quiet, counting the requests it saw', async () => {
    fixture = await simWithRepo();
    const pending = waitForIdle({ simulator: fixture.sim, quietWithoutHealthMs: 100 });
    await fixture.octokit.rest.repos.get(where);
    const report = await pending;
    expect(report.usedHealth).toBe(false);
    expect(report.requests).toBe(1);
  });

  it('uses the app\'s /healthz queue counts and names what is still busy when it gives up', async () => {
    fixture = await simWithRepo();
    const appUrl = await healthz({ waiting: 0, active: 1, delayed: 2 });
    await expect(waitForIdle({ simulator: fixture.sim, appUrl, quietMs: 10, timeoutMs: 300 })).rejects.toThrow(/did not settle within 300 ms \(in flight 0, app queue busy 3/);
  });

  it('reports that /healthz was used when the queue is empty', async () => {
    fixture = await simWithRepo();
    const appUrl = await healthz({ waiting: 0, active: 0, delayed: 0 });
    expect((await waitForIdle({ simulator: fixture.sim, appUrl, quietMs: 10 })).usedHealth).toBe(true);
  });

  it('keeps waiting while a faulted request has not been retried', async () => {
    fixture = await simWithRepo({ faults: { serverErrorRate: 1, seed: 1 } });
    await fixture.octokit.rest.repos.get(where).catch(() => undefined);
    await expect(waitForIdle({ simulator: fixture.sim, quietWithoutHealthMs: 10, faultQuietMs: 60_000, timeoutMs: 300 })).rejects.toThrow(/quiet \d+ ms of 60000 ms/);
    fixture.sim.setFaults({});
    await fixture.octokit.rest.repos.get(where);
    expect((await waitForIdle({ simulator: fixture.sim, quietWithoutHealthMs: 10, faultQuietMs: 60_000 })).requests).toBe(0);
  });
});
