// The reconciler's pure half: desired issues (from the plan) + actual issues (from GitHub) → the
// short, ordered list of writes that makes GitHub match. No diff, no actions: an unchanged plan
// costs zero writes. The same list is printed by the CLI's dry run and counted by the tests.
import type { DesiredFeature, DesiredPhase, DesiredTask } from './desired.js';
import { planTaskIssues, taskOccurrenceKey } from './task-issues.js';
import { withOccurrences } from '../plan/checkbox-edit.js';
import type { ActualFeature, PlanbotIssue } from './actual.js';
import { renderPhaseBody, renderTrackingBody, type TrackingRow } from './issue-body.js';
import { baseHash, replaceMarker, type PlanbotMarker } from './marker.js';
import { baseOf, issueTaskStates, threeWay, type TaskState } from './three-way.js';
import { emptyLinksRecord, pairKey, type LinksRecord, type RelationApi } from './links-record.js';
import { SUB_ISSUE_LIMIT } from './limits.js';
import { neutralise, neutraliseWithin } from '../text/neutralise.js';

/** `tracking`, a phase by canonical number, a task's own issue by its identity, or any other existing issue by number (duplicates). */
export type IssueRef = 'tracking' | `phase:${string}` | `task:${string}` | `#${number}`;

export interface IssueHandle {
  number: number;
  id: number;
}

export type Resolve = (ref: IssueRef) => IssueHandle | null;

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

/** A body that may name issues created in the same run: rendered once their numbers are known. */
export interface BodyTemplate {
  /** Issues the body names that do not exist yet. */
  pending: IssueRef[];
  /** Without an outcome the links record assumes every planned link will be made. */
  render(resolve: Resolve, outcome?: LinkOutcome): string;
}

export type StateReason = 'completed' | 'not_planned' | 'reopened';

export type Action =
  | {
      type: 'create-issue';
      ref: IssueRef;
      title: string;
      body: BodyTemplate;
      labels: string[];
      assignees: string[];
      milestone: number | null;
      reason: string;
    }
  | {
      type: 'update-issue';
      ref: IssueRef;
      title?: string;
      body?: BodyTemplate;
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
  /** GitHub refused the commit of the plan edits: keep them pending, and say why once. */
  refusal?: { comment: (pending: number) => string } | null;
}

export interface SyncPlan {
  /** Checkbox states to commit to the plan before the issues are written (two-way sync). */
  planEdits: PlanEdit[];
  actions: Action[];
  /** The tracking issue's body, to write again if links fail; null when there is no tracking issue. */
  trackingBody: BodyTemplate | null;
  phases: PhaseOutcome[];
  /** Issues that exist now, by ref (the apply step adds the ones it creates). */
  existing: Map<IssueRef, IssueHandle>;
}

export function phaseRef(key: string): IssueRef {
  return `phase:${key}`;
}

export function taskRef(key: string): IssueRef {
  return `task:${key}`;
}

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

  // issues.granularity: task — each task's issue, by phase and occurrence key, for the phase body's links.
  const taskIssues = new Map((desired.taskIssues ?? []).map((issue) => [taskOccurrenceKey(issue.phaseKey, issue.occurrence), issue]));
  const taskRefsOf = (phase: DesiredPhase, tasks: DesiredTask[]): Array<IssueRef | null> =>
    withOccurrences(tasks.map((task) => task.key)).map((occurrence) => {
      const issue = taskIssues.get(taskOccurrenceKey(phase.key, occurrence));
      return issue ? taskRef(issue.key) : null;
    });
  const phaseTemplate = (phase: DesiredPhase, tasks: DesiredTask[], marker: PlanbotMarker): BodyTemplate => {
    const taskRefs = taskRefsOf(phase, tasks);
    return {
      pending: [
        ...phase.dependencies.filter((key) => desiredKeys.has(key)).map(phaseRef),
        ...taskRefs.filter((ref): ref is IssueRef => ref !== null),
      ].filter(isNew),
      render: (resolve) =>
        renderPhaseBody({
          feature: desired,
          phase,
          tasks,
          marker,
          dependencyIssue: (key) => (desiredKeys.has(key) ? (resolve(phaseRef(key))?.number ?? null) : undefined),
          taskIssue: (index) => {
            const ref = taskRefs[index];
            return ref ? (resolve(ref)?.number ?? null) : null;
          },
        }),
    };
  };

  // New phase issues, each after the phases it depends on where possible, so its body can name them.
  const created = new Set<string>();
  for (const phase of creationOrder(desired.phases.filter((phase) => isNew(phaseRef(phase.key))))) {
    const ref = phaseRef(phase.key);
    const complete = isComplete(phase.tasks);
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
    let bodyChanged = template.pending.length > 0 || !sameBody(template.render(resolveExisting), issue.body);
    let wasComplete = isComplete(tasks);
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
      bodyChanged = template.pending.length > 0 || !sameBody(template.render(resolveExisting), issue.body);
      wasComplete = merged.wasComplete && !issue.marker.closing;
    }
    if (issue.repaired) {
      notes.push({ type: 'comment', ref, body: repairNote(phase, desired.feature), reason: 'the hidden marker was removed or changed' });
    }
    const nowComplete = isComplete(settled);
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
  const links = planLinks(desired, actual, existing);
  const trackingActions: Action[] = [];
  let trackingBody: BodyTemplate | null = null;
  if (actual.tracking || desired.phases.length > 0) {
    const allDone = phases.length > 0 && phases.every((phase) => phase.state === 'closed');
    const template = (done: boolean): BodyTemplate => ({
      pending: desired.phases.map((phase) => phaseRef(phase.key)).filter(isNew),
      render: (resolve, outcome) =>
        renderTrackingBody({
          feature: desired,
          marker: { ...baseMarker, phase: null, tracking: true, source: 'plan' },
          rows: phases.map((phase): TrackingRow => ({ ...phase, issueNumber: resolve(phase.ref)?.number ?? null })),
          record: { ...links.record(resolve, outcome), done },
        }),
    });
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
      const bodyChanged = trackingBody.pending.length > 0 || !sameBody(trackingBody.render(resolveExisting), tracking.body);
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
    actions: [...creates, ...afterCreates, ...updates, ...trackingActions, ...links.actions],
    trackingBody,
    phases,
    existing,
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

function fixed(body: string): BodyTemplate {
  return { pending: [], render: () => body };
}

/** Issue bodies edited on github.com come back with CRLF line endings; that alone is no change. */
function sameBody(rendered: string, actual: string): boolean {
  return rendered === actual.replace(/\r\n/g, '\n');
}

function isComplete(tasks: Array<{ checked: boolean }>): boolean {
  return tasks.length > 0 && tasks.every((task) => task.checked);
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
  return { ref, phase, state, stateReason, done: tasks.filter((task) => task.checked).length, total: tasks.length };
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

interface PlannedLinks {
  actions: Action[];
  record(resolve: Resolve, outcome?: LinkOutcome): LinksRecord;
}

/**
 * Sub-issue links for every current phase (up to GitHub's limit) and blocked-by links for every
 * dependency between phases of the plan; blocked-by links planbot made earlier that the plan no
 * longer has are removed. Links a person moved elsewhere, links GitHub refused, and APIs the
 * server lacks are left alone.
 */
function planLinks(desired: DesiredFeature, actual: ActualFeature, existing: Map<IssueRef, IssueHandle>): PlannedLinks {
  const previous = actual.record ?? emptyLinksRecord();
  const unsupported = new Set(previous.unsupported);
  const numberOf = (ref: IssueRef) => existing.get(ref)?.number ?? null;
  const actions: Action[] = [];
  const hasTracking = actual.tracking !== null || desired.phases.length > 0;

  const keptChildren = [...actual.children];
  const addChildren: IssueRef[] = [];
  const refusedChildren: number[] = [];
  if (hasTracking && !unsupported.has('sub_issues')) {
    // GitHub allows SUB_ISSUE_LIMIT sub-issues per parent: room is counted per parent issue.
    const room = new Map<IssueRef, number>([['tracking', SUB_ISSUE_LIMIT - Math.max(actual.tracking?.subIssuesCount ?? 0, actual.children.size)]]);
    const byKey = new Map(desired.phases.map((phase) => [phase.key, phase]));
    for (const phase of desired.phases) {
      const ref = phaseRef(phase.key);
      const number = numberOf(ref);
      if (number !== null && (actual.children.has(number) || actual.foreignParent.has(number))) continue;
      if (number !== null && previous.refusedChildren.includes(number)) {
        refusedChildren.push(number);
        continue;
      }
      // A sub-phase's issue nests under its phase's issue (GitHub allows several levels).
      const parentPhase = phase.parent ? byKey.get(phase.parent) : undefined;
      const parent: IssueRef = parentPhase ? phaseRef(parentPhase.key) : 'tracking';
      if (!room.has(parent)) room.set(parent, SUB_ISSUE_LIMIT - (actual.phases.get(parentPhase!.key)?.subIssuesCount ?? 0));
      if ((room.get(parent) ?? 0) <= 0) continue;
      room.set(parent, (room.get(parent) ?? 0) - 1);
      addChildren.push(ref);
      actions.push(
        parentPhase
          ? { type: 'add-sub-issue', child: ref, parent, reason: `Phase ${phase.number} is not a sub-issue of Phase ${parentPhase.number}'s issue yet` }
          : { type: 'add-sub-issue', child: ref, reason: `Phase ${phase.number} is not a sub-issue of the tracking issue yet` },
      );
    }
    // issues.granularity: task — each task's issue under its phase's issue, in the room its sub-phases left.
    for (const task of desired.taskIssues ?? []) {
      const ref = taskRef(task.key);
      const number = numberOf(ref);
      if (number !== null && (actual.children.has(number) || actual.foreignParent.has(number))) continue;
      if (number !== null && previous.refusedChildren.includes(number)) {
        refusedChildren.push(number);
        continue;
      }
      const parent = phaseRef(task.phaseKey);
      if (!room.has(parent)) room.set(parent, SUB_ISSUE_LIMIT - (actual.phases.get(task.phaseKey)?.subIssuesCount ?? 0));
      if ((room.get(parent) ?? 0) <= 0) continue;
      room.set(parent, (room.get(parent) ?? 0) - 1);
      addChildren.push(ref);
      actions.push({ type: 'add-sub-issue', child: ref, parent, reason: `task ${task.task.id ?? task.key} is not a sub-issue of its phase's issue yet` });
    }
  }

  const keptBlockedBy: Array<[number, number]> = [];
  const addBlockedBy: Array<[IssueRef, IssueRef]> = [];
  const refusedBlockedBy: Array<[number, number]> = [];
  const wanted = new Set<string>();
  const desiredKeys = new Set(desired.phases.map((phase) => phase.key));
  for (const phase of desired.phases) {
    for (const dependency of phase.dependencies.filter((key) => desiredKeys.has(key))) {
      const issueRef = phaseRef(phase.key);
      const blockerRef = phaseRef(dependency);
      const issue = numberOf(issueRef);
      const blocker = numberOf(blockerRef);
      if (issue !== null && blocker !== null) {
        wanted.add(pairKey([issue, blocker]));
        if (actual.blockedBy.get(issue)?.has(blocker)) {
          keptBlockedBy.push([issue, blocker]);
          continue;
        }
        if (previous.refusedBlockedBy.some((pair) => pairKey(pair) === pairKey([issue, blocker]))) {
          refusedBlockedBy.push([issue, blocker]);
          continue;
        }
      }
      if (unsupported.has('dependencies')) continue;
      addBlockedBy.push([issueRef, blockerRef]);
      actions.push({ type: 'add-blocked-by', issue: issueRef, blocker: blockerRef, reason: `Phase ${phase.number} depends on Phase ${dependency}` });
    }
  }

  const removeBlockedBy: Array<[IssueRef, IssueRef, [number, number]]> = [];
  const phaseRefByNumber = new Map([...actual.phases].map(([key, issue]) => [issue.number, phaseRef(key)]));
  for (const pair of previous.blockedBy) {
    const [issueRef, blockerRef] = [phaseRefByNumber.get(pair[0]), phaseRefByNumber.get(pair[1])];
    if (wanted.has(pairKey(pair)) || !issueRef || !blockerRef) continue;
    if (unsupported.has('dependencies')) continue;
    removeBlockedBy.push([issueRef, blockerRef, pair]);
    actions.push({ type: 'remove-blocked-by', issue: issueRef, blocker: blockerRef, reason: 'the dependency left the plan' });
  }

  return {
    actions,
    record(resolve, outcome) {
      const made = <T>(status: T | undefined, ok: T) => (outcome ? status === ok : true);
      const numberAfter = (ref: IssueRef) => resolve(ref)?.number ?? null;
      const children = [...keptChildren];
      const refusedNow = [...refusedChildren];
      for (const ref of addChildren) {
        const number = numberAfter(ref);
        if (number === null) continue;
        if (made(outcome?.children.get(ref), 'linked')) children.push(number);
        else if (outcome?.children.get(ref) === 'refused') refusedNow.push(number);
      }
      const blockedBy = [...keptBlockedBy];
      const refusedPairs = [...refusedBlockedBy];
      for (const [issueRef, blockerRef] of addBlockedBy) {
        const [issue, blocker] = [numberAfter(issueRef), numberAfter(blockerRef)];
        if (issue === null || blocker === null) continue;
        const status = outcome?.blockedBy.get(linkKey(issueRef, blockerRef));
        if (made(status, 'linked')) blockedBy.push([issue, blocker]);
        else if (status === 'refused') refusedPairs.push([issue, blocker]);
      }
      for (const [, , pair] of removeBlockedBy) {
        if (outcome && outcome.removals.get(pairKey(pair)) !== 'removed') blockedBy.push(pair);
      }
      // Every phase issue, the closed ones of removed phases too: identity that survives a lost marker.
      const phases = new Map<number, string>();
      for (const [key, issue] of actual.phases) phases.set(issue.number, key);
      for (const phase of desired.phases) {
        const number = numberAfter(phaseRef(phase.key));
        if (number !== null) phases.set(number, phase.key);
      }
      // Task issues too (issues.granularity: task), by a short hash of their identity.
      const tasks = new Map<number, string>();
      for (const [key, issue] of actual.tasks) tasks.set(issue.number, baseHash(key));
      for (const task of desired.taskIssues ?? []) {
        const number = numberAfter(taskRef(task.key));
        if (number !== null) tasks.set(number, baseHash(task.key));
      }
      return {
        children,
        blockedBy,
        refusedChildren: refusedNow,
        refusedBlockedBy: refusedPairs,
        unsupported: [...new Set([...unsupported, ...(outcome?.unsupported ?? [])])],
        done: false,
        phases,
        ...(tasks.size > 0 ? { tasks } : {}),
      };
    },
  };
}
