// Syncs one feature's plan to its issues: read the plan (and tasks.md), compute the desired
// issues, read what exists, plan the writes, apply them. Serialised per repository + feature.
// Used by the pull_request and push handlers, `/planbot sync` and the "Sync issues" button.
import type { Context } from 'probot';
import { loadConfig } from '../config/load.js';
import type { PlanbotConfig } from '../config/schema.js';
import { FileTooLargeError, NotTextError, readRepoFile, statusOf, type Octokit } from '../github/files.js';
import { noteUnsupportedOnce, type RelationApi } from '../github/issues-api-support.js';
import { featureFromBranch, renderPlanPath, siblingPath } from '../plan/feature.js';
import type { Finding, PlanModel } from '../plan/index.js';
import { parsePlanParallel } from '../plan/parallel.js';
import { readActual, verifyBlockedBy, type ActualFeature } from './actual.js';
import { applyActions } from './apply-actions.js';
import { buildDesired, type DesiredFeature } from './desired.js';
import { featureLock, featureLockKey } from './feature-lock.js';
import { emptyLinksRecord } from './links-record.js';
import { phaseRef, planActions, type Action, type SyncPlan } from './plan-actions.js';
import { commitPlanEdits } from './plan-commit.js';
import { checkboxCommitMessage } from '../interact/commit-message.js';
import { refusalComment } from '../interact/refusal-comment.js';
import { repositoryWebUrl } from './web-links.js';
import { warnOnParseFallback } from '../logging/parse-fallback.js';

export type SyncContext = Pick<Context, 'octokit' | 'log' | 'config' | 'repo' | 'id' | 'payload'>;

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
}

export interface SyncTrigger {
  issueNumber: number;
  /** The body before and after the edit (`changes.body.from`, `issue.body`). */
  before: string;
  after: string;
  /** Who edited: credited in the commit. */
  sender: { login: string; id: number; type?: string };
}

/** Read-merge-commit rounds per sync when someone else commits to the plan at the same time. */
export const MAX_COMMIT_ROUNDS = 3;

export interface SyncPreloaded {
  /** The plan as already read (and parsed: the checks on the same event did it) — no second read or parse. */
  plan?: { content: string; blobSha: string; model?: PlanModel };
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
}

export async function syncFeature(context: SyncContext, target: SyncTarget, preloaded: SyncPreloaded = {}): Promise<SyncResult> {
  const log = context.log.child({ feature: target.feature });
  const loaded = preloaded.config ? { config: preloaded.config, problems: [] } : await loadConfig(context);
  if (loaded.problems.length > 0) {
    return result(target, 'invalid-config', 'The configuration in .github/planbot.yml is invalid, so issues were not synced (see the plan check).');
  }
  if (!loaded.config.issues.enabled) return result(target, 'disabled', 'Issue sync is turned off (issues.enabled: false).');
  const key = featureLockKey(target.owner, target.repo, target.feature, target.planPath);
  return featureLock().run(key, () => reconcile(context, target, loaded.config, preloaded.plan, log, preloaded.reread ?? false));
}

async function reconcile(
  context: SyncContext,
  target: SyncTarget,
  config: PlanbotConfig,
  preloadedPlan: SyncPreloaded['plan'],
  log: SyncContext['log'],
  reread: boolean,
): Promise<SyncResult> {
  const where = { owner: target.owner, repo: target.repo };
  const octokit = context.octokit as Octokit;
  let reads = 0;
  const read = async (path: string) => {
    reads++;
    try {
      return await readRepoFile(octokit, where, path, target.ref);
    } catch (error) {
      if (error instanceof FileTooLargeError || error instanceof NotTextError) return error;
      throw error;
    }
  };

  const current = preloadedPlan && !reread ? preloadedPlan : await read(target.planPath);
  const plan = preloadedPlan && current && !(current instanceof Error) && 'sha' in current && current.sha === preloadedPlan.blobSha ? preloadedPlan : current;
  if (plan === null) return result(target, 'no-plan', `There is no plan at ${target.planPath} on ${target.ref}.`, { reads });
  if (plan instanceof Error) return result(target, 'unreadable', plan.message, { reads });
  const tasksPath = config.issues.source === 'plan' ? null : siblingPath(target.planPath, 'tasks.md');
  const tasks = tasksPath ? await read(tasksPath) : null;
  if (tasks instanceof Error) return result(target, 'unreadable', tasks.message, { reads });
  if (config.issues.source === 'tasks' && !tasks) {
    return result(target, 'no-plan', `There is no ${tasksPath} yet (issues.source: tasks), so there are no issues to sync.`, { reads });
  }

  // Large plans parse on worker threads (src/plan/parallel.ts): the event loop keeps acknowledging webhooks.
  const hooks = warnOnParseFallback(log);
  const files: { plan: SyncFile; tasks: SyncFile | null } = {
    plan: { path: target.planPath, kind: 'plan', content: plan.content, sha: 'blobSha' in plan ? plan.blobSha : plan.sha },
    tasks: tasks && tasksPath ? { path: tasksPath, kind: 'tasks', content: tasks.content, sha: tasks.sha } : null,
  };
  let planModel = ('model' in plan && plan.model) || (await parsePlanParallel(plan.content, { file: target.planPath, kind: 'plan' }, hooks));
  let tasksModel = files.tasks ? await parsePlanParallel(files.tasks.content, { file: files.tasks.path, kind: 'tasks' }, hooks) : null;
  const desiredFrom = () =>
    buildDesired({
      owner: target.owner,
      repo: target.repo,
      feature: target.feature,
      planPath: target.planPath,
      defaultPlanPath: defaultPlanPath(config, target.feature),
      branch: target.branchForLinks,
      repoUrl: repositoryWebUrl(context.payload as any, where, octokit.request.endpoint.DEFAULTS.baseUrl),
      plan: planModel,
      tasks: tasksModel,
      tasksPath: files.tasks?.path ?? null,
      issues: config.issues,
      author: target.author ?? null,
    });
  let desired = desiredFrom();
  for (const finding of desired.findings) log.warn({ rule: finding.rule, line: finding.line }, finding.message);

  let actual: ActualFeature;
  try {
    const titles = new Map(desired.phases.map((phase) => [phase.title, phase.key]));
    const taskKeys = (desired.taskIssues ?? []).map((task) => task.key);
    actual = await readActual(octokit, where, { feature: target.feature, planPath: target.planPath, label: desired.labels[0], titles, taskKeys }, log);
  } catch (error) {
    // 410 Gone: the repository has Issues turned off. Nothing to retry; say so and stop.
    if (statusOf(error) !== 410) throw error;
    log.warn('issues are turned off in this repository; nothing synced');
    return result(target, 'issues-off', `Issues are turned off in ${target.owner}/${target.repo}, so there is nothing to sync to.`, { reads: reads + 1 });
  }
  await checkDependencies(octokit, where, desired, actual, log);
  reads += actual.reads;

  const trigger = target.trigger ? { issueNumber: target.trigger.issueNumber, before: target.trigger.before, after: target.trigger.after } : null;
  let syncPlan = planActions(desired, actual, { trigger });
  // Two-way: ticks made in the issues go into the plan first (one commit per file), then the issues
  // are written from the plan as committed, so both show the same state and the base moves with them.
  let commitWrites = 0;
  for (let round = 1; syncPlan.planEdits.length > 0 && mayCommit(target, config, syncPlan, actual); round++) {
    const outcome = await commitEdits(octokit, where, target, files, syncPlan, log, { plan: planModel, tasks: tasksModel });
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
    planModel = await parsePlanParallel(files.plan.content, { file: files.plan.path, kind: 'plan' }, hooks);
    tasksModel = files.tasks ? await parsePlanParallel(files.tasks.content, { file: files.tasks.path, kind: 'tasks' }, hooks) : null;
    desired = desiredFrom();
    syncPlan = planActions(desired, actual, { trigger });
    // Nothing could be written (the tasks moved meanwhile): the issues keep those ticks as not yet synced.
    if (outcome.kind === 'committed' && (outcome.writes === 0 || round >= MAX_COMMIT_ROUNDS)) break;
  }

  const actions = syncPlan.actions.map((action) => ({ type: action.type, ref: refOf(action), reason: action.reason }));
  const fallbacks = actual.record?.unsupported ?? [];
  if (syncPlan.actions.length === 0) {
    return result(target, commitWrites > 0 ? 'synced' : 'unchanged', commitWrites > 0 ? 'The plan took the ticks made in the issues.' : 'The issues already match the plan.', {
      reads,
      writes: commitWrites,
      findings: desired.findings,
      fallbacks,
      tracking: actual.tracking ? { number: actual.tracking.number, url: actual.tracking.htmlUrl } : null,
      issues: syncPlan.phases.map((phase) => ({ phase: phase.phase.key, number: syncPlan.existing.get(phase.ref)?.number ?? null, state: phase.state })),
    });
  }

  const applied = await applyActions(octokit, where, syncPlan, { log, deliveryId: context.id });
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
  });
}

/**
 * Lists blockers only where the record is in doubt; a server without the dependencies API is
 * remembered in the record (links then live in the bodies).
 */
async function checkDependencies(
  octokit: Octokit,
  where: { owner: string; repo: string },
  desired: DesiredFeature,
  actual: ActualFeature,
  log: SyncContext['log'],
): Promise<void> {
  if (actual.record?.unsupported.includes('dependencies')) return;
  const wanted = new Map<number, number[]>();
  for (const phase of desired.phases) {
    const issue = actual.phases.get(phase.key);
    if (!issue) continue;
    const blockers = phase.dependencies.map((key) => actual.phases.get(key)?.number).filter((n): n is number => n !== undefined);
    wanted.set(issue.number, blockers);
  }
  if (await verifyBlockedBy(octokit, where, actual, wanted)) return;
  noteUnsupportedOnce(log, `${where.owner}/${where.repo}`, 'dependencies', 404);
  const record = actual.record ?? emptyLinksRecord();
  actual.record = { ...record, unsupported: [...record.unsupported, 'dependencies'] };
}

interface SyncFile {
  path: string;
  kind: 'plan' | 'tasks';
  content: string;
  sha: string;
}

/**
 * Whether the issue-side ticks may be committed now: there is a branch to commit to and sync-back
 * is on. Ticks GitHub refused before are tried again only when a person edits the issue, so a
 * protected branch costs no refused write on every plan sync.
 */
function mayCommit(target: SyncTarget, config: PlanbotConfig, plan: SyncPlan, actual: ActualFeature): boolean {
  if (!target.commitBranch || !config.issues.sync_back) return false;
  if (target.trigger) return true;
  return plan.planEdits.some((edit) => {
    const issue = edit.ref.startsWith('task:') ? actual.tasks.get(edit.ref.slice('task:'.length)) : actual.phases.get(edit.phase.key);
    const pending = new Set(issue?.marker.pending ?? []);
    return [...edit.wanted.keys()].some((key) => !pending.has(key.replace(/#\d+$/, '')));
  });
}

type EditsOutcome = { writes: number } & ({ kind: 'committed' | 'conflict' } | { kind: 'refused'; reason: string; path: string });

/** Commits the plan edits, one commit per file (plan.md, tasks.md), and keeps `files` up to date. */
async function commitEdits(
  octokit: Octokit,
  where: { owner: string; repo: string },
  target: SyncTarget,
  files: { plan: SyncFile; tasks: SyncFile | null },
  plan: SyncPlan,
  log: SyncContext['log'],
  models: { plan: PlanModel; tasks: PlanModel | null },
): Promise<EditsOutcome> {
  let writes = 0;
  for (const file of [files.plan, files.tasks]) {
    if (!file) continue;
    const edits = plan.planEdits.filter((edit) => (edit.phase.source === 'tasks') === (file.kind === 'tasks'));
    if (edits.length === 0) continue;
    const sender = target.trigger?.sender ?? { login: 'planbot', id: 0, type: 'Bot' };
    const outcome = await commitPlanEdits(octokit, where, target.commitBranch as string, { ...file, edits, model: (file.kind === 'tasks' ? models.tasks : models.plan) ?? undefined }, (changed) =>
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

function defaultPlanPath(config: PlanbotConfig, feature: string): string | null {
  const ref = featureFromBranch(feature, config.branches.pattern) ?? { branch: feature, feature, number: feature, slug: feature };
  return renderPlanPath(config.plan.path, ref);
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

export { syncPullRequest } from './sync-pull-request.js';
