// The board sync, one pipeline: gather (one paginated read of the Project) → desired cards →
// diff against the board and planbot's record → plain-data actions → print (planBoard) or apply
// (syncBoard). Called by the issue sync after it applied, with the issues it keeps.
import type { Logger } from 'pino';
import type { GitHub, IssueSnapshot, ProjectBoard, RepoCoordinates } from '../github/github.js';
import type { ConfigProblem } from '../config/load.js';
import { CONFIG_PATH } from '../config/load.js';
import { positionOfPath } from '../config/locate-line.js';
import type { PlanbotConfig } from '../config/schema.js';
import type { Phase } from '../plan/model.js';
import type { BoardAction } from './actions.js';
import { resolveFields } from './board-fields.js';
import { readBoardRecord, sameRecord, withBoardRecord, type BoardRecord } from './board-record.js';
import { desiredCards, type BoardIssue } from './desired.js';
import { diffBoard } from './diff.js';
import { projectRefOf } from './project-ref.js';
import { isoDate, targetDates } from './target-dates.js';
import { isUnavailable, applyBoardActions } from './apply.js';

export interface BoardInput {
  github: GitHub;
  where: RepoCoordinates;
  config: PlanbotConfig;
  feature: string;
  /** The plan's phases (PlanModel.phases). */
  phases: readonly Phase[];
  /** The issues the issue sync keeps for this feature, as they are after it applied (with nodeId). */
  issues: readonly BoardIssue[];
  /** planbot's record of what it set: `readBoardRecord(trackingIssue.body)`; default: read from the tracking issue in `issues`. */
  record?: BoardRecord;
  /** The plan changed, or the issue sync wrote something, in this event. false (with a complete record): no read at all. */
  changed: boolean;
  /** First day of the schedule (the plan's Date field), `YYYY-MM-DD`; default: today. */
  startDate?: string | null;
  log: Pick<Logger, 'info' | 'warn' | 'debug'>;
}

export type BoardStatus = 'off' | 'unchanged' | 'unavailable' | 'planned';

export interface BoardPlan {
  status: BoardStatus;
  actions: BoardAction[];
  /** The record after these actions; persisted in the tracking issue by syncBoard. */
  record: BoardRecord;
  /** Config problems (missing fields or options) for the `planbot / plan` check. */
  problems: ConfigProblem[];
  /** One-line notes for the plan check (board unavailable, unknown iteration). */
  notes: string[];
  /** Issue numbers whose Status a person set and planbot left alone. */
  leftAlone: number[];
  /** Board reads spent (0 or 1 paginated read). */
  reads: number;
  /** Set when planned: the board as read. */
  board?: ProjectBoard;
}

/** Reads the board and works out the changes; writes nothing. */
export async function planBoard(input: BoardInput): Promise<BoardPlan> {
  const projects = input.config.projects;
  const tracking = input.issues.find((entry) => entry.kind === 'tracking')?.issue;
  const record = input.record ?? readBoardRecord(tracking?.body);
  const empty = (status: BoardStatus, notes: string[] = []): BoardPlan => ({ status, actions: [], record, problems: [], notes, leftAlone: [], reads: 0 });
  if (!projects) return empty('off');

  const start = isoDate(input.startDate) ?? new Date().toISOString().slice(0, 10);
  const { cards, skipped } = desiredCards({
    feature: input.feature,
    phases: input.phases,
    issues: input.issues,
    dates: targetDates(input.phases, start),
    includeTracking: projects.items.tracking,
  });
  if (skipped.length > 0) input.log.debug({ skipped }, 'issues without a node id are left off the board');
  // A board read costs GraphQL points: only when something changed, or a card is not yet recorded.
  if (!input.changed && cards.every((card) => record.has(card.issue))) return empty('unchanged');

  const answer = await input.github.readProjectBoard(projectRefOf(projects));
  if (isUnavailable(answer)) {
    const plan = empty('unavailable', [unavailableNote(answer.unavailable)]);
    return { ...plan, reads: 1 };
  }
  const { fields, problems } = resolveFields(answer, projects);
  const diff = diffBoard(cards, answer, fields, record, projects.fields.status.options);
  return {
    status: 'planned',
    actions: diff.actions,
    record: diff.record,
    problems: problems.length > 0 ? await locate(input, problems) : [],
    notes: diff.notes,
    leftAlone: diff.leftAlone,
    reads: 1,
    board: answer,
  };
}

export interface BoardSyncResult extends BoardPlan {
  /** Mutations sent. */
  applied: number;
  /** The tracking issue's body was updated with the new record. */
  recordWritten: boolean;
}

/** planBoard, then applies its actions and keeps the record in the tracking issue. */
export async function syncBoard(input: BoardInput): Promise<BoardSyncResult> {
  const plan = await planBoard(input);
  if (plan.status !== 'planned') return { ...plan, applied: 0, recordWritten: false };
  // Each mutation costs a point: with too few left, wait for the next event rather than stop halfway.
  const points = plan.board?.pointsRemaining;
  if (points !== undefined && points < plan.actions.length) {
    const note = `The Project board waits: ${plan.actions.length} changes need more GraphQL points than are left (${points}).`;
    return { ...plan, notes: [...plan.notes, note], applied: 0, recordWritten: false };
  }
  const outcome = await applyBoardActions(input.github, plan.actions, input.log);
  const notes = outcome.note ? [...plan.notes, outcome.note] : plan.notes;
  // A partial apply keeps the old record: the next read finds what did land and records it then.
  let recordWritten = false;
  const tracking = input.issues.find((entry) => entry.kind === 'tracking')?.issue;
  const before = input.record ?? readBoardRecord(tracking?.body);
  if (outcome.complete && tracking && !sameRecord(before, plan.record)) {
    await input.github.updateIssue(input.where, tracking.number, { body: withBoardRecord(tracking.body, plan.record) });
    recordWritten = true;
  }
  if (outcome.applied > 0) input.log.info({ feature: input.feature, mutations: outcome.applied }, 'board synced');
  return { ...plan, notes, applied: outcome.applied, recordWritten };
}

function unavailableNote(reason: 'forbidden' | 'not-found'): string {
  return reason === 'forbidden'
    ? 'The Project board was skipped: this installation has not been granted the `organization_projects` permission (or the Project is not accessible to the app).'
    : 'The Project board was skipped: the Project named in `projects.project` was not found (or the app cannot see it).';
}

/** Lines of the keys in `.github/planbot.yml`: one raw read, only when there is a problem. */
async function locate(input: BoardInput, problems: Array<{ path: string[]; message: string }>): Promise<ConfigProblem[]> {
  let text: string | null = null;
  try {
    text = await input.github.readRawText(input.where, CONFIG_PATH);
  } catch (error) {
    input.log.debug({ err: error }, 'could not re-read the config file to locate board problems');
  }
  return problems.map((problem) => {
    const position = text === null ? null : positionOfPath(text, problem.path);
    return { file: CONFIG_PATH, key: problem.path.join('.'), line: position?.line ?? null, column: position?.column ?? null, message: problem.message };
  });
}

export type { BoardIssue, IssueSnapshot };
