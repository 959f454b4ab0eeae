// Two real app processes (src/main.ts) in Redis mode against the GitHub simulator: a burst of
// deliveries for distinct features plus redeliveries, one process SIGKILLed mid-burst, and every
// delivery must take effect exactly once — no missing and no duplicate commits.
import { afterAll, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { GitHubSimulator, SimEvent } from '../../tools/sim/index.js';
import { killAppProcess, type AppProcess } from '../helpers/app-process.js';
import { OWNER, REPO, planOn, simulatedGitHub } from '../helpers/simulated-app.js';
import { REDIS_URL, cleanPrefix, describeWithRedis, uniquePrefix } from '../helpers/redis.js';

const FEATURES = 30;
const prefix = uniquePrefix('replicas');
// Probot's shared rate-limit state (Bottleneck) is keyed by installation id outside our prefix:
// a fresh id per run keeps a previous run's killed replica from holding its slots.
const INSTALLATION = 100_000 + Math.floor(Math.random() * 800_000);
let sim: GitHubSimulator | null = null;
const apps: AppProcess[] = [];

afterAll(async () => {
  for (const app of apps) await killAppProcess(app);
  await sim?.close();
  await cleanPrefix(prefix).catch(() => undefined);
  for (const group of ['global', 'auth', 'write', 'search', 'notifications']) await cleanPrefix(`b_octokit-${group}-${INSTALLATION}_`).catch(() => undefined);
  const leftovers = new Redis(REDIS_URL);
  for (const key of await leftovers.keys(`b_*-${INSTALLATION}_*`).catch(() => [] as string[])) await leftovers.del(key);
  await leftovers.quit();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function queueIsEmpty(app: AppProcess): Promise<boolean> {
  const health = (await (await fetch(`${app.url}/healthz`)).json()) as { queue: { waiting: number; active: number; delayed: number } };
  return health.queue.waiting + health.queue.active + health.queue.delayed === 0;
}

await describeWithRedis('two replicas sharing Redis', () => {
  it('loses nothing and duplicates nothing when one replica is killed mid-burst', async () => {
    const github = await simulatedGitHub({ installationId: INSTALLATION, latencyMs: 40 });
    sim = github.sim;
    const { events } = github;
    const branches = Array.from({ length: FEATURES }, (_, n) => `${String(n + 1).padStart(3, '0')}-feature-${n + 1}`);
    for (const branch of branches) sim.createBranch({ owner: OWNER, repo: REPO, branch });
    const burst = events.splice(0); // create + push per branch: 60 deliveries
    expect(burst).toHaveLength(FEATURES * 2);

    const env = {
      REDIS_URL,
      REDIS_PREFIX: prefix,
      QUEUE_CONCURRENCY: '4',
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      QUEUE_ORDER_WAIT_MS: '100',
      QUEUE_BACKOFF_MS: '200',
      LOG_LEVEL: 'info',
    };
    const [a, b] = await Promise.all([github.startApp(env), github.startApp(env)]);
    apps.push(a, b);

    const accepted = new Map<string, AppProcess>();
    const deliver = async (event: SimEvent, target: AppProcess) => {
      const result = await github.deliver(target, event).catch(() => null);
      if (result?.status === 200) accepted.set(event.id, accepted.get(event.id) ?? target);
      return result?.status ?? 0;
    };

    // First half, alternating replicas, a few at a time; with some immediate redeliveries.
    const half = burst.slice(0, FEATURES);
    for (let i = 0; i < half.length; i += 4) {
      await Promise.all(half.slice(i, i + 4).map((event, j) => deliver(event, (i + j) % 2 ? b : a)));
    }
    for (const event of half.slice(0, 4)) expect(await deliver(event, b)).toBe(200); // redeliveries
    await a.waitForLog((line) => line.msg === 'job completed', 20_000);
    a.child.kill('SIGKILL');
    const killed = await a.exited;
    expect(killed.signal).toBe('SIGKILL');

    // Second half: what was meant for A fails (connection refused) and is redelivered to B,
    // as GitHub's redelivery or a load balancer would.
    const second = burst.slice(FEATURES);
    for (let i = 0; i < second.length; i += 4) {
      await Promise.all(
        second.slice(i, i + 4).map(async (event, j) => {
          const status = await deliver(event, (i + j) % 2 ? b : a);
          if (status !== 200) expect(await deliver(event, b)).toBe(200);
        }),
      );
    }
    for (const event of burst.slice(10, 16)) expect(await deliver(event, b)).toBe(200); // late redeliveries

    expect(accepted.size).toBe(burst.length);
    // Generous: a replica killed while holding the installation's write slot in Probot's shared
    // throttling state blocks writes until that reservation expires (60 s).
    const deadline = Date.now() + 150_000;
    let quietPolls = 0;
    while (quietPolls < 3 && Date.now() < deadline) {
      const allPlans = branches.every((branch) => planOn(sim!, branch) !== null);
      quietPolls = allPlans && (await queueIsEmpty(b)) ? quietPolls + 1 : 0;
      await sleep(500);
    }

    // Every feature got its plan exactly once: one commit on top of the default branch, one PUT.
    for (const branch of branches) {
      const history = sim.commits({ owner: OWNER, repo: REPO, branch });
      expect({ branch, commits: history.length }).toEqual({ branch, commits: 2 });
      expect(planOn(sim, branch)).toContain('#');
    }
    const puts = sim.requests.filter((request) => request.method === 'PUT' && request.status < 300);
    expect(puts).toHaveLength(FEATURES);
    expect(new Set(puts.map((request) => request.path)).size).toBe(FEATURES);

    // Deliveries A accepted but did not finish were finished by B (from Redis), none by both.
    const completedBy = (app: AppProcess) => new Set(app.logs.filter((line) => line.msg === 'job completed').map((line) => String(line.deliveryId)));
    const doneByA = completedBy(a);
    const doneByB = completedBy(b);
    for (const id of accepted.keys()) expect({ id, done: doneByA.has(id) || doneByB.has(id) }).toEqual({ id, done: true });
    const both = [...doneByA].filter((id) => doneByB.has(id));
    // Only a job A was running when it died may be run again by B (handlers are idempotent).
    expect(both.length).toBeLessThanOrEqual(4);
    const handedOver = [...accepted].filter(([id, app]) => app === a && !doneByA.has(id));
    expect(handedOver.length).toBeGreaterThan(0);
    expect(b.logs.some((line) => line.msg === 'delivery already processed or in progress; ignoring the redelivery')).toBe(true);
    expect(b.logs.filter((line) => line.level >= 50)).toEqual([]);
    // Probot's throttling shared its state through the same Redis (REDIS_URL).
    // (Writes are paced by planbot's own group, src/github/write-pacing.ts: `planbot-write`.)
    const redis = new Redis(REDIS_URL);
    const shared = await redis.keys(`b_*-${INSTALLATION}_settings`);
    expect(shared).toContain(`b_octokit-global-${INSTALLATION}_settings`);
    expect(shared.filter((key) => key.includes('write'))).toHaveLength(1);
    await redis.quit();
  }, 240_000);
});
