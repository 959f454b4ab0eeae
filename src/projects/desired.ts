// The cards the board should show: one per phase issue (and task issue, and the tracking issue
// when configured), with the values planbot keeps. Pure: plan model + issues in, cards out.
import { createHash } from 'node:crypto';
import type { IssueSnapshot } from '../github/github.js';
import type { Phase } from '../plan/model.js';
import { statusOf, type StatusKey } from './status.js';

/** An issue the issue sync keeps, with what it stands for. */
export interface BoardIssue {
  kind: 'phase' | 'task' | 'tracking';
  /** The phase number (phase and task issues); null for the tracking issue. */
  phase: string | null;
  issue: IssueSnapshot;
  /** A task issue's task is ticked in the plan. */
  ticked?: boolean;
}

export interface DesiredCard {
  issue: number;
  contentId: string;
  kind: BoardIssue['kind'];
  status: StatusKey;
  /** Short hash of the plan state the Status follows from: when it changes, planbot may move the card again. */
  fingerprint: string;
  phase: number | null;
  feature: string;
  targetDate: string | null;
  /** The iteration's title as the plan writes it. */
  iteration: string | null;
}

export interface DesiredInput {
  feature: string;
  phases: readonly Phase[];
  issues: readonly BoardIssue[];
  /** Phase number → `YYYY-MM-DD` (target-dates.ts). */
  dates: ReadonlyMap<string, string>;
  includeTracking: boolean;
}

export function desiredCards(input: DesiredInput): { cards: DesiredCard[]; skipped: number[] } {
  const byNumber = new Map(input.phases.map((phase) => [phase.number, phase]));
  const cards: DesiredCard[] = [];
  const skipped: number[] = [];
  for (const entry of input.issues) {
    if (entry.kind === 'tracking' && !input.includeTracking) continue;
    const contentId = entry.issue.nodeId;
    // Without a node id (an old snapshot) the issue cannot be put on a board.
    if (!contentId) {
      skipped.push(entry.issue.number);
      continue;
    }
    const phase = entry.phase === null ? undefined : byNumber.get(entry.phase);
    if (entry.kind !== 'tracking' && !phase) continue; // the phase left the plan: the issue sync closes its issue
    const tasks = entry.kind === 'tracking' ? input.phases.flatMap((each) => each.tasks) : entry.kind === 'task' ? [] : tasksUnder(phase!, input.phases);
    const closedCompleted = entry.issue.state === 'closed' && entry.issue.stateReason === 'completed';
    const progress =
      entry.kind === 'task'
        ? { ticked: entry.ticked ? 1 : 0, total: 1, closedCompleted }
        : { ticked: tasks.filter((task) => task.checked).length, total: tasks.length, closedCompleted };
    const state = [entry.kind, entry.ticked ?? null, tasks.map((task) => [task.text, task.checked]), entry.issue.state, entry.issue.stateReason];
    cards.push({
      issue: entry.issue.number,
      contentId,
      kind: entry.kind,
      status: statusOf(progress),
      fingerprint: createHash('sha1').update(JSON.stringify(state)).digest('hex').slice(0, 8),
      phase: phase && Number.isFinite(Number(phase.number)) ? Number(phase.number) : null,
      feature: input.feature,
      targetDate: phase ? (input.dates.get(phase.number) ?? null) : null,
      iteration: phase?.iteration?.trim() || null,
    });
  }
  return { cards, skipped };
}

/** A phase's tasks and those of the steps nested in it (`### 1.2` under `## Phase 1`). */
function tasksUnder(phase: Phase, phases: readonly Phase[]) {
  const numbers = new Set([phase.number]);
  for (const candidate of phases) if (candidate.parent && numbers.has(candidate.parent)) numbers.add(candidate.number);
  return phases.filter((candidate) => numbers.has(candidate.number)).flatMap((candidate) => candidate.tasks);
}
