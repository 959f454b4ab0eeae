// Which sub-issue and blocked-by links the sync makes, keeps or removes, and the links record the
// tracking issue carries afterwards. Pure: the decision is data (LinksPlan), and the record is
// computed from it and from what the writes achieved.
import type { DesiredFeature } from './desired.js';
import type { ActualFeature } from './actual.js';
import { baseHash } from './marker.js';
import { emptyLinksRecord, pairKey, type LinksRecord } from './links-record.js';
import { SUB_ISSUE_LIMIT } from '../plan/sub-issue-limits.js';
import { linkKey, phaseRef, taskRef, type Action, type IssueHandle, type IssueRef, type LinkOutcome, type LinksPlan, type Resolve } from './actions.js';

/**
 * Sub-issue links for every current phase (up to GitHub's limit) and blocked-by links for every
 * dependency between phases of the plan; blocked-by links planbot made earlier that the plan no
 * longer has are removed. Links a person moved elsewhere, links GitHub refused, and APIs the
 * server lacks are left alone.
 */
export function planLinks(desired: DesiredFeature, actual: ActualFeature, existing: Map<IssueRef, IssueHandle>): { actions: Action[]; links: LinksPlan } {
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
    /** Needs no link: already a sub-issue, moved under another parent by a person, or refused before (stays refused). */
    const settled = (ref: IssueRef): boolean => {
      const number = numberOf(ref);
      if (number === null) return false;
      if (actual.children.has(number) || actual.foreignParent.has(number)) return true;
      if (!previous.refusedChildren.includes(number)) return false;
      refusedChildren.push(number);
      return true;
    };
    for (const phase of desired.phases) {
      const ref = phaseRef(phase.key);
      if (settled(ref)) continue;
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
      if (settled(ref)) continue;
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

  const removeBlockedBy: LinksPlan['removeBlockedBy'] = [];
  const phaseRefByNumber = new Map([...actual.phases].map(([key, issue]) => [issue.number, phaseRef(key)]));
  for (const pair of previous.blockedBy) {
    const [issueRef, blockerRef] = [phaseRefByNumber.get(pair[0]), phaseRefByNumber.get(pair[1])];
    if (wanted.has(pairKey(pair)) || !issueRef || !blockerRef) continue;
    if (unsupported.has('dependencies')) continue;
    removeBlockedBy.push({ issue: issueRef, blocker: blockerRef, pair });
    actions.push({ type: 'remove-blocked-by', issue: issueRef, blocker: blockerRef, reason: 'the dependency left the plan' });
  }

  return {
    actions,
    links: {
      keptChildren,
      addChildren,
      refusedChildren,
      keptBlockedBy,
      addBlockedBy,
      refusedBlockedBy,
      removeBlockedBy,
      unsupported: [...unsupported],
      phaseIssues: [...actual.phases].map(([key, issue]) => [issue.number, key]),
      taskIssues: [...actual.tasks].map(([key, issue]) => [issue.number, key]),
    },
  };
}

/** The tracking issue's links record after the writes; without an outcome it assumes every planned link is made. */
export function linksRecordAfter(links: LinksPlan, desired: DesiredFeature, resolve: Resolve, outcome?: LinkOutcome): LinksRecord {
  const made = <T>(status: T | undefined, ok: T) => (outcome ? status === ok : true);
  const numberAfter = (ref: IssueRef) => resolve(ref)?.number ?? null;
  const children = [...links.keptChildren];
  const refusedNow = [...links.refusedChildren];
  for (const ref of links.addChildren) {
    const number = numberAfter(ref);
    if (number === null) continue;
    if (made(outcome?.children.get(ref), 'linked')) children.push(number);
    else if (outcome?.children.get(ref) === 'refused') refusedNow.push(number);
  }
  const blockedBy = [...links.keptBlockedBy];
  const refusedPairs = [...links.refusedBlockedBy];
  for (const [issueRef, blockerRef] of links.addBlockedBy) {
    const [issue, blocker] = [numberAfter(issueRef), numberAfter(blockerRef)];
    if (issue === null || blocker === null) continue;
    const status = outcome?.blockedBy.get(linkKey(issueRef, blockerRef));
    if (made(status, 'linked')) blockedBy.push([issue, blocker]);
    else if (status === 'refused') refusedPairs.push([issue, blocker]);
  }
  for (const { pair } of links.removeBlockedBy) {
    if (outcome && outcome.removals.get(pairKey(pair)) !== 'removed') blockedBy.push(pair);
  }
  // Every phase issue, the closed ones of removed phases too: identity that survives a lost marker.
  const phases = new Map<number, string>(links.phaseIssues);
  for (const phase of desired.phases) {
    const number = numberAfter(phaseRef(phase.key));
    if (number !== null) phases.set(number, phase.key);
  }
  // Task issues too (issues.granularity: task), by a short hash of their identity.
  const tasks = new Map<number, string>(links.taskIssues.map(([number, key]) => [number, baseHash(key)]));
  for (const task of desired.taskIssues ?? []) {
    const number = numberAfter(taskRef(task.key));
    if (number !== null) tasks.set(number, baseHash(task.key));
  }
  return {
    children,
    blockedBy,
    refusedChildren: refusedNow,
    refusedBlockedBy: refusedPairs,
    unsupported: [...new Set([...links.unsupported, ...(outcome?.unsupported ?? [])])],
    done: false,
    phases,
    ...(tasks.size > 0 ? { tasks } : {}),
  };
}
