// Issue-sync reconcile cost: computing the desired issues from a plan and diffing them with what
// exists, for plans of 10 to 500 phases (8 tasks each). "first" diffs against no issues (every
// issue is created); "steady" diffs against issues that already match (zero actions), which is
// what most syncs are: it parses every issue body and renders every desired one.
import { performance } from 'node:perf_hooks';
import { defaultConfig } from '../../src/config/schema.js';
import { parsePlan } from '../../src/plan/index.js';
import { noIssues, type ActualFeature } from '../../src/sync/actual.js';
import { buildDesired, type DesiredFeature } from '../../src/sync/desired.js';
import { readLinksRecord } from '../../src/sync/links-record.js';
import { readMarker } from '../../src/sync/marker.js';
import { planActions, type IssueRef, type SyncPlan } from '../../src/sync/plan-actions.js';
import { renderBody } from '../../src/sync/body-spec.js';

export interface SyncBenchRow {
  phases: number;
  tasks: number;
  /** Parsing the plan alone: the part of each figure below that the checks pay too. */
  parseMedianMs: number;
  firstActions: number;
  firstMedianMs: number;
  steadyActions: number;
  steadyMedianMs: number;
}

export interface SyncBenchResult {
  name: 'sync';
  runs: number;
  rows: SyncBenchRow[];
}

const SIZES = [10, 100, 500];
const RUNS = 7;

function plan(phases: number): string {
  const blocks = Array.from({ length: phases }, (_, n) =>
    [
      `### Phase ${n}: Workstream ${n}`,
      `**Duration**: ${1 + (n % 5)} days`,
      n === 0 ? '**Dependencies**: None' : `**Dependencies**: Phase ${n - 1}`,
      '',
      ...Array.from({ length: 8 }, (_, t) => `- [${(n + t) % 3 === 0 ? 'x' : ' '}] T${String(n * 8 + t + 1).padStart(4, '0')} [P] Implement part ${t + 1} of phase ${n}`),
      '',
    ].join('\n'),
  );
  return `# Plan\n\n## Implementation Phases\n\n${blocks.join('\n')}`;
}

function desiredOf(markdown: string): DesiredFeature {
  return buildDesired({
    owner: 'acme',
    repo: 'web',
    feature: '001-bench',
    planPath: 'specs/001-bench/plan.md',
    defaultPlanPath: 'specs/001-bench/plan.md',
    branch: '001-bench',
    repoUrl: 'https://github.com/acme/web',
    plan: parsePlan(markdown),
    tasks: null,
    tasksPath: null,
    issues: defaultConfig().issues,
    author: 'octocat',
  });
}

/** The issues a first sync creates, as a later sync reads them back. */
function existingAfter(plan: SyncPlan): ActualFeature {
  const actions = plan.actions;
  const actual = noIssues();
  const numbers = new Map<IssueRef, number>();
  for (const action of actions) if (action.type === 'create-issue') numbers.set(action.ref, numbers.size + 1);
  const resolve = (ref: IssueRef) => (numbers.has(ref) ? { number: numbers.get(ref)!, id: numbers.get(ref)! } : null);
  for (const action of actions) {
    if (action.type !== 'create-issue') continue;
    const number = numbers.get(action.ref)!;
    const body = renderBody(action.body, plan, resolve);
    const issue = { id: number, number, title: action.title, body, state: 'open' as const, stateReason: null, labels: action.labels, htmlUrl: '', byBot: true, marker: readMarker(body)! };
    if (action.ref === 'tracking') actual.tracking = issue;
    else actual.phases.set(action.ref.slice('phase:'.length), issue);
  }
  for (const action of actions) if (action.type === 'add-sub-issue') actual.children.add(numbers.get(action.child)!);
  actual.record = readLinksRecord(actual.tracking?.body);
  for (const [issue, blocker] of actual.record?.blockedBy ?? []) actual.blockedBy.set(issue, new Set([...(actual.blockedBy.get(issue) ?? []), blocker]));
  return actual;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

export function runSyncBench(): SyncBenchResult {
  const rows = SIZES.map((phases) => {
    const markdown = plan(phases);
    const first = planActions(desiredOf(markdown), noIssues());
    const existing = existingAfter(first);
    const steady = planActions(desiredOf(markdown), existing);
    return {
      phases,
      tasks: phases * 8,
      parseMedianMs: median(Array.from({ length: RUNS }, () => time(() => parsePlan(markdown)))),
      firstActions: first.actions.length,
      firstMedianMs: median(Array.from({ length: RUNS }, () => time(() => planActions(desiredOf(markdown), noIssues())))),
      steadyActions: steady.actions.length,
      steadyMedianMs: median(Array.from({ length: RUNS }, () => time(() => planActions(desiredOf(markdown), existing)))),
    };
  });
  return { name: 'sync', runs: RUNS, rows };
}

export function formatSyncBench(result: SyncBenchResult): string {
  const lines = [
    `Issue sync reconcile (parse plan + desired issues + diff), median of ${result.runs} runs, ms`,
    'phases  tasks  parse only  first: actions      ms  steady: actions      ms',
  ];
  for (const row of result.rows) {
    lines.push(
      `${String(row.phases).padStart(6)}  ${String(row.tasks).padStart(5)}  ${row.parseMedianMs.toFixed(1).padStart(10)}  ${String(row.firstActions).padStart(14)}  ${row.firstMedianMs.toFixed(1).padStart(6)}  ${String(row.steadyActions).padStart(15)}  ${row.steadyMedianMs.toFixed(1).padStart(6)}`,
    );
  }
  return lines.join('\n');
}
