// The reconciler's pure half: desired issues (from the plan) + actual issues (from GitHub) → the
// short, ordered list of writes that makes GitHub match. No diff, no actions: an unchanged plan
// costs zero writes. The same list is printed by the CLI's dry run and counted by the tests.
import type { DesiredFeature, DesiredPhase, DesiredTask } from './desired.js';
import type { ActualFeature, PlanbotIssue } from './actual.js';
import { parsePlanbotIssue, renderPhaseBody, renderTrackingBody, type TrackingRow } from './issue-body.js';
import { replaceMarker, type PlanbotMarker } from './marker.js';
import { emptyLinksRecord, pairKey, type LinksRecord, type RelationApi } from './links-record.js';
import { SUB_ISSUE_LIMIT } from './limits.js';

/** `tracking`, a phase by canonical number, or any other existing issue by number (duplicates). */
export type IssueRef = 'tracking' | `phase:${string}` | `#${number}`;

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
  | { type: 'add-sub-issue'; child: IssueRef; reason: string }
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

export interface SyncPlan {
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

export function planActions(desired: DesiredFeature, actual: ActualFeature): SyncPlan {
  const existing = existingHandles(actual);
  const isNew = (ref: IssueRef) => !existing.has(ref);
  const resolveExisting: Resolve = (ref) => existing.get(ref) ?? null;
  const desiredKeys = new Set(desired.phases.map((phase) => phase.key));
  const baseMarker = { feature: desired.feature, path: desired.planPath, branch: desired.branch };

  const creates: Action[] = [];
  const afterCreates: Action[] = [];
  const updates: Action[] = [];
  const outcomes = new Map<string, PhaseOutcome>();

  const phaseTemplate = (phase: DesiredPhase, tasks: DesiredTask[], marker: PlanbotMarker): BodyTemplate => ({
    pending: phase.dependencies.filter((key) => desiredKeys.has(key)).map(phaseRef).filter(isNew),
    render: (resolve) =>
      renderPhaseBody({
        feature: desired,
        phase,
        tasks,
        marker,
        dependencyIssue: (key) => (desiredKeys.has(key) ? (resolve(phaseRef(key))?.number ?? null) : undefined),
      }),
  });

  // New phase issues, each after the phases it depends on where possible, so its body can name them.
  const created = new Set<string>();
  for (const phase of creationOrder(desired.phases.filter((phase) => isNew(phaseRef(phase.key))))) {
    const ref = phaseRef(phase.key);
    const complete = isComplete(phase.tasks);
    const marker: PlanbotMarker = { ...baseMarker, phase: phase.key, tracking: false, source: phase.source };
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

  for (const phase of desired.phases) {
    const issue = actual.phases.get(phase.key);
    if (!issue) continue;
    const ref = phaseRef(phase.key);
    const marker: PlanbotMarker = { ...baseMarker, phase: phase.key, tracking: false, source: phase.source };
    let template = phaseTemplate(phase, phase.tasks, marker);
    let tasks = phase.tasks;
    let bodyChanged = template.pending.length > 0 || !sameBody(template.render(resolveExisting), issue.body);
    let wasComplete = isComplete(tasks);
    // The body already says what the plan says (the steady state): no need to read it back.
    if (bodyChanged) {
      const issueTasks = parsePlanbotIssue(issue.body)?.tasks ?? [];
      const merged = mergePending(phase.tasks, issueTasks, issue.marker.pending ?? []);
      tasks = merged.tasks;
      template = phaseTemplate(phase, tasks, { ...marker, pending: merged.pending });
      bodyChanged = template.pending.length > 0 || !sameBody(template.render(resolveExisting), issue.body);
      wasComplete = isComplete(issueTasks) && !issue.marker.closing;
    }
    const nowComplete = isComplete(tasks);
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
      body: `Phase ${key} is no longer in \`${desired.planPath}\`, so planbot closed this issue as not planned. It reopens if the phase comes back.`,
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
 * The plan's tasks with the issue's checked state kept for pending keys (ticks a person made in
 * the issue that have not reached the plan yet). A key leaves the pending list once the plan agrees.
 */
export function mergePending(
  planTasks: DesiredTask[],
  issueTasks: Array<{ key: string; checked: boolean }>,
  pendingKeys: string[],
): { tasks: DesiredTask[]; pending: string[] } {
  if (pendingKeys.length === 0) return { tasks: planTasks, pending: [] };
  const pending = new Set(pendingKeys);
  const issueStates = new Map<string, boolean[]>();
  for (const task of issueTasks) issueStates.set(task.key, [...(issueStates.get(task.key) ?? []), task.checked]);
  const seen = new Map<string, number>();
  const stillPending = new Set<string>();
  const tasks = planTasks.map((task) => {
    const occurrence = seen.get(task.key) ?? 0;
    seen.set(task.key, occurrence + 1);
    const inIssue = issueStates.get(task.key)?.[occurrence];
    if (!pending.has(task.key) || inIssue === undefined || inIssue === task.checked) return task;
    stillPending.add(task.key);
    return { ...task, checked: inIssue };
  });
  return { tasks, pending: [...stillPending] };
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
    let room = SUB_ISSUE_LIMIT - Math.max(actual.tracking?.subIssuesCount ?? 0, actual.children.size);
    for (const phase of desired.phases) {
      const ref = phaseRef(phase.key);
      const number = numberOf(ref);
      if (number !== null && (actual.children.has(number) || actual.foreignParent.has(number))) continue;
      if (number !== null && previous.refusedChildren.includes(number)) {
        refusedChildren.push(number);
        continue;
      }
      if (room <= 0) continue;
      room--;
      addChildren.push(ref);
      actions.push({ type: 'add-sub-issue', child: ref, reason: `Phase ${phase.number} is not a sub-issue of the tracking issue yet` });
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
      return {
        children,
        blockedBy,
        refusedChildren: refusedNow,
        refusedBlockedBy: refusedPairs,
        unsupported: [...new Set([...unsupported, ...(outcome?.unsupported ?? [])])],
        done: false,
      };
    },
  };
}
