// The plan → issues reconciler up to its decision: gather (the plan, tasks.md, planbot's issues)
// → desired issues → diff → plain-data actions. Reads only. The real sync (src/sync/sync-feature.ts)
// runs this and then applies the actions; a dry run (the CLI, `/planbot sync --dry-run`) prints them.
import type { Logger } from 'pino';
import type { PlanbotConfig } from '../config/schema.js';
import type { GitHub, RepoCoordinates, RepoFile } from '../github/github.js';
import { FileTooLargeError, NotTextError, statusOf } from '../github/errors.js';
import { noteUnsupportedOnce } from '../github/issues-api-support.js';
import { featureRefOf, renderPlanPath, siblingPath } from '../plan/feature.js';
import type { Finding, PlanModel } from '../plan/index.js';
import { parsePlanParallel, type ParallelHooks } from '../plan/parallel.js';
import { warnOnParseFallback } from '../logging/parse-fallback.js';
import { readActual, verifyBlockedBy, type ActualFeature } from './actual.js';
import { buildDesired, type DesiredFeature } from './desired.js';
import { emptyLinksRecord } from './links-record.js';
import { planActions } from './plan-actions.js';
import { editedContent } from './plan-commit.js';
import { repositoryWebUrl } from './web-links.js';
import type { CommitPlanAction, SyncAction, SyncPlan } from './actions.js';

export { describeAction, syncActionJson, type SyncActionJson } from './describe-action.js';
export type { SyncAction } from './actions.js';

/** A person's edit of a phase issue that started this sync (issue → plan). */
export interface SyncTrigger {
  issueNumber: number;
  /** The body before and after the edit (`changes.body.from`, `issue.body`). */
  before: string;
  after: string;
  /** Who edited: credited in the commit. */
  sender: { login: string; id: number; type?: string };
}

export interface FeatureSyncInput {
  github: GitHub;
  where: RepoCoordinates;
  feature: string;
  planPath: string;
  /** Branch or SHA the plan and tasks.md are read at. */
  ref: string;
  /** The loaded configuration; `issues.enabled` is the caller's to check. */
  config: PlanbotConfig;
  log: Logger;
  /** The plan as already read (and parsed, when the checks did it): no second read or parse. `ref`: the commit SHA it was read at. */
  plan?: { content: string; blobSha: string; model?: PlanModel; ref?: string } | null;
  /**
   * The preloaded plan was read at an event's commit, and the branch `ref` may have moved on since.
   * With `plan.ref`, the sync decides from that commit and checks the branch only when it would write.
   */
  reread?: boolean;
  /** Branch the issues' links point at [default: ref]. */
  branchForLinks?: string;
  /** The repository's web address (the payload's html_url) [default: derived from the API base URL]. */
  repoUrl?: string;
  /** Assignee when `issues.assignees` is `author`. */
  author?: string | null;
  /** The branch ticks made in the issues may be committed to (two-way sync); without it they stay in the issues. */
  commitBranch?: string | null;
  trigger?: SyncTrigger | null;
}

export type FeatureSyncStatus = 'planned' | 'no-plan' | 'unreadable' | 'issues-off';

export interface SyncFile {
  path: string;
  kind: 'plan' | 'tasks';
  content: string;
  sha: string;
}

/** What the apply step continues from (src/sync/sync-feature.ts). */
export interface GatheredFeature {
  files: { plan: SyncFile; tasks: SyncFile | null };
  models: { plan: PlanModel; tasks: PlanModel | null };
  desired: DesiredFeature;
  actual: ActualFeature;
  syncPlan: SyncPlan;
  hooks: ParallelHooks;
  /** The issue ticks committed to the plan as planned (no conflict, no refusal): what the sync writes after. */
  afterCommit: AfterCommit | null;
}

/** The files with the ticks committed, and the plan the issues are then written from. */
export interface AfterCommit {
  contents: { plan: string; tasks: string | null };
  models: GatheredFeature['models'];
  desired: DesiredFeature;
  syncPlan: SyncPlan;
}

export interface FeatureSyncPlan {
  status: FeatureSyncStatus;
  /** One sentence for people; '' when planned. */
  message: string;
  /** Plain data, in the order the sync applies them; empty when there is nothing to do. */
  actions: SyncAction[];
  findings: Finding[];
  /** Read requests spent. */
  reads: number;
  /** null unless planned. */
  gathered: GatheredFeature | null;
}

/**
 * Events are handled out of order, so an older commit's plan must not undo what the branch has
 * since (ticks committed from the issues). Deciding from the event's commit first costs nothing
 * when nothing is to be written (its files are immutable reads, a missing tasks.md included); only
 * a sync that would write asks where the branch is, and decides again from there if it moved.
 */
export async function planFeatureSync(input: FeatureSyncInput): Promise<FeatureSyncPlan> {
  const head = input.reread ? input.plan?.ref : undefined;
  if (!head) return planAt(input);
  const atHead = await planAt({ ...input, ref: head, reread: false });
  if (atHead.status === 'issues-off' || (atHead.status === 'planned' && atHead.actions.length === 0)) return atHead;
  const branchHead = await input.github.branchHead(input.where, input.ref);
  if (branchHead === head) return { ...atHead, reads: atHead.reads + 1 };
  const now = await planAt({ ...input, ref: branchHead ?? input.ref });
  return { ...now, reads: atHead.reads + 1 + now.reads };
}

async function planAt(input: FeatureSyncInput): Promise<FeatureSyncPlan> {
  const { github, where, config, log } = input;
  let reads = 0;
  const stop = (status: FeatureSyncStatus, message: string): FeatureSyncPlan => ({ status, message, actions: [], findings: [], reads, gathered: null });
  const read = async (path: string) => {
    reads++;
    return readOrError(github, where, path, input.ref);
  };

  const preloaded = input.plan ?? null;
  const current = preloaded && !input.reread ? preloaded : await read(input.planPath);
  const plan = preloaded && current && !(current instanceof Error) && 'sha' in current && current.sha === preloaded.blobSha ? preloaded : current;
  if (plan === null) return stop('no-plan', `There is no plan at ${input.planPath} on ${input.ref}.`);
  if (plan instanceof Error) return stop('unreadable', plan.message);
  const tasksPath = config.issues.source === 'plan' ? null : siblingPath(input.planPath, 'tasks.md');
  const tasks = tasksPath ? await read(tasksPath) : null;
  if (tasks instanceof Error) return stop('unreadable', tasks.message);
  if (config.issues.source === 'tasks' && !tasks) {
    return stop('no-plan', `There is no ${tasksPath} yet (issues.source: tasks), so there are no issues to sync.`);
  }

  // Large plans parse on worker threads (src/plan/parallel.ts): the event loop keeps acknowledging webhooks.
  const hooks = warnOnParseFallback(log);
  const files: GatheredFeature['files'] = {
    plan: { path: input.planPath, kind: 'plan', content: plan.content, sha: 'blobSha' in plan ? plan.blobSha : plan.sha },
    tasks: tasks && tasksPath ? { path: tasksPath, kind: 'tasks', content: tasks.content, sha: tasks.sha } : null,
  };
  const models = {
    plan: ('model' in plan && plan.model) || (await parsePlanParallel(plan.content, { file: input.planPath, kind: 'plan' }, hooks)),
    tasks: files.tasks ? await parsePlanParallel(files.tasks.content, { file: files.tasks.path, kind: 'tasks' }, hooks) : null,
  };
  const desired = desiredFeature(input, models, files.tasks?.path ?? null);
  for (const finding of desired.findings) log.warn({ rule: finding.rule, line: finding.line }, finding.message);

  let actual: ActualFeature;
  try {
    const titles = new Map(desired.phases.map((phase) => [phase.title, phase.key]));
    const taskKeys = (desired.taskIssues ?? []).map((task) => task.key);
    actual = await readActual(github, where, { feature: input.feature, planPath: input.planPath, label: desired.labels[0], titles, taskKeys }, log);
  } catch (error) {
    // 410 Gone: the repository has Issues turned off. Nothing to retry; say so and stop.
    if (statusOf(error) !== 410) throw error;
    log.warn('issues are turned off in this repository; nothing synced');
    reads++;
    return stop('issues-off', `Issues are turned off in ${where.owner}/${where.repo}, so there is nothing to sync to.`);
  }
  await checkDependencies(github, where, desired, actual, log);
  reads += actual.reads;

  const syncPlan = planActions(desired, actual, { trigger: triggerOf(input) });
  const gathered: GatheredFeature = { files, models, desired, actual, syncPlan, hooks, afterCommit: null };
  if (!mayCommit(input, syncPlan, actual)) return { status: 'planned', message: '', actions: syncPlan.actions, findings: desired.findings, reads, gathered };
  // Two-way: the ticks go into the plan first; the issues are then written from the plan as committed.
  const commits = commitActions(input.commitBranch as string, gathered);
  if (commits.actions.length > 0) gathered.afterCommit = await afterCommit(input, gathered, commits.contents);
  const after = gathered.afterCommit ?? gathered;
  return { status: 'planned', message: '', actions: [...commits.actions, ...after.syncPlan.actions], findings: after.desired.findings, reads, gathered };
}

/** The plan (and tasks.md) with the ticks committed, parsed, and the issue writes planned from it. Pure apart from parsing. */
async function afterCommit(input: FeatureSyncInput, gathered: GatheredFeature, contents: AfterCommit['contents']): Promise<AfterCommit> {
  const { files, hooks } = gathered;
  const parse = (file: SyncFile, content: string, model: PlanModel) =>
    content === file.content ? model : parsePlanParallel(content, { file: file.path, kind: file.kind }, hooks);
  const models = {
    plan: await parse(files.plan, contents.plan, gathered.models.plan),
    tasks: files.tasks && gathered.models.tasks && contents.tasks !== null ? await parse(files.tasks, contents.tasks, gathered.models.tasks) : gathered.models.tasks,
  };
  const desired = desiredFeature(input, models, files.tasks?.path ?? null);
  return { contents, models, desired, syncPlan: planActions(desired, gathered.actual, { trigger: triggerOf(input) }) };
}

/** A file's text, null when absent, or the error that makes it one planbot must not parse. */
export async function readOrError(github: GitHub, where: RepoCoordinates, path: string, ref: string): Promise<RepoFile | FileTooLargeError | NotTextError | null> {
  try {
    return await github.readFile(where, path, ref);
  } catch (error) {
    if (error instanceof FileTooLargeError || error instanceof NotTextError) return error;
    throw error;
  }
}

/** The issues the plan (and tasks.md) asks for. */
export function desiredFeature(input: FeatureSyncInput, models: GatheredFeature['models'], tasksPath: string | null): DesiredFeature {
  return buildDesired({
    owner: input.where.owner,
    repo: input.where.repo,
    feature: input.feature,
    planPath: input.planPath,
    defaultPlanPath: defaultPlanPath(input.config, input.feature),
    branch: input.branchForLinks ?? input.ref,
    repoUrl: input.repoUrl ?? repositoryWebUrl(null, input.where, input.github.apiBaseUrl),
    plan: models.plan,
    tasks: models.tasks,
    tasksPath,
    issues: input.config.issues,
    author: input.author ?? null,
  });
}

export function triggerOf(input: Pick<FeatureSyncInput, 'trigger'>): { issueNumber: number; before: string; after: string } | null {
  const trigger = input.trigger;
  return trigger ? { issueNumber: trigger.issueNumber, before: trigger.before, after: trigger.after } : null;
}

/**
 * Whether the issue-side ticks may be committed now: there is a branch to commit to and sync-back
 * is on. Ticks GitHub refused before are tried again only when a person edits the issue, so a
 * protected branch costs no refused write on every plan sync.
 */
export function mayCommit(input: Pick<FeatureSyncInput, 'commitBranch' | 'config' | 'trigger'>, plan: SyncPlan, actual: ActualFeature): boolean {
  if (plan.planEdits.length === 0) return false;
  if (!input.commitBranch || !input.config.issues.sync_back) return false;
  if (input.trigger) return true;
  return plan.planEdits.some((edit) => {
    const issue = edit.ref.startsWith('task:') ? actual.tasks.get(edit.ref.slice('task:'.length)) : actual.phases.get(edit.phase.key);
    const pending = new Set(issue?.marker.pending ?? []);
    return [...edit.wanted.keys()].some((key) => !pending.has(key.replace(/#\d+$/, '')));
  });
}

/** The plan edits of one file (plan.md, or tasks.md). */
export function editsFor(plan: SyncPlan, file: SyncFile): SyncPlan['planEdits'] {
  return plan.planEdits.filter((edit) => (edit.phase.source === 'tasks') === (file.kind === 'tasks'));
}

/** One commit per file whose boxes the issues' ticks change (as the first round commits them: a conflict merges again). */
function commitActions(branch: string, gathered: GatheredFeature): { actions: CommitPlanAction[]; contents: AfterCommit['contents'] } {
  const actions: CommitPlanAction[] = [];
  const contents = { plan: gathered.files.plan.content, tasks: gathered.files.tasks?.content ?? null };
  for (const file of [gathered.files.plan, gathered.files.tasks]) {
    if (!file) continue;
    const edits = editsFor(gathered.syncPlan, file);
    if (edits.length === 0) continue;
    const model = (file.kind === 'tasks' ? gathered.models.tasks : gathered.models.plan) ?? undefined;
    const { content, changed } = editedContent({ ...file, edits, model });
    if (changed.length === 0) continue;
    contents[file.kind] = content;
    const issues = [...new Set(changed.map((change) => `#${change.issueNumber}`))].join(', ');
    actions.push({ type: 'commit-plan', path: file.path, branch, changes: changed, reason: `ticks made in ${issues}` });
  }
  return { actions, contents };
}

/**
 * Lists blockers only where the record is in doubt; a server without the dependencies API is
 * remembered in the record (links then live in the bodies).
 */
async function checkDependencies(github: GitHub, where: RepoCoordinates, desired: DesiredFeature, actual: ActualFeature, log: Logger): Promise<void> {
  if (actual.record?.unsupported.includes('dependencies')) return;
  const wanted = new Map<number, number[]>();
  for (const phase of desired.phases) {
    const issue = actual.phases.get(phase.key);
    if (!issue) continue;
    const blockers = phase.dependencies.map((key) => actual.phases.get(key)?.number).filter((n): n is number => n !== undefined);
    wanted.set(issue.number, blockers);
  }
  if (await verifyBlockedBy(github, where, actual, wanted)) return;
  noteUnsupportedOnce(log, `${where.owner}/${where.repo}`, 'dependencies', 404);
  const record = actual.record ?? emptyLinksRecord();
  actual.record = { ...record, unsupported: [...record.unsupported, 'dependencies'] };
}

function defaultPlanPath(config: PlanbotConfig, feature: string): string | null {
  const ref = featureRefOf(feature, config.branches.pattern);
  return renderPlanPath(config.plan.path, ref);
}
