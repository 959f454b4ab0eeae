// Redis hanging (SIGSTOP) or stopping under a running app (the real entry point, src/main.ts),
// with its own redis-server processes, while jobs are half-way through their GitHub writes.
// Whatever Redis does, a feature's job never runs twice at once and no write is made twice:
// one issue per phase, one check run per name per head, every delivery completed exactly once,
// and the queue drains (nothing left delayed) once Redis is back.
//
// Both lock settings run: the smallest lock (QUEUE_LOCK_DURATION_MS=5000) and the default (30 s,
// so a hang must outlast it); the scenarios of one setting run side by side, each with its own
// Redis, simulator and app process, so the default case costs one outage, not two.
import { writeFileSync } from 'node:fs';
import { afterAll, expect, it } from '@jest/globals';
import type { GitHubSimulator, SimEvent } from '../../tools/sim/index.js';
import { FILLED_PLAN, SCENARIO } from '../../tools/demo/scenario.js';
import { killAppProcess, type AppProcess } from '../helpers/app-process.js';
import { OWNER, simulatedGitHub } from '../helpers/simulated-app.js';
import { RedisServerProcess, describeWithRedis } from '../helpers/redis.js';

const sims: GitHubSimulator[] = [];
const apps: AppProcess[] = [];
const servers: RedisServerProcess[] = [];

afterAll(async () => {
  for (const app of apps) await killAppProcess(app);
  for (const sim of sims) await sim.close();
  for (const server of servers) await server.destroy();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The demo plan with two phases (so a sync is a handful of paced writes, not thirty seconds). */
const PLAN = FILLED_PLAN.slice(0, FILLED_PLAN.indexOf('### Phase 2')) + FILLED_PLAN.slice(FILLED_PLAN.indexOf('## Quality Gates'));
const PHASES = 2;
/** One repository (and installation: writes are paced per installation) per feature. */
const FEATURES = ['001-alpha', '002-beta'];
const REDIS_NOISE = /ECONNREFUSED|ECONNRESET|Stream isn't writeable|Connection is closed|max retries per request|Command timed out|job stalled/i;
/** A branch created while Redis is away: its delivery is refused, then redelivered. */
const LATE_BRANCH = '003-gamma';

interface Fault {
  kind: 'hang' | 'stop';
  /** QUEUE_LOCK_DURATION_MS, or undefined for the default. */
  lockMs?: number;
  outageMs: number;
}

interface Outcome {
  fault: Fault;
  app: AppProcess;
  sim: GitHubSimulator;
  accepted: string[];
  heads: Array<{ repo: string; sha: string }>;
  health: any;
  /** What the delivery sent during the outage was answered. */
  refusedStatus: number;
  lateRepo: string;
  /** From the fault to a few seconds after Redis is back: what the app says about this outage. */
  window: [number, number];
}

/** Waits for /ping; generous, since four app processes start on a machine that may be busy. */
async function serving(app: AppProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fetch(`${app.url}/ping`).then((response) => response.ok, () => false))) {
    if (app.child.exitCode !== null) throw new Error(`app exited before serving: ${app.stderr.join('')}`);
    if (Date.now() > deadline) throw new Error(`app did not answer /ping within ${timeoutMs} ms`);
    await sleep(200);
  }
}

async function health(app: AppProcess): Promise<any> {
  const response = await fetch(`${app.url}/healthz`).catch(() => null);
  return response ? response.json() : null;
}

interface Prepared {
  fault: Fault;
  redis: RedisServerProcess;
  github: Awaited<ReturnType<typeof simulatedGitHub>>;
  app: AppProcess;
  repos: string[];
}

/** Redis, simulator and app process for one fault (started one at a time: starts are CPU-heavy). */
async function prepare(fault: Fault): Promise<Prepared> {
  const redis = new RedisServerProcess();
  servers.push(redis);
  await redis.start();
  const installation = 100_000 + Math.floor(Math.random() * 800_000);
  const github = await simulatedGitHub({ installationId: installation, latencyMs: 20 });
  sims.push(github.sim);
  const { sim } = github;
  const repos = FEATURES.map((_, n) => `web${n + 1}`);
  repos.forEach((repo, n) => sim.seedRepository({ owner: OWNER, repo, installationId: installation + 1 + n, files: { 'README.md': `# ${repo}\n` } }));
  github.events.splice(0);

  const env: Record<string, string> = { REDIS_URL: redis.url, REDIS_PREFIX: 'planbot', LOG_LEVEL: 'info', QUEUE_ORDER_WAIT_MS: '200' };
  if (fault.lockMs) {
    env.QUEUE_LOCK_DURATION_MS = String(fault.lockMs);
    env.QUEUE_STALLED_INTERVAL_MS = String(fault.lockMs);
  }
  const app = await github.startApp(env, { waitForListen: false });
  apps.push(app);
  await serving(app);
  return { fault, redis, github, app, repos };
}

async function runFault({ fault, redis, github, app, repos }: Prepared): Promise<Outcome> {
  const { sim } = github;

  const heads: Outcome['heads'] = [];
  for (const [n, branch] of FEATURES.entries()) {
    const repo = repos[n];
    sim.createBranch({ owner: OWNER, repo, branch, files: { [`specs/${branch}/plan.md`]: PLAN.replace('001-user-auth', branch) }, as: SCENARIO.author });
    const pull = sim.openPullRequest({ owner: OWNER, repo, head: branch, title: `Feature ${branch}`, as: SCENARIO.author });
    heads.push({ repo, sha: pull.headSha });
  }
  const burst: SimEvent[] = github.events.splice(0);
  const accepted: string[] = [];
  for (const event of burst) {
    const result = await github.deliver(app, event);
    expect({ id: event.id, status: result.status }).toEqual({ id: event.id, status: 200 });
    accepted.push(event.id);
  }

  // The fault strikes while issue sync is half-way: at least one issue created, not all of them.
  const deadline = Date.now() + 60_000;
  while (!repos.some((repo) => sim.issues({ owner: OWNER, repo }).some((issue) => !issue.isPullRequest)) && Date.now() < deadline) await sleep(50);
  const outageStarted = Date.now();
  if (fault.kind === 'hang') redis.pause();
  else await redis.stop();
  // A delivery while Redis is away is refused (503), so GitHub can redeliver it; never lost.
  sim.createBranch({ owner: OWNER, repo: repos[0], branch: LATE_BRANCH, as: SCENARIO.author });
  const late = github.events.splice(0).find((event) => event.name === 'create')!;
  const refused = await github.deliver(app, late);
  await sleep(Math.max(0, fault.outageMs - (Date.now() - outageStarted)));
  if (fault.kind === 'hang') redis.resume();
  else await redis.start();
  const outageEnded = Date.now();
  // GitHub's redelivery (until accepted: Redis may need a moment to be reachable again).
  for (let tries = 0; tries < 40 && (await github.deliver(app, late)).status !== 200; tries++) await sleep(250);
  accepted.push(late.id);

  // Drained: queue empty and GitHub quiet for a while.
  const drainDeadline = Date.now() + 120_000 + (fault.lockMs ?? 30_000) * 3;
  let quiet = 0;
  let lastRequests = -1;
  let last: any = null;
  while (quiet < 6 && Date.now() < drainDeadline) {
    await sleep(500);
    last = await health(app);
    const q = last?.queue;
    const idle = q && q.redis === 'up' && q.waiting + q.active + q.delayed === 0;
    quiet = idle && sim.requests.length === lastRequests ? quiet + 1 : 0;
    lastRequests = sim.requests.length;
  }
  return { fault, app, sim, accepted, heads, health: last, refusedStatus: refused.status, lateRepo: repos[0], window: [outageStarted, outageEnded + 5_000] };
}

/** What happened, in a shape that compares to what should have (one diff shows every problem). */
function summarize(outcome: Outcome) {
  const { sim, app, heads, accepted, fault } = outcome;
  const perHead = heads.map(({ repo, sha }) => {
    const checkRuns: Record<string, number> = {};
    for (const run of sim.checkRuns({ owner: OWNER, repo, sha })) checkRuns[run.name] = (checkRuns[run.name] ?? 0) + 1;
    const issues: Record<string, number> = {};
    for (const issue of sim.issues({ owner: OWNER, repo }).filter((issue) => !issue.isPullRequest)) issues[issue.title] = (issues[issue.title] ?? 0) + 1;
    return { repo, checkRuns, issueCount: Object.values(issues).reduce((a, b) => a + b, 0), issuesPerTitle: [...new Set(Object.values(issues))] };
  });
  const completed = app.logs.filter((line) => line.msg === 'job completed').map((line) => String(line.deliveryId));
  const queue = outcome.health?.queue ?? null;
  // A busy machine may also make one ping slow before or after the fault: only this outage counts here.
  const [from, to] = outcome.window;
  const inWindow = (line: { [key: string]: unknown }) => Number(line.time) >= from && Number(line.time) <= to;
  const count = (pattern: RegExp, level: number) => app.logs.filter((line) => inWindow(line) && line.level === level && pattern.test(line.msg)).length;
  return {
    outageSaid: { unreachable: count(/^Redis unreachable \(/, 40), back: count(/^Redis reachable again after \d+\.\d s$/, 30) },
    duringOutage: outcome.refusedStatus,
    lateSkeletonCommits: sim.commits({ owner: OWNER, repo: outcome.lateRepo, branch: LATE_BRANCH }).length,
    fault: `${fault.kind} ${fault.outageMs} ms, lock ${fault.lockMs ?? 'default'}`,
    perHead,
    completedOnce: [...completed].sort(),
    queue: queue && { redis: queue.redis, waiting: queue.waiting, active: queue.active, delayed: queue.delayed, failed: queue.failed },
    // No flood: Redis connection errors are not logged one by one (a refused delivery's own line is fine).
    redisNoise: app.logs
      .filter((line) => line.level >= 40 && REDIS_NOISE.test(line.msg) && !/^(could not queue delivery|Redis unreachable \()/.test(line.msg))
      .map((line) => line.msg),
    givenUp: app.logs.filter((line) => line.msg.startsWith('job given up')).map((line) => line.msg),
    accepted,
  };
}

function expected(outcome: Outcome) {
  const summary = summarize(outcome);
  return {
    ...summary,
    perHead: outcome.heads.map(({ repo }) => ({
      repo,
      checkRuns: { 'planbot / plan': 1, 'planbot / quality gates': 1 },
      issueCount: PHASES + 1,
      issuesPerTitle: [1],
    })),
    completedOnce: [...outcome.accepted].sort(),
    outageSaid: { unreachable: 1, back: 1 },
    duringOutage: 503,
    lateSkeletonCommits: 2,
    queue: { redis: 'up', waiting: 0, active: 0, delayed: 0, failed: 0 },
    redisNoise: [],
    givenUp: [],
  };
}

/** FAULTS_LOG_DIR=/tmp/x keeps each app's log lines (diagnosing a failure). */
function dump(outcomes: Outcome[]): void {
  const dir = process.env.FAULTS_LOG_DIR;
  if (!dir) return;
  for (const { fault, app } of outcomes) {
    writeFileSync(`${dir}/${fault.kind}-${fault.lockMs ?? 'default'}.jsonl`, app.logs.map((line) => JSON.stringify(line)).join('\n'));
  }
}

await describeWithRedis('Redis hanging or stopping mid-job', () => {
  it('duplicates nothing, loses nothing, says it once and drains: hang and stop, smallest and default lock', async () => {
    // All four side by side (each with its own Redis, simulator and app): the default lock's
    // outage must outlast 30 s, and it is paid once rather than four times.
    const faults: Fault[] = [
      { kind: 'hang', outageMs: 35_000 },
      { kind: 'stop', outageMs: 35_000 },
      { kind: 'hang', lockMs: 5_000, outageMs: 9_000 },
      { kind: 'stop', lockMs: 5_000, outageMs: 9_000 },
    ];
    const prepared: Prepared[] = [];
    for (const fault of faults) prepared.push(await prepare(fault));
    const outcomes = await Promise.all(prepared.map(runFault));
    dump(outcomes);
    expect(outcomes.map(summarize)).toEqual(outcomes.map(expected));
  }, 600_000);
});
