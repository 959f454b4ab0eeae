// `issues.granularity: task`: each task is an issue of its own, a sub-issue of its phase's issue.
// The issue's open/closed state is the task's box: the same three-way merge as phase issues decides
// per task (src/sync/three-way.ts), with the base kept in the task issue's marker. Closing it as
// completed ticks the task in the plan; reopening it unticks it; ticking it in the plan closes it.
// Pure: plain-data actions for the apply step, like the rest of the reconciler.
import type { DesiredFeature, DesiredPhase, DesiredTaskIssue } from './desired.js';
import type { ActualFeature, PlanbotIssue } from './actual.js';
import { replaceMarker, type PlanbotMarker } from './marker.js';
import { baseOf, threeWay } from './three-way.js';
import { neutraliseWithin } from '../text/neutralise.js';
import { occurrenceKey, renderTaskSpec } from './body-spec.js';
import { markerData, type Action, type BodySpec, type IssueRef, type PlanEdit, type PlanOptions, type StateReason } from './actions.js';

export interface TaskIssuePlan {
  creates: Action[];
  /** Closes of tasks created already ticked (the create API cannot make a closed issue). */
  afterCreates: Action[];
  updates: Action[];
  planEdits: PlanEdit[];
}

/** A task within its phase: the identity the phase body and plan edits use. */
export const taskOccurrenceKey = occurrenceKey;

/**
 * What a task issue's state says about the task's box: closed as completed is ticked, open is not.
 * Closed as not planned by a person, closed by planbot because the task left the plan, or created
 * complete and not closed yet (`closing`) say nothing.
 */
export function shownByState(issue: PlanbotIssue): boolean | undefined {
  if (issue.marker.closing) return undefined;
  if (issue.state === 'open') return false;
  if (issue.marker.removed || issue.stateReason === 'not_planned') return undefined;
  return true;
}

export function planTaskIssues(
  desired: DesiredFeature,
  actual: ActualFeature,
  options: PlanOptions,
  refOf: (key: string) => IssueRef,
): TaskIssuePlan {
  const plan: TaskIssuePlan = { creates: [], afterCreates: [], updates: [], planEdits: [] };
  const phases = new Map(desired.phases.map((phase) => [phase.key, phase]));
  const baseMarker = { feature: desired.feature, path: desired.planPath, branch: desired.branch };
  const markerOf = (issue: DesiredTaskIssue): PlanbotMarker => ({ ...baseMarker, phase: issue.phaseKey, task: issue.key, tracking: false, source: issue.source });
  const template = (issue: DesiredTaskIssue, marker: PlanbotMarker): Extract<BodySpec, { kind: 'task' }> => ({ kind: 'task', task: issue.key, marker: markerData(marker), pending: [] });
  const wanted = new Set<string>();

  for (const want of desired.taskIssues ?? []) {
    wanted.add(want.key);
    const phase = phases.get(want.phaseKey) as DesiredPhase;
    const ref = refOf(want.key);
    const existing = actual.tasks.get(want.key);
    const checked = want.task.checked;
    if (!existing) {
      const marker = { ...markerOf(want), base: baseOf([want.task]) };
      plan.creates.push({
        type: 'create-issue',
        ref,
        title: want.title,
        body: template(want, { ...marker, closing: checked }),
        labels: want.labels,
        assignees: desired.assignees,
        milestone: desired.milestone,
        reason: `task ${want.task.id ?? want.key} has no issue yet`,
      });
      if (checked) {
        plan.afterCreates.push({ type: 'update-issue', ref, body: template(want, marker), state: 'closed', stateReason: 'completed', reason: 'the task is done' });
      }
      continue;
    }

    const shown = shownByState(existing);
    const merged = threeWay({
      plan: [want.task],
      issue: shown === undefined ? [] : [{ key: want.task.key, checked: shown }],
      base: existing.marker.base ?? null,
      pending: existing.marker.pending,
      syncBack: desired.syncBack,
    });
    const state = merged.tasks[0].checked;
    const toPlan = merged.toPlan.size > 0;
    if (toPlan) plan.planEdits.push({ ref, issueNumber: existing.number, phase, wanted: new Map([[want.occurrence, state]]) });
    const pending = toPlan && (options.refusal || (existing.marker.pending ?? []).includes(want.task.key)) ? [want.task.key] : [];
    const notes: Action[] = [];
    if (options.refusal && toPlan && (existing.marker.pending ?? []).length === 0) {
      notes.push({ type: 'comment', ref, body: options.refusal.comment(1), reason: 'the plan refused the state set here' });
    }
    const body = template(want, { ...markerOf(want), base: merged.base, pending });
    const bodyChanged = renderTaskSpec(body, desired) !== existing.body.replace(/\r\n/g, '\n');
    const change = stateChange(existing, state);
    const reasons = [
      ...(existing.title !== want.title ? ['title changed'] : []),
      ...(bodyChanged ? ['body changed'] : []),
      ...(change ? [change.why] : []),
    ];
    if (reasons.length > 0) {
      plan.updates.push({
        type: 'update-issue',
        ref,
        ...(existing.title !== want.title ? { title: want.title } : {}),
        ...(bodyChanged ? { body } : {}),
        ...(change ? { state: change.state, stateReason: change.stateReason } : {}),
        reason: reasons.join('; '),
      });
    }
    if (existing.repaired) {
      notes.push({
        type: 'comment',
        ref,
        body: `planbot restored this issue's hidden first line, which marks it as task ${neutraliseWithin(want.task.id ?? want.task.text, 200, { mode: 'plain' })} of \`${desired.feature.replace(/`/g, '')}\`; please leave that line as it is.`,
        reason: 'the hidden marker was removed or changed',
      });
    }
    plan.updates.push(...notes);
    // A story or [P] the task gained since its issue was made (labels it lost are left: people add labels too).
    const missing = want.labels.slice(desired.labels.length).filter((label) => !existing.labels.includes(label));
    if (missing.length > 0) plan.updates.push({ type: 'add-labels', ref, labels: missing, reason: 'the task gained a story or [P]' });
  }

  // Tasks gone from the plan (or no longer an issue of their own): closed as not planned, once.
  for (const [key, issue] of [...actual.tasks].sort((a, b) => a[1].number - b[1].number)) {
    if (wanted.has(key) || issue.state === 'closed') continue;
    const body = replaceMarker(issue.body, (marker) => ({ ...marker, removed: true }));
    plan.updates.push({ type: 'update-issue', ref: refOf(key), body: { kind: 'text', text: body, pending: [] }, state: 'closed', stateReason: 'not_planned', reason: 'task removed from the plan' });
  }
  return plan;
}

/**
 * The task issue's state follows the merged box. A task closed as not planned by a person stays
 * closed; one planbot closed because it left the plan reopens (or closes as completed) when it is back.
 */
function stateChange(issue: PlanbotIssue, checked: boolean): { state: 'open' | 'closed'; stateReason: StateReason; why: string } | null {
  if (issue.marker.removed && issue.state === 'closed') {
    return checked
      ? { state: 'closed', stateReason: 'completed', why: 'task is back in the plan, done' }
      : { state: 'open', stateReason: 'reopened', why: 'task is back in the plan' };
  }
  if (issue.state === 'closed' && issue.stateReason === 'not_planned') return null;
  if (checked && issue.state === 'open') return { state: 'closed', stateReason: 'completed', why: 'the task is done' };
  if (!checked && issue.state === 'closed') return { state: 'open', stateReason: 'reopened', why: 'the task is open again' };
  return null;
}
