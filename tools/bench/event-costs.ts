// What each kind of event costs in GitHub API requests: one feature's life in its own repository
// and installation, every webhook delivered alone and awaited, so each request is charged to the
// delivery that caused it. Follow-up webhooks caused by planbot's own writes (its commits, issues,
// check runs) are delivered too and charged to the action, as GitHub would send them.
import { FILLED_PLAN, SCENARIO } from '../demo/scenario.js';
import type { RequestRecord } from '../sim/index.js';
import type { BenchRepo, BenchWorld, Delivered } from './bench-world.js';
import { costOf, forInstallations, requestLines, sumCosts, type RequestCost, type RequestLine } from './request-cost.js';
import { cpuPerUnit } from './app-cpu.js';
import { distribution, round, type Distribution } from './stats.js';

export interface DeliveryCost extends RequestCost {
  /** `name.action` */
  event: string;
  /** `user`: a person's action; `app`: caused by planbot's own write. */
  origin: 'user' | 'app';
  outcome: string;
  ackMs: number;
  doneMs: number;
  requestLog: RequestLine[];
}

export type ActionKey =
  | 'create'
  | 'pull_request.opened'
  | 'pull_request.synchronize.plan_changed'
  | 'pull_request.first_reevaluation'
  | 'pull_request.steady'
  | 'issues.edited.tick'
  | 'pull_request.after_tick'
  | 'issue_comment.command'
  | 'push.default_branch';

/** The six event types the issue asks about, in its order. */
export const HEADLINE_ACTIONS: readonly ActionKey[] = [
  'create',
  'pull_request.opened',
  'pull_request.steady',
  'push.default_branch',
  'issues.edited.tick',
  'issue_comment.command',
];

export interface ActionCost {
  key: ActionKey;
  /** What a person did. */
  label: string;
  /** The delivery the row is about (e.g. `create` for a new branch, which also sends `push`). */
  primary: DeliveryCost;
  /** Every delivery the action led to, in order, the primary included. */
  deliveries: DeliveryCost[];
  /** All deliveries but the primary. */
  followUps: RequestCost;
  total: RequestCost;
  /** From the first delivery sent until the last one finished, ms. */
  elapsedMs: number;
}

export interface SteadyRepeats {
  deliveries: number;
  /** Fewest and most requests one delivery made. */
  requests: { min: number; max: number };
  /** Writes and rate-limit cost over all the deliveries. */
  writes: number;
  rateLimitCost: number;
  /** CPU time of the app per delivery for this (full, four-phase) plan, ms; null when other work ran alongside. */
  appCpuMsPerEvent: number | null;
  done: Distribution;
}

export interface EventCostRun {
  repository: string;
  installationId: number;
  latencyMs: number;
  actions: ActionCost[];
  /** The steady-state PR event delivered again and again after the measured one (same plan as above). */
  steadyRepeats: SteadyRepeats;
  /** Requests not charged to any delivery while the run went on (should be 0). */
  unattributed: number;
}

const STEADY_REPEATS = 20;
const author = { as: SCENARIO.author };

/** Plays one feature's life in `repo` and charges every request to the delivery that caused it. */
export async function measureEventCosts(world: BenchWorld, repo: BenchRepo, latencyMs: number, options: { measureCpu: boolean }): Promise<EventCostRun> {
  const sim = world.simulator;
  const installations = new Set([repo.installationId]);
  const firstRequest = sim.requests.length;
  const charged = new Set<RequestRecord>();
  const actions: ActionCost[] = [];

  const costs = (delivered: Delivered[]): DeliveryCost[] =>
    delivered.map((delivery) => {
      const records = forInstallations(sim.requests.slice(...delivery.requestRange), installations);
      for (const record of records) charged.add(record);
      return {
        event: delivery.event,
        origin: delivery.origin,
        outcome: delivery.outcome,
        ackMs: round(delivery.ackMs),
        doneMs: delivery.doneMs,
        ...costOf(records),
        requestLog: requestLines(records),
      };
    });
  /** Runs a person's action, delivers everything it caused, and records it under `key`. */
  const record = async (key: ActionKey, label: string, primaryEvent: string, act: () => void | Promise<Delivered[]>) => {
    const started = Date.now();
    const direct = (await act()) ?? [];
    const delivered = [...direct, ...(await world.drain(repo))];
    const deliveries = costs(delivered);
    const primary = deliveries.find((delivery) => delivery.event === primaryEvent);
    if (!primary) throw new Error(`${label}: no ${primaryEvent} delivery (got ${deliveries.map((d) => d.event).join(', ') || 'none'})`);
    actions.push({
      key,
      label,
      primary,
      deliveries,
      followUps: sumCosts(deliveries.filter((delivery) => delivery !== primary)),
      total: sumCosts(deliveries),
      elapsedMs: Math.max(...delivered.map((delivery) => delivery.sentAt + delivery.doneMs)) - started,
    });
  };
  let pullNumber = 0;
  const reopen = async () => [await world.deliver('pull_request', world.pullRequestPayload(repo, pullNumber, 'reopened'))];
  const branch = { ...repo, branch: SCENARIO.branch };

  await record('create', 'push a new feature branch (planbot commits the plan skeleton)', 'create', () => {
    sim.createBranch({ ...branch, ...author });
  });
  await record('pull_request.opened', 'open the pull request (skeleton plan: checks and first issue sync)', 'pull_request.opened', () => {
    pullNumber = sim.openPullRequest({ ...repo, head: SCENARIO.branch, title: SCENARIO.pullTitle, ...author }).number;
  });
  await record('pull_request.synchronize.plan_changed', 'push the filled-in plan to the feature branch', 'pull_request.synchronize', () => {
    sim.commitFile({ ...branch, path: SCENARIO.planPath, content: FILLED_PLAN, message: 'docs(plan): write the plan', ...author });
  });
  await record('pull_request.first_reevaluation', 'reopen the PR: first re-evaluation of an unchanged head', 'pull_request.reopened', reopen);
  await record('pull_request.steady', 'reopen the PR again: steady state (head, plan, issues unchanged)', 'pull_request.reopened', reopen);
  const repeated: Delivered[] = [];
  const { cpuMsPerUnit } = await cpuPerUnit(world.app.pid, STEADY_REPEATS, async () => {
    for (let i = 0; i < STEADY_REPEATS; i++) repeated.push(...(await reopen()));
  });
  const repeatCosts = costs(repeated);
  const repeatTotal = sumCosts(repeatCosts);
  const steadyRepeats: SteadyRepeats = {
    deliveries: repeatCosts.length,
    requests: { min: Math.min(...repeatCosts.map((cost) => cost.requests)), max: Math.max(...repeatCosts.map((cost) => cost.requests)) },
    writes: repeatTotal.writes,
    rateLimitCost: repeatTotal.rateLimitCost,
    appCpuMsPerEvent: options.measureCpu ? cpuMsPerUnit : null,
    done: distribution(repeated.map((delivery) => delivery.doneMs)),
  };
  await record('issues.edited.tick', 'tick a box in a phase issue (planbot ticks it in plan.md)', 'issues.edited', () => {
    tickFirstOpenBox(world, repo);
  });
  await record('pull_request.after_tick', 'reopen the PR after the tick: first PR event since', 'pull_request.reopened', reopen);
  await record('issue_comment.command', 'comment `/planbot check` on the PR', 'issue_comment.created', () => {
    sim.commentOnIssue({ ...repo, number: pullNumber, body: '/planbot check', ...author });
  });
  await record('push.default_branch', 'push a plan change to the default branch (the PR merged with one more box ticked)', 'push', () => {
    const plan = sim.readFile({ ...repo, path: SCENARIO.planPath, ref: SCENARIO.branch }) ?? FILLED_PLAN;
    const merged = plan.replace(/^- \[ \] /m, '- [x] ');
    sim.commitFile({ ...repo, branch: 'main', path: SCENARIO.planPath, content: merged, message: `Merge pull request #${pullNumber}`, ...author });
  });

  const all = forInstallations(sim.requests.slice(firstRequest), installations);
  return {
    repository: repo.fullName,
    installationId: repo.installationId,
    latencyMs,
    actions,
    steadyRepeats,
    unattributed: all.filter((request) => !charged.has(request)).length,
  };
}

/** Ticks the first open box in the Phase 1 issue, as a person editing it in the web UI would. */
function tickFirstOpenBox(world: BenchWorld, repo: BenchRepo): void {
  const issue = world.simulator.issues(repo).find((candidate) => /\bPhase 1\b/.test(candidate.title) && candidate.state === 'open');
  if (!issue) throw new Error(`${repo.fullName}: no open Phase 1 issue to tick a box in`);
  const body = issue.body ?? '';
  const ticked = body.replace(/^(\s*[-*+] )\[ \] /m, '$1[x] ');
  if (ticked === body) throw new Error(`${repo.fullName}: issue #${issue.number} has no open box`);
  world.simulator.editIssue({ ...repo, number: issue.number, body: ticked, ...author });
}
