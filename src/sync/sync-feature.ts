// Syncs one feature's plan to its issues: read the plan (and tasks.md), compute the desired
// issues, read what exists, plan the writes, apply them. Serialised per repository + feature.
// Used by the pull_request and push handlers, `/planbot sync` and the "Sync issues" button.
import type { Logger } from 'pino';
import type { PlanbotConfig } from '../config/schema.js';
import type { GitHub, RepoCoordinates } from '../github/github.js';
import type { Job } from '../job/job.js';
import type { Finding, PlanModel } from '../plan/index.js';
import { parsePlanParallel } from '../plan/parallel.js';
import type { RelationApi } from '../github/issues-api-support.js';
import { applyActions, type ApplyResult } from './apply-actions.js';
import { featureLockKey } from '../job/feature-lock.js';
import { phaseRef, planActions, type Action, type SyncPlan } from './plan-actions.js';
import { commitPlanEdits } from './plan-commit.js';
import { checkboxCommitMessage } from './tick-commit-message.js';
import { refusalComment } from './tick-refusal-comment.js';
import { repositoryWebUrl } from './web-links.js';
import { boardStep, type BoardOutcome } from './board-step.js';
import { desiredFeature, editsFor, mayCommit, planFeatureSync, readOrError, triggerOf, type AfterCommit, type FeatureSyncInput, type GatheredFeature, type SyncTrigger } from './dry-run.js';

export type { SyncTrigger } from './dry-run.js';

/** What a sync needs of its job (a whole Job fits). */
export type SyncJob = Pick<Job, 'github' | 'log' | 'config' | 'id' | 'payload' | 'lock'>;

export interface SyncTarget {
  owner: string;
  repo: string;
  feature: string;
  planPath: string;
  /** Branch or SHA the plan is read at. */
  ref: string;
  /** Branch the issues' links point at. */
  branchForLinks: string;
  /** Assignee when `issues.assignees` is `author`. */
  author?: string | null;
  prNumber?: number | null;
  /**
   * The branch `ref` names, when ticks made in the issues may be committed to it (two-way sync).
   * Without it the issues keep those ticks (recorded as not yet synced) and the plan is not written.
   */
  commitBranch?: string | null;
  /** A person's edit of a phase issue that started this sync (issue → plan). */
  trigger?: SyncTrigger | null;
  /** A person asked for this sync (`/planbot sync`, "Sync issues"): the Project board is read even when nothing changed. */
  refreshBoard?: boolean;
}

/** Read-merge-commit rounds per sync when someone else commits to the plan at the same time. */
export const MAX_COMMIT_ROUNDS = 3;

export interface SyncPreloaded {
  /** The plan as already read (and parsed: the checks on the same event did it) — no second read or parse. */
  plan?: { content: string; blobSha: string; model?: PlanModel; ref?: string };
  config?: PlanbotConfig;
  /**
   * The preloaded plan was read at an event's commit: read it again at `ref` (the branch as it is
   * now) and use the preloaded parse only when the blob is the same.
   */
  reread?: boolean;
}

export type SyncStatus = 'synced' | 'unchanged' | 'disabled' | 'invalid-config' | 'no-plan' | 'unreadable' | 'issues-off';

export interface SyncResult {
  status: SyncStatus;
  feature: string;
  planPath: string;
  /** One sentence for people (command replies, logs). */
  message: string;
  tracking: { number: number; url: string } | null;
  issues: Array<{ phase: string; number: number | null; state: 'open' | 'closed' }>;
  actions: Array<{ type: Action['type']; ref: string; reason: string }>;
  writes: number;
  /** Requests spent reading (the plan read shared with the checks not counted). */
  reads: number;
  /** Problems with the plan as issues (duplicate phase numbers, more phases than sub-issues allow). */
  findings: Finding[];
  /** Relation APIs missing here: those links live in the issue bodies. */
  fallbacks: RelationApi[];
  /** The Project board step (`projects` configured), after the issues. */
  board?: BoardOutcome | null;
}

export async function syncFeature(job: SyncJob, target: SyncTarget, preloaded: SyncPreloaded = {}): Promise<SyncResult> {
  const loaded = preloaded.config ? { config: preloaded.config, problems: [] } : await job.config();
  if (loaded.problems.length > 0) {
    return result(target, 'invalid-config', 'The configuration in .github/planbot.yml is invalid, so issues were not synced (see the plan check).');
  }
  if (!loaded.config.issues.enabled) return result(target, 'disabled', 'Issue sync is turned off (issues.enabled: false).');
  const input = featureSyncInput(job, target, preloaded, loaded.config);
  const key = featureLockKey(target.owner, target.repo, target.feature, target.planPath);
  return job.lock.run(key, () => reconcile(input, target, job.id));
}

/** What planFeatureSync reads and decides from, for this job and target (a dry run passes the same). */
export function featureSyncInput(job: Pick<SyncJob, 'github' | 'log' | 'payload'>, target: SyncTarget, preloaded: SyncPreloaded, config: PlanbotConfig): FeatureSyncInput {
  const where = { owner: target.owner, repo: target.repo };
  return {
    github: job.github,
    where,
    feature: target.feature,
    planPath: target.planPath,
    ref: target.ref,
    config,
    log: job.log.child({ feature: target.feature }),
    plan: preloaded.plan ?? null,
    reread: preloaded.reread ?? false,
    branchForLinks: target.branchForLinks,
    repoUrl: repositoryWebUrl(job.payload, where, job.github.apiBaseUrl),
    author: target.author ?? null,
    commitBranch: target.commitBranch ?? null,
    trigger: target.trigger ?? null,
  };
}

/** Gather → desired → diff (planFeatureSync, what a dry run prints), then commit the plan edits and apply the issue writes. */
async function reconcile(input: FeatureSyncInput, target: SyncTarget, deliveryId: string): Promise<SyncResult> {
  const { github, where, config, log } = input;
  const planned = await planFeatureSync(input);
  let reads = planned.reads;
  if (!planned.gathered) return result(target, planned.status as SyncStatus, planned.message, { reads });
  const { files, models, actual, hooks, afterCommit } = planned.gathered;
  let { desired, syncPlan } = planned.gathered;
  const read = async (path: string) => {
    reads++;
    return readOrError(github, where, path, input.ref);
  };

  const trigger = triggerOf(input);
  // Two-way: ticks made in the issues go into the plan first (one commit per file), then the issues
  // are written from the plan as committed, so both show the same state and the base moves with them.
  let commitWrites = 0;
  for (let round = 1; mayCommit(input, syncPlan, actual); round++) {
    const outcome = await commitEdits(github, where, target, files, syncPlan, log, models);
    commitWrites += outcome.writes;
    if (outcome.kind === 'refused') {
      log.warn({ branch: target.commitBranch, reason: outcome.reason }, 'the ticks made in the issue could not be committed to the plan');
      // Addressed to the person whose edit this is; a plan sync that meets a refusal addresses no one.
      const who = target.trigger?.sender.login ?? '';
      const comment = (pending: number) => {
        const text = refusalComment({ branch: target.commitBranch ?? null, path: outcome.path, reason: outcome.reason, sender: who, pending });
        return who ? text : text.replace(/^@ /, '');
      };
      syncPlan = planActions(desired, actual, { trigger, refusal: { comment } });
      break;
    }
    if (outcome.kind === 'conflict') {
      if (round >= MAX_COMMIT_ROUNDS) throw new Error(`${target.planPath} on ${target.commitBranch} changed during each of ${round} commit attempts`);
      log.info({ branch: target.commitBranch, round }, 'the plan changed meanwhile; merging again');
      const fresh = await Promise.all([read(files.plan.path), files.tasks ? read(files.tasks.path) : null]);
      for (const [index, file] of [files.plan, files.tasks].entries()) {
        const now = fresh[index];
        if (!file || !now || now instanceof Error) continue;
        Object.assign(file, { content: now.content, sha: now.sha });
      }
    }
    // Committed as planned: the dry run's plan after the commit is this one (no second parse).
    const foreseen = round === 1 && outcome.kind === 'committed' && afterCommit && sameContents(files, afterCommit.contents) ? afterCommit : null;
    if (foreseen) {
      Object.assign(models, foreseen.models);
      ({ desired, syncPlan } = foreseen);
    } else {
      models.plan = await parsePlanParallel(files.plan.content, { file: files.plan.path, kind: 'plan' }, hooks);
      models.tasks = files.tasks ? await parsePlanParallel(files.tasks.content, { file: files.tasks.path, kind: 'tasks' }, hooks) : null;
      desired = desiredFeature(input, models, files.tasks?.path ?? null);
      syncPlan = planActions(desired, actual, { trigger });
    }
    // Nothing could be written (the tasks moved meanwhile): the issues keep those ticks as not yet synced.
    if (outcome.kind === 'committed' && (outcome.writes === 0 || round >= MAX_COMMIT_ROUNDS)) break;
  }

  const actions = syncPlan.actions.map((action) => ({ type: action.type, ref: refOf(action), reason: action.reason }));
  const fallbacks = actual.record?.unsupported ?? [];
  // The board follows the issues as they are now; it is read only when this event changed something.
  const board = (applied: ApplyResult | null, writes: number) =>
    boardStep(input, { desired, actual, syncPlan, models, planText: files.plan.content, ...(applied ? { applied } : {}) }, { changed: writes > 0 || target.refreshBoard === true });
  if (syncPlan.actions.length === 0) {
    return result(target, commitWrites > 0 ? 'synced' : 'unchanged', commitWrites > 0 ? 'The plan took the ticks made in the issues.' : 'The issues already match the plan.', {
      reads,
      writes: commitWrites,
      findings: desired.findings,
      fallbacks,
      tracking: actual.tracking ? { number: actual.tracking.number, url: actual.tracking.htmlUrl } : null,
      issues: syncPlan.phases.map((phase) => ({ phase: phase.phase.key, number: syncPlan.existing.get(phase.ref)?.number ?? null, state: phase.state })),
      board: await board(null, commitWrites),
    });
  }

  const applied = await applyActions(github, where, syncPlan, { log, deliveryId });
  const writes = applied.writes + commitWrites;
  const tracking = applied.resolve('tracking');
  const summary = {
    created: syncPlan.actions.filter((action) => action.type === 'create-issue').length,
    updated: syncPlan.actions.filter((action) => action.type === 'update-issue').length,
    links: syncPlan.actions.filter((action) => action.type === 'add-sub-issue' || action.type === 'add-blocked-by').length,
    writes,
    reads,
  };
  log.info(summary, 'issues synced with the plan');
  return result(target, 'synced', `Synced ${desired.phases.length} phase ${desired.phases.length === 1 ? 'issue' : 'issues'}: ${summary.created} created, ${summary.updated} updated.`, {
    reads,
    writes,
    actions,
    findings: desired.findings,
    fallbacks: [...new Set([...fallbacks, ...applied.outcome.unsupported])],
    tracking: tracking ? { number: tracking.number, url: `${desired.repoUrl}/issues/${tracking.number}` } : null,
    issues: syncPlan.phases.map((phase) => ({ phase: phase.phase.key, number: applied.resolve(phaseRef(phase.phase.key))?.number ?? null, state: phase.state })),
    board: await board(applied, writes),
  });
}

function sameContents(files: GatheredFeature['files'], contents: AfterCommit['contents']): boolean {
  return files.plan.content === contents.plan && (files.tasks?.content ?? null) === contents.tasks;
}

type EditsOutcome = { writes: number } & ({ kind: 'committed' | 'conflict' } | { kind: 'refused'; reason: string; path: string });

/** Commits the plan edits, one commit per file (plan.md, tasks.md), and keeps `files` up to date. */
async function commitEdits(
  github: GitHub,
  where: RepoCoordinates,
  target: SyncTarget,
  files: GatheredFeature['files'],
  plan: SyncPlan,
  log: Logger,
  models: GatheredFeature['models'],
): Promise<EditsOutcome> {
  let writes = 0;
  for (const file of [files.plan, files.tasks]) {
    if (!file) continue;
    const edits = editsFor(plan, file);
    if (edits.length === 0) continue;
    const sender = target.trigger?.sender ?? { login: 'planbot', id: 0, type: 'Bot' };
    const outcome = await commitPlanEdits(github, where, target.commitBranch as string, { ...file, edits, model: (file.kind === 'tasks' ? models.tasks : models.plan) ?? undefined }, (changed) =>
      checkboxCommitMessage({ changed, path: file.path, issue: { ...where, number: changed[0].issueNumber }, sender }),
    );
    if (outcome.kind === 'unchanged') continue;
    writes++;
    if (outcome.kind === 'conflict') return { kind: 'conflict', writes };
    if (outcome.kind === 'refused') return { kind: 'refused', reason: outcome.reason, path: file.path, writes };
    log.info({ branch: target.commitBranch, path: file.path, changed: outcome.changed.length }, 'ticks made in the issues committed to the plan');
    Object.assign(file, { content: outcome.content, sha: outcome.sha });
  }
  return { kind: 'committed', writes };
}

function refOf(action: Action): string {
  switch (action.type) {
    case 'add-sub-issue':
      return action.child;
    case 'add-blocked-by':
    case 'remove-blocked-by':
      return `${action.issue}<${action.blocker}`;
    default:
      return action.ref;
  }
}

function result(target: SyncTarget, status: SyncStatus, message: string, extra: Partial<SyncResult> = {}): SyncResult {
  return {
    status,
    feature: target.feature,
    planPath: target.planPath,
    message,
    tracking: null,
    issues: [],
    actions: [],
    writes: 0,
    reads: 0,
    findings: [],
    fallbacks: [],
    ...extra,
  };
}

