// The issue sync's last step: the feature's issues, as they are after the sync, go on the Project
// board (src/projects). The board is a view of the issues: its failure never fails the issue sync,
// it becomes a note for the plan check and the log.
import type { Logger } from 'pino';
import type { ConfigProblem } from '../config/load.js';
import type { IssueSnapshot } from '../github/github.js';
import { isLeaseLost } from '../job/lease.js';
import { canonicalPhaseNumber } from '../plan/dependencies.js';
import type { Phase, PlanModel } from '../plan/model.js';
import type { BoardAction } from '../projects/actions.js';
import { planBoard, syncBoard, type BoardInput, type BoardIssue, type BoardStatus } from '../projects/board-sync.js';
import { phaseRef, taskRef, type Action, type IssueRef, type SyncPlan } from './actions.js';
import type { ActualFeature } from './actual.js';
import type { DesiredFeature } from './desired.js';
import type { FeatureSyncInput, FeatureSyncPlan } from './dry-run.js';

export interface BoardOutcome {
  status: BoardStatus | 'failed';
  actions: BoardAction[];
  /** Missing fields or options: config problems for the `planbot / plan` check. */
  problems: ConfigProblem[];
  /** One-line notes for the plan check (board unavailable, failed, partly synced). */
  notes: string[];
  reads: number;
  /** Mutations sent (0 for a dry run). */
  applied: number;
}

/** What the issue sync decided and (when applying) did. */
export interface SyncedFeature {
  desired: DesiredFeature;
  actual: ActualFeature;
  syncPlan: SyncPlan;
  models: { plan: PlanModel; tasks: PlanModel | null };
  planText: string;
  /** Issues created by the sync, by ref; the tracking body as last written. Absent for a dry run. */
  applied?: { created: ReadonlyMap<IssueRef, IssueSnapshot>; trackingBody: string | null };
}

/**
 * Syncs (or with `dryRun`, plans) the board. `changed`: the plan or the issues changed in this
 * event; false costs no request once the board's record covers every card.
 */
export async function boardStep(input: Pick<FeatureSyncInput, 'github' | 'where' | 'config' | 'feature'> & { log: Logger }, feature: SyncedFeature, options: { changed: boolean; dryRun?: boolean }): Promise<BoardOutcome | null> {
  if (!input.config.projects) return null;
  const board: BoardInput = {
    github: input.github,
    where: input.where,
    config: input.config,
    feature: input.feature,
    phases: boardPhases(feature.desired, feature.models),
    issues: issuesAfterSync(feature),
    changed: options.changed,
    startDate: planDate(feature.planText),
    log: input.log,
  };
  try {
    const result = options.dryRun ? { ...(await planBoard(board)), applied: 0 } : await syncBoard(board);
    if (result.problems.length > 0) input.log.warn({ problems: result.problems.map((problem) => problem.key) }, 'the Project lacks fields or options planbot keeps');
    for (const note of result.notes) input.log.info({ feature: input.feature }, note);
    return { status: result.status, actions: result.actions, problems: result.problems, notes: result.notes, reads: result.reads, applied: result.applied };
  } catch (error) {
    // A run that lost its lease writes nothing more and says so to the queue, as the issue writes do.
    if (isLeaseLost(error)) throw error;
    input.log.warn({ err: { message: (error as Error)?.message ?? String(error) } }, 'the Project board could not be synced; the issues are');
    return { status: 'failed', actions: [], problems: [], notes: [`The Project board could not be updated: ${(error as Error)?.message ?? String(error)}`], reads: 0, applied: 0 };
  }
}

/** The tracking, phase and task issues as the sync left them (created ones included, states as written). */
export function issuesAfterSync(feature: SyncedFeature): BoardIssue[] {
  const { desired, actual, syncPlan } = feature;
  const created = feature.applied?.created ?? new Map<IssueRef, IssueSnapshot>();
  const updates = new Map<IssueRef, Extract<Action, { type: 'update-issue' }>>();
  for (const action of syncPlan.actions) if (action.type === 'update-issue' && action.state) updates.set(action.ref, action);
  const after = (ref: IssueRef, existing: IssueSnapshot | null | undefined): IssueSnapshot | null => {
    const issue = created.get(ref) ?? existing ?? null;
    const update = updates.get(ref);
    if (!issue || !update?.state) return issue;
    return { ...issue, state: update.state, stateReason: update.stateReason ?? null };
  };
  const issues: BoardIssue[] = [];
  const tracking = after('tracking', actual.tracking);
  if (tracking) issues.push({ kind: 'tracking', phase: null, issue: { ...tracking, body: feature.applied?.trackingBody ?? tracking.body } });
  for (const phase of desired.phases) {
    const issue = after(phaseRef(phase.key), actual.phases.get(phase.key));
    if (issue) issues.push({ kind: 'phase', phase: phase.key, issue });
  }
  for (const task of desired.taskIssues ?? []) {
    const issue = after(taskRef(task.key), actual.tasks.get(task.key));
    if (issue) issues.push({ kind: 'task', phase: task.phaseKey, issue, ticked: task.task.checked });
  }
  return issues;
}

/** The phases the issues stand for, numbered as the issues are (canonical), with Due and Iteration as written. */
function boardPhases(desired: DesiredFeature, models: SyncedFeature['models']): Phase[] {
  const written = (model: PlanModel | null) => new Map((model?.phases ?? []).map((phase) => [canonicalPhaseNumber(phase.number), phase]));
  const plan = written(models.plan);
  const tasks = written(models.tasks);
  return desired.phases.map((phase) => {
    const due = plan.get(phase.key)?.due ?? tasks.get(phase.key)?.due;
    const iteration = plan.get(phase.key)?.iteration ?? tasks.get(phase.key)?.iteration;
    return {
      number: phase.key,
      title: phase.name,
      line: phase.lines[0]?.line ?? 0,
      duration: phase.duration,
      dependencies: phase.dependencies,
      dependenciesLine: null,
      tasks: phase.tasks.map((task) => ({ text: task.text, checked: task.checked, line: task.line ?? 0, id: task.id, depth: task.depth, markers: task.markers })),
      parent: phase.parent ?? null,
      ...(due !== undefined ? { due } : {}),
      ...(iteration !== undefined ? { iteration } : {}),
    };
  });
}

/** The plan's `**Date**:` (spec-kit's header line): where the schedule starts. */
function planDate(text: string): string | null {
  return /\*\*Date\*\*\s*:?\s*:?\s*(\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? null;
}

/** The board changes a dry run lists after the issue actions (one board read: a person asked). */
export async function planBoardAfter(input: FeatureSyncInput, plan: FeatureSyncPlan): Promise<BoardOutcome | null> {
  const gathered = plan.gathered;
  if (plan.status !== 'planned' || !gathered) return null;
  const after = gathered.afterCommit;
  return boardStep(
    input,
    {
      desired: after?.desired ?? gathered.desired,
      actual: gathered.actual,
      syncPlan: after?.syncPlan ?? gathered.syncPlan,
      models: after?.models ?? gathered.models,
      planText: after?.contents.plan ?? gathered.files.plan.content,
    },
    { changed: true, dryRun: true },
  );
}
