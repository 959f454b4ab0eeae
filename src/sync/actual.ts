// What exists on GitHub for one feature: planbot's issues found by their markers through the
// labelled listing, and which sub-issue / blocked-by links exist. Links are known from the
// tracking issue's record and the issues' own summaries; they are listed only when those disagree.
import type { Logger } from 'pino';
import type { GitHub, IssueSnapshot, RepoCoordinates } from '../github/github.js';
import { meansUnsupported } from '../github/issues-api-support.js';
import { baseHash, readMarker, type PlanbotMarker } from './marker.js';
import { readLinksRecord, type LinksRecord } from './links-record.js';

export interface PlanbotIssue extends IssueSnapshot {
  marker: PlanbotMarker;
  /** Known by the tracking issue's record while its marker is missing or names another phase: rewrite it. */
  repaired?: boolean;
}

export interface ActualFeature {
  tracking: PlanbotIssue | null;
  /** Phase issues by canonical phase number (the marker's `phase`). */
  phases: Map<string, PlanbotIssue>;
  /** Task issues (`issues.granularity: task`) by the marker's `task`. */
  tasks: Map<string, PlanbotIssue>;
  /** Further issues carrying the same marker as a kept one (the lowest number is kept). */
  duplicates: Array<{ issue: PlanbotIssue; keep: PlanbotIssue }>;
  /** The tracking issue's links record; null when there is none. */
  record: LinksRecord | null;
  /** Phase issue numbers that are sub-issues of the tracking issue. */
  children: Set<number>;
  /** Phase issue numbers whose parent is some other issue (a person moved them): left alone. */
  foreignParent: Set<number>;
  /** Blockers known per issue number (from the record, or listed when the record was in doubt). */
  blockedBy: Map<number, Set<number>>;
  /** Issues found through the record or a parent link after losing planbot's label: it is put back. */
  relabel: number[];
  /** Requests spent reading (for logs and tests). */
  reads: number;
}

export interface ReadActualInput {
  feature: string;
  planPath: string;
  /** The label planbot lists its issues by. */
  label: string;
  /** Phase keys by issue title: identity for a sub-issue of the tracking issue whose marker was lost before the record named phases. */
  titles?: Map<string, string>;
  /** The task identities the plan has (`issues.granularity: task`): a task issue whose marker was lost is known by the record's hash of one. */
  taskKeys?: string[];
}

export async function readActual(
  github: GitHub,
  where: RepoCoordinates,
  input: ReadActualInput,
  log: Pick<Logger, 'warn' | 'debug'>,
): Promise<ActualFeature> {
  const listed = await github.listLabelledIssues(where, input.label);
  const ownMarker = (issue: IssueSnapshot): PlanbotMarker | null => {
    const marker = readMarker(issue.body);
    return marker && marker.feature === input.feature && marker.path === input.planPath ? marker : null;
  };
  // The tracking record names each phase issue's phase: it outranks a marker a person removed or edited.
  const tracking = listed.filter((issue) => issue.byBot && ownMarker(issue)?.tracking).sort((a, b) => a.number - b.number)[0];
  const record = tracking ? readLinksRecord(tracking.body) : null;
  const taskByHash = new Map((input.taskKeys ?? []).map((key) => [baseHash(key), key]));
  const mine = (issue: IssueSnapshot): PlanbotIssue | null => {
    if (!issue.byBot) return null;
    const marker = ownMarker(issue);
    const recordedTask = taskByHash.get(record?.tasks?.get(issue.number) ?? '');
    if (recordedTask !== undefined && (!marker || marker.tracking || marker.task !== recordedTask)) {
      log.warn({ issue: issue.number, task: recordedTask }, 'planbot task issue with a missing or changed marker; the tracking record knows its task');
      const written = readMarker(issue.body);
      const repaired: PlanbotMarker = { source: 'plan', pending: [], ...written, feature: input.feature, path: input.planPath, phase: written?.phase ?? '', task: recordedTask, tracking: false };
      return { ...issue, marker: repaired, repaired: true };
    }
    const recorded = record?.phases.get(issue.number) ?? titled(issue, marker, record, input.titles);
    if (recorded !== undefined && (!marker || marker.tracking || marker.phase !== recorded)) {
      log.warn({ issue: issue.number, phase: recorded }, 'planbot issue with a missing or changed marker; the tracking record knows its phase');
      const written = readMarker(issue.body);
      const repaired: PlanbotMarker = { source: 'plan', pending: [], ...written, feature: input.feature, path: input.planPath, phase: recorded, tracking: false };
      return { ...issue, marker: repaired, repaired: true };
    }
    return marker ? { ...issue, marker } : null;
  };
  const found = listed.map(mine).filter((issue): issue is PlanbotIssue => issue !== null);
  let actual = group(found);
  let reads = 1;
  const relabel: number[] = [];

  // Issues that lost planbot's label drop out of the listing: the tracking record still names the
  // phase issues, and a phase issue's parent field names the tracking issue.
  const known = new Set(found.map((issue) => issue.number));
  const parents = [...actual.phases.values()].map((issue) => parentNumber(issue.parentIssueUrl));
  const candidates = [...(actual.record?.children ?? []), ...(actual.record?.phases.keys() ?? []), ...(actual.record?.tasks?.keys() ?? []), ...(actual.tracking ? [] : parents)];
  for (const number of new Set(candidates)) {
    if (number === null || known.has(number)) continue;
    known.add(number);
    reads++;
    const fetched = await github.getIssue(where, number);
    const issue = fetched && mine(fetched);
    if (!issue) continue;
    log.warn({ issue: number }, 'planbot issue found without its label; putting the label back');
    found.push(issue);
    relabel.push(number);
  }
  if (relabel.length > 0) actual = group(found);
  actual.reads = reads;
  actual.relabel = relabel;
  resolveLinks(actual);
  return actual;
}

/** Before records named phases: a sub-issue of the tracking issue, without a marker, titled as a phase is. */
function titled(issue: IssueSnapshot, marker: PlanbotMarker | null, record: LinksRecord | null, titles?: Map<string, string>): string | undefined {
  if (marker || !record || record.phases.size > 0 || !record.children.includes(issue.number)) return undefined;
  return titles?.get(issue.title);
}

function parentNumber(url: string | null | undefined): number | null {
  const match = url ? /\/issues\/(\d+)$/.exec(url) : null;
  return match ? Number(match[1]) : null;
}

/** A feature with no issues yet (what the CLI's dry run compares with). */
export function noIssues(): ActualFeature {
  return {
    tracking: null,
    phases: new Map(),
    tasks: new Map(),
    duplicates: [],
    record: null,
    children: new Set(),
    foreignParent: new Set(),
    blockedBy: new Map(),
    relabel: [],
    reads: 0,
  };
}

function group(found: PlanbotIssue[]): ActualFeature {
  const byIdentity = new Map<string, PlanbotIssue[]>();
  for (const issue of found) {
    const identity = issue.marker.tracking ? 'tracking' : issue.marker.task ? `task:${issue.marker.task}` : `phase:${issue.marker.phase}`;
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), issue]);
  }
  const actual = noIssues();
  for (const [identity, issues] of byIdentity) {
    const [keep, ...rest] = issues.sort((a, b) => a.number - b.number);
    for (const issue of rest) actual.duplicates.push({ issue, keep });
    if (identity === 'tracking') actual.tracking = keep;
    else if (keep.marker.task) actual.tasks.set(keep.marker.task, keep);
    else actual.phases.set(keep.marker.phase as string, keep);
  }
  actual.record = actual.tracking ? readLinksRecord(actual.tracking.body) : null;
  return actual;
}

/** Which links exist, from each issue's parent field where the server reports it, else from the record. */
function resolveLinks(actual: ActualFeature): void {
  const tracking = actual.tracking;
  const record = actual.record;
  // A sub-phase's issue nested under another phase issue of this feature is linked as planbot wants it.
  const phaseNumbers = new Set([...actual.phases.values()].map((issue) => issue.number));
  for (const issue of [...actual.phases.values(), ...actual.tasks.values()]) {
    if (!tracking) break;
    if (issue.parentIssueUrl === undefined) {
      if (record?.children.includes(issue.number)) actual.children.add(issue.number);
    } else if (issue.parentIssueUrl === null) {
      continue;
    } else if (issue.parentIssueUrl.endsWith(`/issues/${tracking.number}`) || phaseNumbers.has(parentNumber(issue.parentIssueUrl) ?? -1)) {
      actual.children.add(issue.number);
    } else {
      actual.foreignParent.add(issue.number);
    }
  }
  for (const [issue, blocker] of record?.blockedBy ?? []) {
    actual.blockedBy.set(issue, new Set([...(actual.blockedBy.get(issue) ?? []), blocker]));
  }
}

/**
 * Lists the blockers of the issues whose record is in doubt: the issue reports fewer blockers
 * than planbot recorded (a link was lost, or never made before a crash), or a wanted blocker is
 * not recorded while the issue has blockers (it may exist already). Returns false when the
 * dependencies API is missing here.
 */
export async function verifyBlockedBy(
  github: GitHub,
  where: RepoCoordinates,
  actual: ActualFeature,
  wanted: Map<number, number[]>,
): Promise<boolean> {
  for (const issue of actual.phases.values()) {
    const recorded = actual.blockedBy.get(issue.number) ?? new Set<number>();
    const count = issue.blockedByCount;
    const lost = count !== undefined && count < recorded.size;
    const unrecorded = (wanted.get(issue.number) ?? []).some((blocker) => !recorded.has(blocker));
    const mayExist = unrecorded && (count === undefined ? actual.record === null : count > 0);
    if (!lost && !mayExist) continue;
    actual.reads++;
    try {
      actual.blockedBy.set(issue.number, new Set(await github.listBlockedByNumbers(where, issue.number)));
    } catch (error) {
      if (meansUnsupported(error)) return false;
      throw error;
    }
  }
  return true;
}
