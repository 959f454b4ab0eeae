// The reconciler's pure half: desired issues (from the plan) + actual issues (from GitHub) → the
// short, ordered list of writes that makes GitHub match. No diff, no actions: an unchanged plan
// costs zero writes. The same list is printed by the CLI's dry run and counted by the tests.
import type { DesiredFeature, DesiredPhase, DesiredTask } from './desired.js';
import { planTaskIssues } from './task-issues.js';
import type { ActualFeature, PlanbotIssue } from './actual.js';
import { replaceMarker, type PlanbotMarker } from './marker.js';
import { baseOf, issueTaskStates, threeWay, type TaskState } from './three-way.js';
import { neutralise, neutraliseWithin } from '../text/neutralise.js';
import { planLinks } from './plan-links.js';
import { renderBody, renderPhaseSpec, taskRefsOf } from './body-spec.js';
import { boardLineOf } from '../projects/board-record.js';
import {
  markerData,
  phaseRef,
  taskRef,
  type Action,
  type BodySpec,
  type IssueHandle,
  type IssueRef,
  type PhaseOutcome,
  type PlanEdit,
  type PlanOptions,
  type Resolve,
  type StateReason,
  type SyncPlan,
} from './actions.js';
import { doneCount, isPhaseDone } from '../plan/phase-state.js';

// The diff's data model, for callers that know the reconciler by this name.
export * from './actions.js';

export function planActions(desired: DesiredFeature, actual: ActualFeature, options: PlanOptions = {}): SyncPlan {
  const existing = existingHandles(actual);
  const isNew = (ref: IssueRef) => !existing.has(ref);
  const resolveExisting: Resolve = (ref) => existing.get(ref) ?? null;
  const desiredKeys = new Set(desired.phases.map((phase) => phase.key));
  const baseMarker = { feature: desired.feature, path: desired.planPath, branch: desired.branch };

  const creates: Action[] = [];
  const afterCreates: Action[] = [];
  const updates: Action[] = [];
  const outcomes = new Map<string, PhaseOutcome>();

  type PhaseSpec = Extract<BodySpec, { kind: 'phase' }>;
  const phaseTemplate = (phase: DesiredPhase, tasks: DesiredTask[], marker: PlanbotMarker): PhaseSpec => ({
    kind: 'phase',
    phase: phase.key,
    tasks,
    marker: markerData(marker),
    pending: [
      ...phase.dependencies.filter((key) => desiredKeys.has(key)).map(phaseRef),
      ...taskRefsOf(desired, phase, tasks).filter((ref): ref is IssueRef => ref !== null),
    ].filter(isNew),
  });
  const rendered = (spec: PhaseSpec) => renderPhaseSpec(spec, desired, resolveExisting);

  // New phase issues, each after the phases it depends on where possible, so its body can name them.
  const created = new Set<string>();
  for (const phase of creationOrder(desired.phases.filter((phase) => isNew(phaseRef(phase.key))))) {
    const ref = phaseRef(phase.key);
    const complete = isPhaseDone(phase.tasks);
    const marker: PlanbotMarker = { ...baseMarker, phase: phase.key, tracking: false, source: phase.source, base: baseOf(phase.tasks) };
    const forwardReference = phase.dependencies.some((key) => desiredKeys.has(key) && isNew(phaseRef(key)) && !created.has(key));
    created.add(phase.key);
    creates.push({
      type: 'create-issue',
      ref,
      title: phase.title,
      body: phaseTemplate(phase, phase.tasks, { ...marker, closing: complete }),
      labels: desired.labels,
      assignees: desired.assignees,
      milestone: desired.milestone,
      reason: `Phase ${phase.number} has no issue yet`,
    });
    if (complete || forwardReference) {
      afterCreates.push({
        type: 'update-issue',
        ref,
        body: phaseTemplate(phase, phase.tasks, marker),
        ...(complete ? { state: 'closed' as const, stateReason: 'completed' as const } : {}),
        reason: complete ? 'every task is done' : 'it names phase issues created after it',
      });
    }
    outcomes.set(phase.key, outcomeOf(ref, phase, phase.tasks, complete ? 'closed' : 'open', complete ? 'completed' : null));
  }

  const planEdits: PlanEdit[] = [];
  for (const phase of desired.phases) {
    const issue = actual.phases.get(phase.key);
    if (!issue) continue;
    const ref = phaseRef(phase.key);
    const marker: PlanbotMarker = { ...baseMarker, phase: phase.key, tracking: false, source: phase.source };
    let template = phaseTemplate(phase, phase.tasks, { ...marker, base: baseOf(phase.tasks) });
    let tasks = phase.tasks;
    let bodyChanged = template.pending.length > 0 || !sameBody(rendered(template), issue.body);
    let wasComplete = isPhaseDone(tasks);
    // Open or closed follows what both sides show: ticks still on their way to the plan do not count yet.
    let settled = tasks;
    const notes: Action[] = [];
    // The body already says what the plan says (the steady state): no need to read it back.
    if (bodyChanged) {
      const issueTasks = issueTaskStates(issue.body);
      const trigger = options.trigger?.issueNumber === issue.number ? options.trigger : null;
      const before = trigger ? issueTaskStates(trigger.before) : null;
      const merged = threeWay({
        plan: phase.tasks,
        issue: issueTasks,
        base: issue.marker.base ?? null,
        before,
        pending: issue.marker.pending,
        syncBack: desired.syncBack,
      });
      tasks = merged.tasks;
      settled = merged.toPlan.size > 0 ? phase.tasks : tasks;
      const waiting = [...new Set([...merged.toPlan.keys()].map((key) => key.replace(/#\d+$/, '')))];
      const pending = options.refusal ? waiting : (issue.marker.pending ?? []).filter((key) => waiting.includes(key));
      if (merged.toPlan.size > 0) planEdits.push({ ref, issueNumber: issue.number, phase, wanted: merged.toPlan });
      if (options.refusal && merged.toPlan.size > 0 && (issue.marker.pending ?? []).length === 0) {
        notes.push({ type: 'comment', ref, body: options.refusal.comment(waiting.length), reason: 'the plan refused the ticks made here' });
      }
      if (trigger) {
        const unmatched = rewrittenTasks(before ?? [], trigger.after, issueTasks, phase.tasks);
        if (unmatched.length > 0) notes.push({ type: 'comment', ref, body: rewrittenNote(unmatched, phase.source), reason: 'task text was changed in the issue' });
      }
      template = phaseTemplate(phase, tasks, { ...marker, base: merged.base, pending });
      bodyChanged = template.pending.length > 0 || !sameBody(rendered(template), issue.body);
      wasComplete = merged.wasComplete && !issue.marker.closing;
    }
    if (issue.repaired) {
      notes.push({ type: 'comment', ref, body: repairNote(phase, desired.feature), reason: 'the hidden marker was removed or changed' });
    }
    const nowComplete = isPhaseDone(settled);
    const change = stateChange(issue, wasComplete, nowComplete);
    const reasons: string[] = [];
    if (issue.title !== phase.title) reasons.push('title changed');
    if (bodyChanged) reasons.push('body changed');
    if (change) reasons.push(change.why);
    if (reasons.length > 0) {
      updates.push({
        type: 'update-issue',
        ref,
        ...(issue.title !== phase.title ? { title: phase.title } : {}),
        ...(reasons.includes('body changed') ? { body: template } : {}),
        ...(change ? { state: change.state, stateReason: change.stateReason } : {}),
        reason: reasons.join('; '),
      });
    }
    updates.push(...notes);
    outcomes.set(
      phase.key,
      outcomeOf(ref, phase, tasks, change?.state ?? issue.state, change ? change.stateReason : issue.stateReason),
    );
  }

  // Phases gone from the plan: their issues close as not planned, once, with a word why.
  for (const [key, issue] of actual.phases) {
    if (desiredKeys.has(key) || issue.state === 'closed') continue;
    const ref = phaseRef(key);
    const body = replaceMarker(issue.body, (marker) => ({ ...marker, removed: true }));
    updates.push({ type: 'update-issue', ref, body: fixed(body), state: 'closed', stateReason: 'not_planned', reason: 'phase removed from the plan' });
    updates.push({
      type: 'comment',
      ref,
      body: desired.writtenPhases.has(key)
        ? // Still written, but no issue of its own: no tasks (\`issues.empty_phases: line\`), or its tasks come from another file.
          `Phase ${key} no longer gets an issue of its own (it has no tasks, or \`issues.source\` takes its tasks from another file), so planbot closed this issue as not planned. It reopens if the phase gets an issue again.`
        : `Phase ${key} is no longer in \`${desired.planPath}\`, so planbot closed this issue as not planned. It reopens if the phase comes back.`,
      reason: 'phase removed from the plan',
    });
  }

  for (const { issue, keep } of actual.duplicates) {
    if (issue.state === 'closed') continue;
    const ref: IssueRef = `#${issue.number}`;
    updates.push({ type: 'update-issue', ref, state: 'closed', stateReason: 'not_planned', reason: `duplicate of #${keep.number}` });
    updates.push({ type: 'comment', ref, body: `Duplicate of #${keep.number}: planbot keeps #${keep.number} in step with the plan.`, reason: `duplicate of #${keep.number}` });
  }

  for (const number of actual.relabel) {
    const label = desired.labels[0];
    const ref = refOfNumber(existing, number);
    updates.push({ type: 'add-labels', ref, labels: [label], reason: `the ${label} label was removed` });
  }

  // Task issues are created before the phase issues, so a new phase issue's body names them at once.
  const tasks = planTaskIssues(desired, actual, options, taskRef);
  creates.unshift(...tasks.creates);
  afterCreates.push(...tasks.afterCreates);
  updates.push(...tasks.updates);
  planEdits.push(...tasks.planEdits);

  const phases = desired.phases.map((phase) => outcomes.get(phase.key) as PhaseOutcome);
  const { actions: linkActions, links } = planLinks(desired, actual, existing);
  const trackingActions: Action[] = [];
  let trackingBody: BodySpec | null = null;
  if (actual.tracking || desired.phases.length > 0) {
    const allDone = phases.length > 0 && phases.every((phase) => phase.state === 'closed');
    // The board sync's record lives in the tracking body too: a rewrite keeps it.
    const board = boardLineOf(actual.tracking?.body);
    const template = (done: boolean): BodySpec => ({ kind: 'tracking', done, pending: desired.phases.map((phase) => phaseRef(phase.key)).filter(isNew), ...(board ? { board } : {}) });
    trackingBody = template(allDone);
    const tracking = actual.tracking;
    if (!tracking) {
      trackingActions.push({
        type: 'create-issue',
        ref: 'tracking',
        title: desired.trackingTitle,
        body: allDone ? template(false) : trackingBody,
        labels: desired.trackingLabels,
        assignees: desired.assignees,
        milestone: desired.milestone,
        reason: 'the feature has no tracking issue yet',
      });
      if (allDone) {
        trackingActions.push({ type: 'update-issue', ref: 'tracking', body: trackingBody, state: 'closed', stateReason: 'completed', reason: 'every phase is done' });
      }
    } else {
      const wasDone = actual.record?.done ?? false;
      const reasons: string[] = [];
      let state: { state: 'open' | 'closed'; stateReason: StateReason } | null = null;
      if (allDone && !wasDone && tracking.state === 'open') state = { state: 'closed', stateReason: 'completed' };
      if (!allDone && wasDone && phases.length > 0 && tracking.state === 'closed') state = { state: 'open', stateReason: 'reopened' };
      if (tracking.title !== desired.trackingTitle) reasons.push('title changed');
      const bodyChanged = trackingBody.pending.length > 0 || !sameBody(renderBody(trackingBody, { desired, phases, links }, resolveExisting), tracking.body);
      if (bodyChanged) reasons.push('body changed');
      if (state) reasons.push(state.state === 'closed' ? 'every phase is done' : 'a phase reopened');
      if (reasons.length > 0) {
        trackingActions.push({
          type: 'update-issue',
          ref: 'tracking',
          ...(tracking.title !== desired.trackingTitle ? { title: desired.trackingTitle } : {}),
          ...(bodyChanged ? { body: trackingBody } : {}),
          ...(state ?? {}),
          reason: reasons.join('; '),
        });
      }
    }
  }

  return {
    planEdits,
    actions: [...creates, ...afterCreates, ...updates, ...trackingActions, ...linkActions],
    trackingBody,
    phases,
    existing,
    desired,
    links,
  };
}

function existingHandles(actual: ActualFeature): Map<IssueRef, IssueHandle> {
  const handles = new Map<IssueRef, IssueHandle>();
  const add = (ref: IssueRef, issue: PlanbotIssue) => handles.set(ref, { number: issue.number, id: issue.id });
  if (actual.tracking) add('tracking', actual.tracking);
  for (const [key, issue] of actual.phases) add(phaseRef(key), issue);
  for (const [key, issue] of actual.tasks) add(taskRef(key), issue);
  for (const { issue } of actual.duplicates) add(`#${issue.number}`, issue);
  return handles;
}

function refOfNumber(existing: Map<IssueRef, IssueHandle>, number: number): IssueRef {
  for (const [ref, handle] of existing) if (handle.number === number) return ref;
  return `#${number}`;
}

function fixed(text: string): BodySpec {
  return { kind: 'text', text, pending: [] };
}

/** Issue bodies edited on github.com come back with CRLF line endings; that alone is no change. */
function sameBody(rendered: string, actual: string): boolean {
  return rendered === actual.replace(/\r\n/g, '\n');
}

/**
 * planbot changes a phase issue's state only when its tasks' completeness changes (or a removed
 * phase comes back), so a close or reopen by hand sticks until the tasks change.
 */
function stateChange(
  issue: PlanbotIssue,
  wasComplete: boolean,
  nowComplete: boolean,
): { state: 'open' | 'closed'; stateReason: StateReason; why: string } | null {
  if (issue.marker.removed) {
    return issue.state === 'closed' ? { state: 'open', stateReason: 'reopened', why: 'phase is back in the plan' } : null;
  }
  if (nowComplete && !wasComplete && issue.state === 'open') return { state: 'closed', stateReason: 'completed', why: 'every task is done' };
  if (!nowComplete && wasComplete && issue.state === 'closed' && issue.stateReason !== 'not_planned') {
    return { state: 'open', stateReason: 'reopened', why: 'a task is open again' };
  }
  return null;
}

/**
 * Tasks the edit put into the issue that the plan does not have (their text was rewritten there):
 * their box cannot reach the plan, and the sync puts the plan's text back. Only those the issue
 * still shows, so a redelivered edit gets no second note.
 */
function rewrittenTasks(before: TaskState[], after: string, now: TaskState[], plan: DesiredTask[]): string[] {
  const known = new Set([...before, ...plan].map((task) => task.key));
  const shown = new Set(now.map((task) => task.key));
  // The edit's own body only when the issue shows a task neither the plan nor the old body has.
  if ([...shown].every((key) => known.has(key))) return [];
  const texts = new Map(issueTaskStates(after).map((task) => [task.key, task.text ?? task.key]));
  return [...texts].filter(([key]) => !known.has(key) && shown.has(key)).map(([, text]) => text);
}

/** Task text quoted in a comment: no mention, reference, HTML or markdown comes alive. */
function quoted(text: string): string {
  return `“${neutraliseWithin(text, 200, { mode: 'plain' })}”`;
}

function rewrittenNote(texts: string[], source: DesiredPhase['source']): string {
  const file = source === 'tasks' ? 'tasks.md' : 'plan.md';
  const list = texts.slice(0, 5).map(quoted).join(', ') + (texts.length > 5 ? ` and ${texts.length - 5} more` : '');
  return `planbot could not match ${list} to a task in ${file}, so that change was not written there; task text lives in ${file}, and this issue shows its text again (tick the box there, or change the text in ${file}).`;
}

function repairNote(phase: DesiredPhase, feature: string): string {
  return `planbot restored this issue's hidden first line, which marks it as Phase ${neutralise(phase.number, { mode: 'plain' })} of \`${feature.replace(/`/g, '')}\`; please leave that line as it is.`;
}

function outcomeOf(
  ref: IssueRef,
  phase: DesiredPhase,
  tasks: DesiredTask[],
  state: 'open' | 'closed',
  stateReason: string | null,
): PhaseOutcome {
  return { ref, phase, state, stateReason, done: doneCount(tasks), total: tasks.length };
}

/** Phases in plan order, but each after the phases it depends on (cycles broken in plan order). */
export function creationOrder(phases: DesiredPhase[]): DesiredPhase[] {
  const remaining = new Map(phases.map((phase) => [phase.key, phase]));
  const order: DesiredPhase[] = [];
  while (remaining.size > 0) {
    const ready = [...remaining.values()].find((phase) => phase.dependencies.every((key) => !remaining.has(key)));
    const next = ready ?? (remaining.values().next().value as DesiredPhase);
    order.push(next);
    remaining.delete(next.key);
  }
  return order;
}
