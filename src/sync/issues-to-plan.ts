// Issue → plan, the pipeline shared by ticks in a phase issue (issue-ticks.ts) and a task issue's
// closed/reopened state (task-issue-state.ts): gather (is the issue planbot's, the config, the plan
// at the issue's branch) → decide (plain-data actions, pure) → apply. The merge itself — one rule
// per task against the last synced state (three-way.ts) — runs inside the reconciler the
// `sync-feature` action starts, the same one plan → issues uses, so both directions agree.
import type { Logger } from 'pino';
import type { PlanbotConfig } from '../config/schema.js';
import type { ConfigProblem } from '../config/load.js';
import type { GitHub, RepoCoordinates } from '../github/github.js';
import type { JobOf } from '../job/job.js';
import { withPendingKeys } from './issue-body.js';
import { readMarker, type PlanbotMarker } from './marker.js';
import { syncFeature, type SyncTarget } from './sync-feature.js';
import { locatePlan, type PlanLocation } from './locate-plan.js';
import { editableFile, featureBranchOf, isOwnIssue } from './planbot-issue.js';
import { refusalComment } from './tick-refusal-comment.js';

type IssuesJob = JobOf<'issues'>;

/** What a person changed on the issue side, known from the event alone. */
export interface IssueChange {
  marker: PlanbotMarker;
  log: Logger;
  /** The issue body before and after the person's change (the same text for a state change). */
  before: string;
  after: string;
  /** What changed, for the log lines: "tick", "task state". */
  what: string;
  /** The task keys to name when the change cannot reach the plan. */
  refusedKeys: string[];
}

/** Everything the decision needs, read once. */
export interface IssuesToPlanInput {
  change: IssueChange;
  issue: { number: number; author: string | null };
  sender: { login: string; id: number; type?: string };
  where: RepoCoordinates;
  /** Whether planbot opened the issue (its marker is trusted only then). */
  own: boolean;
  /** Null when not read (the issue is not planbot's). */
  loaded: { config: PlanbotConfig; problems: ConfigProblem[] } | null;
  /** Null when nothing was looked up (an earlier step already decided). */
  located: PlanLocation | null;
}

/** The writes issue → plan makes, as plain data: printable, countable, comparable. */
export type IssuesToPlanAction =
  /** Merge issue and plan (three-way), commit the plan at `target.commitBranch`, then bring the issues in line. */
  | { kind: 'sync-feature'; target: SyncTarget; plan: { content: string; blobSha: string } }
  /** One comment on the issue (why a change could not reach the plan). */
  | { kind: 'reply'; issueNumber: number; body: string }
  /** Record task keys as waiting in the issue's marker, so the next plan sync keeps those ticks. */
  | { kind: 'record-pending'; issueNumber: number; keys: string[] };

/** A decision: actions, or why none (logged at `level`). */
export type IssuesToPlanDecision =
  | { kind: 'skip'; level: 'info' | 'warn'; message: string; fields?: Record<string, unknown> }
  | { kind: 'act'; actions: IssuesToPlanAction[]; note?: { message: string; fields: Record<string, unknown> } };

/** The run of one issue change: gather, decide, apply. */
export async function syncIssueChangeToPlan(job: IssuesJob, change: IssueChange): Promise<void> {
  const input = await gatherIssueChange(job, change);
  const decision = issuesToPlanActions(input);
  const { log } = change;
  if (decision.kind === 'skip') {
    log[decision.level](decision.fields ?? {}, decision.message);
    return;
  }
  if (decision.note) log.warn(decision.note.fields, decision.note.message);
  await applyIssuesToPlan(job, decision.actions, log, change.what);
}

/**
 * Reads in the order the decision needs them, stopping as soon as the answer is known: the issue's
 * author (no request with BOT_LOGIN), the config (1–2 requests, once per job), then the plan (1–3).
 */
export async function gatherIssueChange(job: IssuesJob, change: IssueChange): Promise<IssuesToPlanInput> {
  const { issue, sender, repository } = job.payload;
  const input: IssuesToPlanInput = {
    change,
    issue: { number: issue.number, author: issue.user?.login ?? null },
    sender: { login: sender.login, id: sender.id, type: sender.type },
    where: job.repo,
    own: await isOwnIssue(issue, job.identity),
    loaded: null,
    located: null,
  };
  if (!input.own) return input;
  const { config, problems } = await job.config();
  input.loaded = { config, problems };
  if (problems.length > 0 || !config.issues.enabled || !config.issues.sync_back || !editableFile(change.marker, config)) return input;
  input.located = await locatePlan(job.github, job.repo, {
    path: change.marker.path,
    featureBranch: featureBranchOf(change.marker),
    defaultBranch: repository.default_branch,
  });
  return input;
}

/** Pure: what to write for a gathered change. */
export function issuesToPlanActions(input: IssuesToPlanInput): IssuesToPlanDecision {
  const { change, issue, loaded, located } = input;
  const { marker, what } = change;
  if (!input.own || !loaded) {
    return { kind: 'skip', level: 'info', message: 'issue carries a planbot marker but planbot did not open it; ignoring', fields: { author: issue.author } };
  }
  const { config, problems } = loaded;
  // No writes on an invalid config: the check run reports it; the change stays in the issue.
  if (problems.length > 0) return { kind: 'skip', level: 'warn', message: `configuration is invalid; not writing the ${what} back to the plan`, fields: { problems } };
  if (!config.issues.enabled || !config.issues.sync_back) {
    return { kind: 'skip', level: 'info', message: 'issues.sync_back is off; the next sync will show the plan’s state again' };
  }
  const file = editableFile(marker, config);
  if (!file) {
    return { kind: 'skip', level: 'warn', message: 'the issue’s marker names a file that is not a plan by this configuration; ignoring', fields: { path: marker.path } };
  }
  if (!located) throw new Error('issue → plan: the plan was not looked up');
  if (!located.found) {
    const note = { message: `the ${what} could not be committed to the plan`, fields: { path: marker.path, reason: located.reason } };
    const keys = change.refusedKeys;
    if (keys.length === 0) return { kind: 'act', actions: [], note };
    // When ticks were already pending, the issue already has the comment: no second one.
    const explained = (marker.pending ?? []).length > 0;
    const body = refusalComment({ branch: null, path: file.path, reason: located.reason, sender: input.sender.login, pending: keys.length });
    const actions: IssuesToPlanAction[] = explained ? [] : [{ kind: 'reply', issueNumber: issue.number, body }];
    actions.push({ kind: 'record-pending', issueNumber: issue.number, keys });
    return { kind: 'act', actions, note };
  }
  const branch = located.file.ref;
  const target: SyncTarget = {
    ...input.where,
    feature: marker.feature,
    planPath: marker.path,
    ref: branch,
    branchForLinks: branch,
    commitBranch: branch,
    trigger: { issueNumber: issue.number, before: change.before, after: change.after, sender: input.sender },
  };
  return { kind: 'act', actions: [{ kind: 'sync-feature', target, plan: { content: located.file.content, blobSha: located.file.sha } }] };
}

/** Applies the actions in order. */
export async function applyIssuesToPlan(job: IssuesJob, actions: IssuesToPlanAction[], log: Logger, what: string): Promise<void> {
  for (const action of actions) {
    switch (action.kind) {
      case 'reply':
        await job.github.createComment(job.repo, action.issueNumber, action.body);
        break;
      case 'record-pending':
        await recordPending(job.github, job.repo, action.issueNumber, action.keys);
        break;
      case 'sync-feature': {
        // The config is the job's, already loaded by the gather step: no second read.
        const { config } = await job.config();
        const result = await syncFeature(job, action.target, { plan: action.plan, config });
        log.info({ status: result.status, writes: result.writes, actions: result.actions.length }, `${what} synced with the plan`);
        break;
      }
    }
  }
}

/**
 * Adds keys to the issue's pending list. The body is read fresh (1 request) rather than taken from
 * the payload: a person may have ticked more boxes since, and writing back an older body would untick them.
 */
async function recordPending(github: Pick<GitHub, 'getIssue' | 'updateIssue'>, where: RepoCoordinates, issueNumber: number, keys: string[]): Promise<void> {
  const issue = await github.getIssue(where, issueNumber);
  const body = issue?.body ?? '';
  const marker = readMarker(body);
  if (!marker) return;
  const updated = withPendingKeys(body, [...new Set([...(marker.pending ?? []), ...keys])]);
  if (updated === body) return;
  await github.updateIssue(where, issueNumber, { body: updated });
}
