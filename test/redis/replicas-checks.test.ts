// Two real app processes (src/main.ts) sharing a Redis; one is SIGKILLed while it is posting check
// runs. The other takes its jobs over; a taken-over job reads the runs already on the commit before
// posting, so every head ends with exactly one run per check name (no extra `planbot / plan`).
import { afterAll, expect, it } from '@jest/globals';
import type { GitHubSimulator, SimEvent } from '../../tools/sim/index.js';
import { FILLED_PLAN, SCENARIO } from '../../tools/demo/scenario.js';
import { killAppProcess, type AppProcess } from '../helpers/app-process.js';
import { OWNER, simulatedGitHub } from '../helpers/simulated-app.js';
import { RedisServerProcess, describeWithRedis } from '../helpers/redis.js';

const FEATURES = 6;
let sim: GitHubSimulator | null = null;
const apps: AppProcess[] = [];
const redis = new RedisServerProcess();

afterAll(async () => {
  for (const app of apps) await killAppProcess(app);
  await sim?.close();
  await redis.destroy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function queueIsEmpty(app: AppProcess): Promise<boolean> {
  const health = (await (await fetch(`${app.url}/healthz`)).json()) as { queue: { waiting: number; active: number; delayed: number } };
  return health.queue.waiting + health.queue.active + health.queue.delayed === 0;
}

await describeWithRedis('two replicas, one killed while posting check runs', () => {
  it('leaves exactly one run per check name on every head', async () => {
    await redis.start();
    const installation = 100_000 + Math.floor(Math.random() * 800_000);
    const github = await simulatedGitHub({ installationId: installation, latencyMs: 20 });
    sim = github.sim;
    // One repository (and installation: writes are paced per installation) per feature; check runs only.
    const repos = Array.from({ length: FEATURES }, (_, n) => `svc${n + 1}`);
    repos.forEach((repo, n) =>
      sim!.seedRepository({ owner: OWNER, repo, installationId: installation + 1 + n, files: { 'README.md': `# ${repo}\n`, '.github/planbot.yml': 'issues:\n  enabled: false\n' } }),
    );
    const heads = repos.map((repo, n) => {
      const branch = `${String(n + 1).padStart(3, '0')}-feature`;
      sim!.createBranch({ owner: OWNER, repo, branch, files: { [`specs/${branch}/plan.md`]: FILLED_PLAN.replace('001-user-auth', branch) }, as: SCENARIO.author });
      return { repo, sha: sim!.openPullRequest({ owner: OWNER, repo, head: branch, title: branch, as: SCENARIO.author }).headSha };
    });
    const pulls: SimEvent[] = github.events.splice(0).filter((event) => event.name === 'pull_request');
    expect(pulls).toHaveLength(FEATURES);

    const env = {
      REDIS_URL: redis.url,
      QUEUE_LOCK_DURATION_MS: '2000',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      QUEUE_ORDER_WAIT_MS: '100',
      QUEUE_BACKOFF_MS: '200',
      LOG_LEVEL: 'info',
    };
    const a = await github.startApp(env);
    apps.push(a);
    const b = await github.startApp(env);
    apps.push(b);

    // Everything goes to A; A is killed as soon as it has posted a first check run (its jobs are
    // then half-way: `planbot / plan` posted, `planbot / quality gates` not yet).
    for (const event of pulls) expect((await github.deliver(a, event)).status).toBe(200);
    await a.waitForLog((line) => line.msg === 'check run posted', 60_000);
    a.child.kill('SIGKILL');
    expect((await a.exited).signal).toBe('SIGKILL');

    const deadline = Date.now() + 150_000;
    let quietPolls = 0;
    while (quietPolls < 4 && Date.now() < deadline) {
      const allPosted = heads.every(({ repo, sha }) => sim!.checkRuns({ owner: OWNER, repo, sha }).length >= 2);
      quietPolls = allPosted && (await queueIsEmpty(b)) ? quietPolls + 1 : 0;
      await sleep(500);
    }

    const runsPerHead = heads.map(({ repo, sha }) => {
      const counts: Record<string, number> = {};
      for (const run of sim!.checkRuns({ owner: OWNER, repo, sha })) counts[run.name] = (counts[run.name] ?? 0) + 1;
      return { repo, counts };
    });
    expect(runsPerHead).toEqual(heads.map(({ repo }) => ({ repo, counts: { 'planbot / plan': 1, 'planbot / quality gates': 1 } })));
    // A's unfinished jobs were finished by B.
    const completed = new Set([...a.logs, ...b.logs].filter((line) => line.msg === 'job completed').map((line) => String(line.deliveryId)));
    expect(pulls.filter((event) => !completed.has(event.id))).toEqual([]);
    expect(b.logs.filter((line) => line.msg === 'job completed').length).toBeGreaterThan(0);
  }, 240_000);
});
