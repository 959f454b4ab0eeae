// End to end: the real server (`node dist/main.js`, as `npm start` runs it) against the GitHub
// simulator, driven by signed webhook deliveries over HTTP. Once clean, once under faults; the
// two must end in the same state. Every request must be one GitHub's REST API accepts.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  FILLED_PLAN,
  openPullRequest,
  pushFeatureBranch,
  pushFilledPlan,
  redeliverEverything,
  runScenario,
  SCENARIO,
  SEED_FILES,
  startWorld,
  tickBoxInIssue,
  type BranchStep,
  type PlanStep,
  type PullStep,
  type TickStep,
  type World,
} from '../../tools/demo/scenario.js';
import { renderTemplate, SEED_TEMPLATE } from '../../src/plan/index.js';
import type { RequestRecord, SimIssue } from '../../tools/sim/index.js';
import { snapshotRepository, type RepoSnapshot } from '../../tools/sim/snapshot.js';
import { buildApp, PROJECT_DIR } from './build.js';
import { TEST_WRITE_PACING } from '../helpers/app-process.js';

jest.setTimeout(120_000);

const where = { owner: SCENARIO.owner, repo: SCENARIO.repo };
/** Writes to repositories (token exchanges are not), that GitHub carried out. */
const writes = (requests: RequestRecord[]) =>
  requests.filter((request) => request.write && request.fault === null && request.installationId !== null).map((request) => request.route ?? `${request.method} ${request.path}`);
/** 1-based lines of template tokens outside code fences (inside a fence they are example text). */
const placeholderLines = (markdown: string) => {
  let fenced = false;
  return markdown.split('\n').flatMap((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    return !fenced && /\[TO FILL/.test(line) ? [index + 1] : [];
  });
};
const PHASES = [
  { number: '0', tasks: ['[x] Compare session storage options', '[x] Choose a password hashing scheme', '[x] Design the users and sessions tables'] },
  { number: '1', tasks: ['[x] Create the users and sessions migrations', '[ ] Add the password hashing module', '[ ] Wire the session middleware'] },
  { number: '2', tasks: ['[ ] Sign-up and sign-in endpoints', '[ ] Password reset by email', '[ ] Rate-limit failed sign-ins'] },
  { number: '3', tasks: ['[ ] End-to-end tests for every flow', '[ ] Document the auth API'] },
];
const phaseIssue = (issues: SimIssue[], number: string) => issues.find((issue) => new RegExp(`\\bPhase ${number}\\b`).test(issue.title));
const taskLine = (task: string) => new RegExp(`^\\s*[-*+] \\[${task[1] === 'x' ? '[xX]' : ' '}\\] .*${task.slice(4).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm');

let cleanSnapshot: RepoSnapshot | null = null;

/**
 * The faulty run goes on in the background while the clean run's steps are asserted one by one:
 * octokit paces content-creating requests 3 s apart, so running them in turn would double the time.
 */
let faultyRun: Promise<{ world: World; snapshot: RepoSnapshot }> | null = null;
let faultyWorld: World | null = null;
let forkRun: Promise<{ world: World; headSha: string; requests: RequestRecord[] }> | null = null;
let forkWorld: World | null = null;

beforeAll(() => {
  buildApp();
  faultyRun = (async () => {
    // QUEUE_BACKOFF_MS shortens the queue's retry backoff so the run stays quick; nothing else differs.
    faultyWorld = await startWorld({ projectDir: PROJECT_DIR, faults: { serverErrorRate: 0.1, rateLimitRate: 0.1, seed: 20261124 }, env: { ...TEST_WRITE_PACING, QUEUE_BACKOFF_MS: '200' }, settleTimeoutMs: 90_000 });
    await runScenario(faultyWorld);
    return { world: faultyWorld, snapshot: snapshotRepository(faultyWorld.simulator, where) };
  })();
  forkRun = (async () => {
    forkWorld = await startWorld({ projectDir: PROJECT_DIR, env: { ...TEST_WRITE_PACING } });
    // The fork's head tries to switch planbot's checks off through its own config file.
    const { headSha } = forkWorld.simulator.openPullRequest({
      ...where,
      head: '002-fork-idea',
      fromFork: 'mallory/web',
      forkFiles: { '.github/planbot.yml': 'checks:\n  enabled: false\nissues:\n  enabled: false\n', 'specs/002-fork-idea/plan.md': FILLED_PLAN.replaceAll('001-user-auth', '002-fork-idea') },
      title: 'An idea from a fork',
      as: 'mallory',
    });
    await forkWorld.settle();
    return { world: forkWorld, headSha, requests: [...forkWorld.simulator.requests] };
  })();
  // Reported by the tests that await them; never an unhandled rejection.
  faultyRun.catch(() => undefined);
  forkRun.catch(() => undefined);
});
afterAll(async () => {
  await Promise.all([faultyWorld?.close(), forkWorld?.close()]);
});

describe('planbot end to end: real server, simulated GitHub', () => {
  let world: World;
  let branch: BranchStep;
  let pull: PullStep;
  let plan: PlanStep;
  let tick: TickStep;

  beforeAll(async () => {
    world = await startWorld({ projectDir: PROJECT_DIR, env: { ...TEST_WRITE_PACING } });
  });
  afterAll(async () => world?.close());

  it('1. commits the plan skeleton when a feature branch is pushed', async () => {
    const dayBefore = new Date().toISOString().slice(0, 10);
    branch = await pushFeatureBranch(world);
    const dayAfter = new Date().toISOString().slice(0, 10);

    expect(branch.commitsByApp.map((commit) => [commit.message, commit.login])).toEqual([['docs(plan): add plan skeleton for 001-user-auth', 'planbot[bot]']]);
    const expected = [dayBefore, dayAfter].map((date) => renderTemplate(SEED_TEMPLATE, { feature: '001-user-auth', number: '001', slug: 'user-auth', date }));
    expect(expected).toContain(branch.plan);
    expect(branch.plan).toContain('**Branch**: `001-user-auth`');
    // The skeleton commit adds exactly the plan and nothing else.
    const [skeleton] = branch.commitsByApp;
    expect([...skeleton.tree.keys()].sort()).toEqual([...Object.keys(SEED_FILES), SCENARIO.planPath].sort());
    // `create` and `push` both announce the branch: one commit, one write.
    expect(writes(branch.requests)).toEqual(['PUT /repos/{owner}/{repo}/contents/{path+}']);
    expect(world.simulator.violations).toEqual([]);
  });

  it('2. posts `planbot / plan` and `planbot / quality gates` on the PR head when the PR is opened', async () => {
    pull = await openPullRequest(world);
    expect([...pull.checks.keys()].sort()).toEqual([...SCENARIO.planChecks].sort());
    const runsOnHead = world.simulator.checkRuns({ ...where, sha: pull.headSha });
    expect(runsOnHead).toHaveLength(2);

    const planCheck = pull.checks.get('planbot / plan')!;
    expect(planCheck).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(planCheck.output.summary).toMatch(/placeholder/i);
    // Unfilled template tokens are annotated on their lines of plan.md.
    const unfilled = placeholderLines(branch.plan!);
    const annotated = planCheck.annotations.filter((annotation) => annotation.path === SCENARIO.planPath).map((annotation) => annotation.start_line);
    expect(unfilled.length).toBeGreaterThan(5);
    for (const line of unfilled) expect(annotated).toContain(line);

    const gates = pull.checks.get('planbot / quality gates')!;
    expect(gates).toMatchObject({ status: 'completed', conclusion: 'failure' });
    for (const gate of ['Code Review', 'Unit Tests', 'Integration Tests', 'Documentation']) expect(gates.output.summary).toContain(gate);

    expect(writes(pull.requests).filter((route) => route.includes('/contents/'))).toEqual([]);
    expect(world.simulator.violations).toEqual([]);
  });

  it('3. re-checks and syncs issues when the filled-in plan is pushed', async () => {
    plan = await pushFilledPlan(world);
    expect(plan.checks.get('planbot / plan')).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(plan.checks.get('planbot / quality gates')).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(world.simulator.checkRuns({ ...where, sha: plan.headSha })).toHaveLength(2);

    const issues = plan.issues;
    const tracking = issues.filter((issue) => issue.subIssues.length > 0);
    expect(tracking).toHaveLength(1);
    const phases = PHASES.map((phase) => phaseIssue(issues, phase.number));
    expect(phases.every(Boolean)).toBe(true);
    // A tracking issue and one issue per phase: nothing else, nothing twice.
    expect(issues).toHaveLength(1 + PHASES.length);
    expect(tracking[0].subIssues).toEqual(phases.map((issue) => issue!.id));
    for (const [index, phase] of PHASES.entries()) {
      const issue = phases[index]!;
      expect(issue.labels).toContain('planbot');
      expect(issue.parent).toBe(tracking[0].id);
      for (const task of phase.tasks) expect(issue.body).toMatch(taskLine(task));
      // Phase N depends on Phase N-1 in the plan: blocked by exactly that issue.
      expect(issue.blockedBy).toEqual(index === 0 ? [] : [phases[index - 1]!.id]);
    }
    expect(world.simulator.violations).toEqual([]);
  });

  it('4. ticks the task in plan.md on the branch when its box is ticked in the issue', async () => {
    tick = await tickBoxInIssue(world, 'Phase 1');
    expect(tick.taskLine).toMatch(/\[x\] .*Add the password hashing module/);
    expect(tick.planAfter).toBe(tick.planBefore.replace('- [ ] Add the password hashing module', '- [x] Add the password hashing module'));
    expect(tick.planAfter).not.toBe(tick.planBefore);
    const [latest] = world.simulator.commits({ ...where, branch: SCENARIO.branch });
    expect(latest.login).toBe('planbot[bot]');
    // The sync that follows planbot's own commit must not undo the tick in the issue.
    expect(world.simulator.issue({ ...where, number: tick.issue.number })!.body).toMatch(taskLine('[x] Add the password hashing module'));
    // planbot's commit moved the PR head: the checks follow it.
    const head = world.simulator.branchSha({ ...where, branch: SCENARIO.branch })!;
    expect(world.simulator.checkRuns({ ...where, sha: head }).map((run) => [run.name, run.conclusion]).sort()).toEqual([
      ['planbot / plan', 'success'],
      ['planbot / quality gates', 'success'],
    ]);
    expect(world.simulator.violations).toEqual([]);
  });

  it('5. creates nothing twice when every webhook is delivered again with the same delivery ids', async () => {
    const redelivery = await redeliverEverything(world);
    expect(redelivery.redelivered).toBeGreaterThan(10);
    expect(redelivery.after).toEqual(redelivery.before);
    expect(writes(redelivery.requests)).toEqual([]);
    expect(world.simulator.violations).toEqual([]);
    cleanSnapshot = snapshotRepository(world.simulator, where);
  });

  it('answered every delivery with 2xx, logged no errors, and sent only requests GitHub accepts', () => {
    const refused = world.relay.deliveries.filter((delivery) => delivery.error !== null || (delivery.result?.status ?? 0) >= 300);
    expect(refused.map((delivery) => `${delivery.event.name} ${delivery.result?.status ?? delivery.error}`)).toEqual([]);
    const errors = world.app.logs.filter((line) => typeof line.level === 'number' && line.level >= 50);
    expect(errors.map((line) => line.msg)).toEqual([]);
    expect(world.simulator.violations).toEqual([]);
    // The filled plan on the branch is the author's, with exactly one box ticked by planbot.
    expect(world.simulator.readFile({ ...where, path: SCENARIO.planPath, ref: SCENARIO.branch })).toBe(FILLED_PLAN.replace('- [ ] Add the password hashing module', '- [x] Add the password hashing module'));
  });
});

describe('planbot end to end under faults: 10% server errors and 10% secondary rate limits', () => {
  it('ends in the same state as the clean run', async () => {
    const { world, snapshot } = await faultyRun!;
    const faulted = world.simulator.requests.filter((request) => request.fault !== null);
    expect(faulted.length).toBeGreaterThan(5);
    expect(world.simulator.violations).toEqual([]);
    if (!cleanSnapshot) throw new Error('the clean run did not finish, so there is nothing to compare with');
    expect(snapshot).toEqual(cleanSnapshot);
  });

  it('creates each check run once per commit even when jobs are retried', async () => {
    const { world } = await faultyRun!;
    const seen = new Map<string, number>();
    for (const run of world.simulator.checkRuns(where)) seen.set(`${run.head_sha.slice(0, 7)} ${run.name}`, (seen.get(`${run.head_sha.slice(0, 7)} ${run.name}`) ?? 0) + 1);
    expect([...seen].filter(([, count]) => count > 1)).toEqual([]);
  });
});

describe('a pull request from a fork', () => {
  it('takes configuration from the default branch only, never from the fork\'s head', async () => {
    const { world, headSha, requests } = await forkRun!;
    const configReads = requests.filter((request) => request.path.includes('.github%2Fplanbot.yml') && request.path.startsWith('/repos/acme/web/'));
    expect(configReads.length).toBeGreaterThan(0);
    expect(configReads.filter((request) => request.path.includes(headSha) || /[?&]ref=/.test(request.path))).toEqual([]);
    // The fork's config asked for no checks; the repository's own config wins.
    expect(world.simulator.checkRuns({ ...where, sha: headSha }).map((run) => run.name).sort()).toEqual([...SCENARIO.planChecks].sort());
    expect(writes(requests).filter((route) => route.includes('/contents/'))).toEqual([]);
    expect(world.simulator.violations).toEqual([]);
  });
});
