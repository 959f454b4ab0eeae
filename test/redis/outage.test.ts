// Redis going away under a running app process (the real entry point): deliveries are refused
// with 503 (so they can be redelivered), /healthz says so, nothing is acknowledged and dropped,
// and once Redis is back the redelivery is processed exactly once.
import { afterAll, expect, it } from '@jest/globals';
import type { GitHubSimulator, SimEvent } from '../../tools/sim/index.js';
import { killAppProcess, type AppProcess } from '../helpers/app-process.js';
import { planOn, simulatedGitHub } from '../helpers/simulated-app.js';
import { CuttableRedisProxy, cleanPrefix, describeWithRedis, uniquePrefix } from '../helpers/redis.js';

const prefix = uniquePrefix('outage');
const INSTALLATION = 100_000 + Math.floor(Math.random() * 800_000);
let sim: GitHubSimulator | null = null;
let app: AppProcess | undefined;
const proxy = new CuttableRedisProxy();

afterAll(async () => {
  await killAppProcess(app);
  await sim?.close();
  await proxy.cut().catch(() => undefined);
  await cleanPrefix(prefix).catch(() => undefined);
  for (const group of ['global', 'auth', 'write']) await cleanPrefix(`b_octokit-${group}-${INSTALLATION}_`).catch(() => undefined);
});

async function health(target: AppProcess): Promise<{ status: number; body: any }> {
  const response = await fetch(`${target.url}/healthz`);
  return { status: response.status, body: await response.json() };
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

await describeWithRedis('Redis going away', () => {
  it('refuses deliveries with 503 while Redis is away and processes the redelivery once it is back', async () => {
    await proxy.start();
    const github = await simulatedGitHub({ installationId: INSTALLATION });
    sim = github.sim;
    const { events } = github;
    app = await github.startApp({
      REDIS_URL: proxy.url,
      REDIS_PREFIX: prefix,
      REDIS_COMMAND_TIMEOUT_MS: '500',
      LOG_LEVEL: 'info',
    });
    const plan = (branch: string) => planOn(github.sim, branch);
    const send = (event: SimEvent) => github.deliver(app!, event);

    sim.createBranch({ owner: 'acme', repo: 'web', branch: '001-before' });
    const [before] = events.splice(0).filter((event) => event.name === 'create');
    expect((await send(before)).status).toBe(200);
    await until(() => plan('001-before') !== null);
    // The commit lands before the job is recorded as done in Redis: cut only after that, or the
    // first job's completion itself would be caught by the outage.
    await app.waitForLog((line) => line.msg === 'job completed' && line.deliveryId === before.id);

    await proxy.cut();
    sim.createBranch({ owner: 'acme', repo: 'web', branch: '002-during' });
    const [during] = events.splice(0).filter((event) => event.name === 'create');
    const refused = await send(during);
    expect(refused.status).toBe(503);
    expect(refused.body).toContain('could not queue delivery');
    expect(refused.body).toContain('redeliver it once Redis is back');
    expect(refused.ms).toBeLessThan(3_000); // fails fast: GitHub's own limit is 10 s
    expect(await health(app)).toMatchObject({ status: 503, body: { status: 'unavailable', redis: 'down' } });
    await app.waitForLog((line) => line.level === 40 && String(line.msg).startsWith('Redis unreachable ('));

    await proxy.restore();
    await until(async () => (await health(app!)).status === 200);
    expect((await send(during)).status).toBe(200); // the redelivery
    await until(() => plan('002-during') !== null);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.commits({ owner: 'acme', repo: 'web', branch: '002-during' })).toHaveLength(2);
    expect(app.logs.filter((line) => line.msg === 'job completed').map((line) => line.deliveryId)).toEqual([before.id, during.id]);
    // The health pinger says it at its next tick, which may come after /healthz already answers.
    await app.waitForLog((line) => line.level === 30 && String(line.msg).startsWith('Redis reachable again after'));
    // Said once each, however many reconnect attempts there were.
    expect(app.logs.filter((line) => String(line.msg).startsWith('Redis unreachable ('))).toHaveLength(1);
    expect(app.logs.filter((line) => line.level === 30 && /^Redis reachable again after \d+\.\d s$/.test(String(line.msg)))).toHaveLength(1);
    expect(app.logs.filter((line) => /ECONNREFUSED/.test(String(line.msg)) && !String(line.msg).startsWith('Redis unreachable ('))).toEqual([]);

    app.child.kill('SIGTERM');
    expect((await app.exited).code).toBe(0);
  }, 90_000);
});
