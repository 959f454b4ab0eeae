// Graceful shutdown of the real entry point (a child process) against the GitHub simulator.
import { afterEach, describe, expect, it } from '@jest/globals';
import { generateAppKeyPair, type GitHubSimulator } from '../../tools/sim/index.js';
import { killAppProcess, startAppProcess, type AppProcess } from '../helpers/app-process.js';
import { OWNER, REPO, planOn, simulatedGitHub } from '../helpers/simulated-app.js';

let sim: GitHubSimulator | null = null;
let app: AppProcess | undefined;

afterEach(async () => {
  await killAppProcess(app);
  await sim?.close();
  sim = null;
});

/** An app process pointed at the simulator, and the `create` event of a new branch, delivered. */
async function setupAndDeliver(env: Record<string, string>, latencyMs: number) {
  const github = await simulatedGitHub({ installationId: 7 });
  sim = github.sim;
  github.sim.createBranch({ owner: OWNER, repo: REPO, branch: '001-user-auth' });
  app = await github.startApp(env);
  github.sim.setLatency(latencyMs);
  const create = github.events.find((event) => event.name === 'create')!;
  expect((await github.deliver(app, create)).status).toBe(200);
  return { app, sim: github.sim, create };
}

describe('shutdown', () => {
  it('on SIGTERM stops accepting, finishes the job in progress, and exits 0', async () => {
    const { app, sim, create } = await setupAndDeliver({ SHUTDOWN_TIMEOUT_MS: '20000' }, 300);
    while (sim.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20)); // the job is in flight
    const signalled = Date.now();
    app.child.kill('SIGTERM');
    await app.waitForLog((line) => line.msg === 'shutting down: no new deliveries; finishing jobs in progress');
    const late = await fetch(app.webhookUrl, { method: 'POST' }).then(
      (response) => response.status,
      () => 'refused',
    );
    expect(late).toBe('refused');

    const exit = await app.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(20_000);
    // The job finished before the process left: the plan skeleton is committed.
    expect(planOn(sim, '001-user-auth')).not.toBeNull();
    const messages = app.logs.map((line) => line.msg);
    const completed = app.logs.findIndex((line) => line.msg === 'job completed' && line.deliveryId === create.id);
    expect(completed).toBeGreaterThan(-1);
    expect(messages.indexOf('shutdown complete')).toBeGreaterThan(completed);
  }, 60_000);

  it('on SIGINT past SHUTDOWN_TIMEOUT_MS exits anyway, naming the unfinished delivery', async () => {
    const { app, sim, create } = await setupAndDeliver({ SHUTDOWN_TIMEOUT_MS: '1000' }, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    app.child.kill('SIGINT');
    const exit = await app.exited;
    expect(exit.code).toBe(1);
    // Bound + the 1 s grace for closing connections, with room for a slow machine.
    expect(exit.at - signalled).toBeLessThan(6_000);
    const abandoned = app.logs.find((line) => line.level === 50 && String(line.msg).startsWith('shutdown timed out before delivery'));
    expect(abandoned).toMatchObject({ deliveryId: create.id, repository: 'acme/web', feature: '001-user-auth' });
    expect(String(abandoned!.msg)).toContain(create.id);
    expect(planOn(sim, '001-user-auth')).toBeNull();
  }, 60_000);
});

describe('start', () => {
  it('refuses to start with invalid settings, naming the variable', async () => {
    const keys = generateAppKeyPair();
    const failing = await startAppProcess(
      { APP_ID: '1', PRIVATE_KEY: keys.privateKeyPem, WEBHOOK_SECRET: 's', QUEUE_CONCURRENCY: 'many' },
      { waitForListen: false },
    );
    const exit = await failing.exited;
    expect(exit.code).toBe(1);
    expect(failing.stderr.join('')).toContain('planbot could not start: Invalid environment: QUEUE_CONCURRENCY');
  }, 30_000);

  it('refuses to start when REDIS_URL does not answer', async () => {
    const keys = generateAppKeyPair();
    const failing = await startAppProcess(
      { APP_ID: '1', PRIVATE_KEY: keys.privateKeyPem, WEBHOOK_SECRET: 's', REDIS_URL: 'redis://127.0.0.1:1', REDIS_CONNECT_TIMEOUT_MS: '500' },
      { waitForListen: false },
    );
    const exit = await failing.exited;
    expect(exit.code).toBe(1);
    expect(failing.stderr.join('')).toContain('planbot could not start: Redis at redis://127.0.0.1:1 did not answer within 500 ms (REDIS_URL)');
  }, 30_000);
});
