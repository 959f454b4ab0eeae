// The plan → issues diff as plain data: what the reconciler decides (src/sync/plan-actions.ts) and
// the apply step performs (src/sync/apply-actions.ts) or a dry run prints. No functions, no class
// instances: an action survives JSON.stringify as it is. Bodies that name issues created in the
// same run are kept as specs (src/sync/body-spec.ts renders them once the numbers are known).
import type { DesiredFeature, DesiredPhase, DesiredTask } from './desired.js';
import type { PlanbotMarker } from './marker.js';
import type { RelationApi } from './links-record.js';

/** `tracking`, a phase by canonical number, a task's own issue by its identity, or any other existing issue by number (duplicates). */
export type IssueRef = 'tracking' | `phase:${string}` | `task:${string}` | `#${number}`;

export interface IssueHandle {
  number: number;
  id: number;
}

export type Resolve = (ref: IssueRef) => IssueHandle | null;

export function phaseRef(key: string): IssueRef {
  return `phase:${key}`;
}

export function taskRef(key: string): IssueRef {
  return `task:${key}`;
}

/** How each planned link went; absent entries were not attempted. */
export interface LinkOutcome {
  children: Map<IssueRef, 'linked' | 'refused' | 'failed'>;
  blockedBy: Map<string, 'linked' | 'refused' | 'failed'>;
  removals: Map<string, 'removed' | 'failed'>;
  unsupported: Set<RelationApi>;
}

export function emptyLinkOutcome(): LinkOutcome {
  return { children: new Map(), blockedBy: new Map(), removals: new Map(), unsupported: new Set() };
}

export function linkKey(issue: IssueRef, blocker: IssueRef): string {
  return `${issue}>${blocker}`;
}

/** A marker as plain data: its `base` as [hash, checked] pairs instead of a Map. */
export type MarkerData = Omit<PlanbotMarker, 'base'> & { base?: Array<[string, boolean]> };

export function markerData(marker: PlanbotMarker): MarkerData {
  const { base, ...rest } = marker;
  return base ? { ...rest, base: [...base] } : rest;
}

export function markerOf(data: MarkerData): PlanbotMarker {
  const { base, ...rest } = data;
  return base ? { ...rest, base: new Map(base) } : rest;
}

/**
 * An issue body, as data. `text` is final; the others are rendered from the desired feature once
 * the issues they name have numbers. `pending`: issues the body names that do not exist yet.
 */
export type BodySpec =
  | { kind: 'text'; text: string; pending: IssueRef[] }
  /** A phase issue showing `tasks` (the plan's, or the three-way merge's). */
  | { kind: 'phase'; phase: string; tasks: DesiredTask[]; marker: MarkerData; pending: IssueRef[] }
  /** A task's own issue (`issues.granularity: task`), by the task's identity. */
  | { kind: 'task'; task: string; marker: MarkerData; pending: IssueRef[] }
  /** The tracking issue: its rows and links record come from the sync plan; `done` is recorded in it. */
  /** `board`: planbot's Project board record line, carried over from the body (src/projects/board-record.ts). */
  | { kind: 'tracking'; done: boolean; pending: IssueRef[]; board?: string };

export type StateReason = 'completed' | 'not_planned' | 'reopened';

export type Action =
  | {
      type: 'create-issue';
      ref: IssueRef;
      title: string;
      body: BodySpec;
      labels: string[];
      assignees: string[];
      milestone: number | null;
      reason: string;
    }
  | {
      type: 'update-issue';
      ref: IssueRef;
      title?: string;
      body?: BodySpec;
      state?: 'open' | 'closed';
      stateReason?: StateReason;
      reason: string;
    }
  | { type: 'comment'; ref: IssueRef; body: string; reason: string }
  | { type: 'add-labels'; ref: IssueRef; labels: string[]; reason: string }
  /** `parent`: the issue to nest under; the tracking issue when absent (a sub-phase's is its phase's issue). */
  | { type: 'add-sub-issue'; child: IssueRef; parent?: IssueRef; reason: string }
  | { type: 'add-blocked-by'; issue: IssueRef; blocker: IssueRef; reason: string }
  | { type: 'remove-blocked-by'; issue: IssueRef; blocker: IssueRef; reason: string };

/** Ticks made in the issues, committed to the plan (or tasks.md) before the issues are written: one commit per file. */
export interface CommitPlanAction {
  type: 'commit-plan';
  path: string;
  branch: string;
  changes: Array<{ issueNumber: number; checked: boolean; text: string }>;
  reason: string;
}

/** Everything a plan → issues sync would do, in order: the plan commits first, then the issue writes. */
export type SyncAction = CommitPlanAction | Action;

export interface PhaseOutcome {
  ref: IssueRef;
  phase: DesiredPhase;
  state: 'open' | 'closed';
  stateReason: string | null;
  done: number;
  total: number;
}

/** Task states the issue changed that the plan must take: one phase's, for one commit. */
export interface PlanEdit {
  ref: IssueRef;
  issueNumber: number;
  phase: DesiredPhase;
  /** Wanted state per occurrence key (withOccurrences over the phase's task keys). */
  wanted: Map<string, boolean>;
}

/** What the event that started this sync tells about the issues (a person's edit of one of them). */
export interface PlanOptions {
  trigger?: {
    issueNumber: number;
    /** The body before the edit (`changes.body.from`) and after it. */
    before: string;
    after: string;
  } | null;
  /** GitHub refused the commit of the plan edits: keep them pending, and say why once (the note's text, by how many are pending). */
  refusal?: { comment: (pending: number) => string } | null;
}

/**
 * The links planbot keeps, as decided before any write: the tracking issue's record is computed
 * from this and what the writes achieved (src/sync/plan-links.ts).
 */
export interface LinksPlan {
  keptChildren: number[];
  addChildren: IssueRef[];
  refusedChildren: number[];
  keptBlockedBy: Array<[number, number]>;
  addBlockedBy: Array<[IssueRef, IssueRef]>;
  refusedBlockedBy: Array<[number, number]>;
  removeBlockedBy: Array<{ issue: IssueRef; blocker: IssueRef; pair: [number, number] }>;
  /** Relation APIs known missing before this sync. */
  unsupported: RelationApi[];
  /** Phase issues that exist, as [number, phase key] (the closed ones of removed phases too). */
  phaseIssues: Array<[number, string]>;
  /** Task issues that exist, as [number, task key]. */
  taskIssues: Array<[number, string]>;
}

export interface SyncPlan {
  /** Checkbox states to commit to the plan before the issues are written (two-way sync). */
  planEdits: PlanEdit[];
  actions: Action[];
  /** The tracking issue's body, to write again if links fail; null when there is no tracking issue. */
  trackingBody: BodySpec | null;
  phases: PhaseOutcome[];
  /** Issues that exist now, by ref (the apply step adds the ones it creates). */
  existing: Map<IssueRef, IssueHandle>;
  /** What the bodies are rendered from. */
  desired: DesiredFeature;
  links: LinksPlan;
}
