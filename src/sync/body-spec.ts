// Renders a body spec (src/sync/actions.ts) to the text GitHub receives, from the desired feature
// and the numbers known so far: the apply step renders once the issues a body names exist, the
// planner renders with today's numbers to tell whether a body changed.
import type { DesiredFeature, DesiredPhase, DesiredTask, DesiredTaskIssue } from './desired.js';
import { renderPhaseBody, renderTaskBody, renderTrackingBody, type TrackingRow } from './issue-body.js';
import { withOccurrences } from '../plan/checkbox-edit.js';
import { linksRecordAfter } from './plan-links.js';
import { readBoardRecord, withBoardRecord } from '../projects/board-record.js';
import { markerOf, phaseRef, taskRef, type BodySpec, type IssueRef, type LinkOutcome, type LinksPlan, type PhaseOutcome, type Resolve } from './actions.js';

/** What a tracking body is rendered from besides the desired feature (a SyncPlan has both). */
export interface BodyContext {
  desired: DesiredFeature;
  phases: PhaseOutcome[];
  links: LinksPlan;
}

export function renderBody(spec: BodySpec, context: BodyContext, resolve: Resolve, outcome?: LinkOutcome): string {
  switch (spec.kind) {
    case 'text':
      return spec.text;
    case 'phase':
      return renderPhaseSpec(spec, context.desired, resolve);
    case 'task':
      return renderTaskSpec(spec, context.desired);
    case 'tracking': {
      const body = renderTrackingBody({
        feature: context.desired,
        marker: { feature: context.desired.feature, path: context.desired.planPath, branch: context.desired.branch, phase: null, tracking: true, source: 'plan' },
        rows: context.phases.map((phase): TrackingRow => ({ ...phase, issueNumber: resolve(phase.ref)?.number ?? null })),
        record: { ...linksRecordAfter(context.links, context.desired, resolve, outcome), done: spec.done },
      });
      return spec.board ? withBoardRecord(body, readBoardRecord(spec.board)) : body;
    }
  }
}

export function renderPhaseSpec(spec: Extract<BodySpec, { kind: 'phase' }>, desired: DesiredFeature, resolve: Resolve): string {
  const index = indexOf(desired);
  const phase = index.phases.get(spec.phase) as DesiredPhase;
  const taskRefs = taskRefsOf(desired, phase, spec.tasks);
  return renderPhaseBody({
    feature: desired,
    phase,
    tasks: spec.tasks,
    marker: markerOf(spec.marker),
    dependencyIssue: (key) => (index.phases.has(key) ? (resolve(phaseRef(key))?.number ?? null) : undefined),
    taskIssue: (position) => {
      const ref = taskRefs[position];
      return ref ? (resolve(ref)?.number ?? null) : null;
    },
  });
}

export function renderTaskSpec(spec: Extract<BodySpec, { kind: 'task' }>, desired: DesiredFeature): string {
  const index = indexOf(desired);
  const issue = index.taskIssues.get(spec.task) as DesiredTaskIssue;
  return renderTaskBody({ feature: desired, phase: index.phases.get(issue.phaseKey) as DesiredPhase, issue, marker: markerOf(spec.marker) });
}

/** issues.granularity: task — each shown task's own issue (by its occurrence in the phase), null where it has none. */
export function taskRefsOf(desired: DesiredFeature, phase: DesiredPhase, tasks: DesiredTask[]): Array<IssueRef | null> {
  const byOccurrence = indexOf(desired).byOccurrence;
  return withOccurrences(tasks.map((task) => task.key)).map((occurrence) => {
    const issue = byOccurrence.get(occurrenceKey(phase.key, occurrence));
    return issue ? taskRef(issue.key) : null;
  });
}

/** A task within its phase: the identity the phase body and plan edits use. */
export function occurrenceKey(phaseKey: string, occurrence: string): string {
  return `${phaseKey}\u0000${occurrence}`;
}

interface DesiredIndex {
  phases: Map<string, DesiredPhase>;
  taskIssues: Map<string, DesiredTaskIssue>;
  byOccurrence: Map<string, DesiredTaskIssue>;
}

// Built once per desired feature (a plan renders many bodies), dropped with it.
const indexes = new WeakMap<DesiredFeature, DesiredIndex>();

function indexOf(desired: DesiredFeature): DesiredIndex {
  let index = indexes.get(desired);
  if (!index) {
    const taskIssues = desired.taskIssues ?? [];
    index = {
      phases: new Map(desired.phases.map((phase) => [phase.key, phase])),
      taskIssues: new Map(taskIssues.map((issue) => [issue.key, issue])),
      byOccurrence: new Map(taskIssues.map((issue) => [occurrenceKey(issue.phaseKey, issue.occurrence), issue])),
    };
    indexes.set(desired, index);
  }
  return index;
}
