// The bodies of planbot's issues: rendered from the plan, and read back. A phase issue's body is
// its marker, the phase's Duration/Dependencies/source links, and its tasks as a GitHub task list;
// the tracking issue's body lists the phases with their progress and ends with the links record.
import { parsePlan } from '../plan/index.js';
import type { DesiredFeature, DesiredPhase, DesiredTask, DesiredTaskIssue, PhaseNote } from './desired.js';
import { inlineMarkdown, type InlineOptions } from './inline-markdown.js';
import { readMarker, renderMarker, replaceMarker, type PlanbotMarker } from './marker.js';
import { renderLinksRecord, type LinksRecord } from './links-record.js';
import { EMPTY_TASK_TEXT, taskKey } from './task-key.js';
import { blobUrl } from './web-links.js';
import { MAX_BODY_LENGTH } from './limits.js';
import { SUB_ISSUE_LIMIT } from '../plan/sub-issue-limits.js';

export { taskKey } from './task-key.js';
export type { PlanbotMarker } from './marker.js';

export interface IssueTask {
  key: string;
  id: string | null;
  text: string;
  checked: boolean;
}

export interface ParsedPlanbotIssue {
  marker: PlanbotMarker;
  tasks: IssueTask[];
}

/**
 * Reads a planbot issue body: the first-line marker and the task list, keyed the same way as the
 * plan's tasks. Null when the first line is not a marker. Whether to trust the marker (the issue
 * was created by planbot, not pasted by a person) is the caller's decision.
 */
export function parsePlanbotIssue(body: string): ParsedPlanbotIssue | null {
  const marker = readMarker(body);
  if (!marker) return null;
  const tasks = parsePlan(body, { kind: 'tasks' }).tasks.map((task) => ({
    key: taskKey(task),
    id: task.id,
    text: task.text,
    checked: task.checked,
  }));
  return { marker, tasks };
}

/**
 * The body with the marker's pending list set to `keys`: tasks ticked or unticked in the issue
 * whose change could not be committed to the plan yet. A sync keeps the issue's state for them.
 */
export function withPendingKeys(body: string, keys: string[]): string {
  return replaceMarker(body, (marker) => ({ ...marker, pending: keys }));
}

/** Where a dependency's issue is: its number, null while it is being created, undefined if not in the plan. */
export type DependencyIssue = (phaseKey: string) => number | null | undefined;

export interface PhaseBodyInput {
  feature: DesiredFeature;
  phase: DesiredPhase;
  /** The phase's tasks with the checked state the issue should show. */
  tasks: DesiredTask[];
  marker: PlanbotMarker;
  dependencyIssue: DependencyIssue;
  /** `issues.granularity: task`: each task's own issue, by its index in `tasks` (null while it does not exist). */
  taskIssue?: (index: number) => number | null;
}

export function renderPhaseBody(input: PhaseBodyInput): string {
  const { feature, phase, marker } = input;
  const options = inlineOptions(feature);
  const head = [
    renderMarker(marker),
    `**Phase ${inlineMarkdown(phase.number, options, MAX_NUMBER)}: ${inlineMarkdown(phase.name, options, MAX_NAME)}** of ${featureLink(feature)}`,
    '',
    `- **Duration**: ${phase.duration ? inlineMarkdown(phase.duration, options, MAX_NAME) : 'not given'}`,
    `- **Dependencies**: ${renderDependencies(input)}`,
    ...phase.lines.map(
      (line) => `- **Source**: [${inlineMarkdown(`${line.path}#L${line.line}`, options)}](${blobUrl(feature.repoUrl, feature.branch, line.path, line.line)})`,
    ),
    '',
    ...(phase.notes?.length ? ['### Sub-phases without tasks', '', ...noteLines(feature, phase.notes), ''] : []),
    '### Tasks',
    '',
  ];
  const foot = ['', '---', `<sub>${footnote(feature, phase)}</sub>`];
  if (input.tasks.length === 0) return [...head, '_No tasks in this phase yet._', ...foot].join('\n');
  // A task's own issue is named after its text; taskKey leaves that suffix out, so ticks here still match the plan.
  const link = (index: number) => {
    const number = input.taskIssue?.(index);
    return number ? ` · #${number}` : '';
  };
  const lines = input.tasks.map((task, index) => `${'  '.repeat(task.depth)}- [${task.checked ? 'x' : ' '}] ${taskText(task.text, options)}${link(index)}`);
  return fitToLimit(head, lines, foot, (left) => `- … ${left} more ${left === 1 ? 'task' : 'tasks'}: see the plan`);
}

function renderDependencies({ phase, dependencyIssue, feature }: PhaseBodyInput): string {
  if (phase.dependencies.length === 0) return 'none';
  const byKey = new Map(feature.phases.map((other) => [other.key, other]));
  return phase.dependencies
    .map((key) => {
      const other = byKey.get(key);
      const number = dependencyIssue(key);
      if (!other) return `Phase ${inlineMarkdown(key, inlineOptions(feature), MAX_NUMBER)} (${feature.writtenPhases.has(key) ? 'no issue' : 'not in the plan'})`;
      const name = inlineMarkdown(other.number, inlineOptions(feature), MAX_NUMBER);
      return number ? `Phase ${name} (#${number})` : `Phase ${name}`;
    })
    .join(', ');
}

function footnote(feature: DesiredFeature, phase: DesiredPhase): string {
  const file = phase.source === 'tasks' ? 'tasks.md' : 'plan.md';
  const back = feature.syncBack
    ? `ticking a box here ticks it in ${file}`
    : `ticks made here are replaced by ${file}'s on the next sync`;
  return `planbot keeps this issue in step with ${file}: edit task text there; ${back}.`;
}

export interface TaskBodyInput {
  feature: DesiredFeature;
  phase: DesiredPhase;
  issue: DesiredTaskIssue;
  marker: PlanbotMarker;
}

/** A task's own issue (`issues.granularity: task`): its text, story, `[P]`, and where it is written. Its state is the tick. */
export function renderTaskBody(input: TaskBodyInput): string {
  const { feature, phase, issue } = input;
  const options = inlineOptions(feature);
  const file = issue.source === 'tasks' ? 'tasks.md' : 'plan.md';
  const stories = issue.labels.filter((label) => /^US\d+$/.test(label));
  const parallel = (issue.task.markers ?? []).some((marker) => marker.toUpperCase() === 'P');
  const back = feature.syncBack
    ? `closing it as completed ticks the task in ${file}, reopening it unticks it`
    : `its open or closed state follows ${file} on the next sync`;
  return [
    renderMarker(input.marker),
    `${taskText(issue.task.text, options)}`,
    '',
    `- **Phase**: Phase ${inlineMarkdown(phase.number, options, MAX_NUMBER)}: ${inlineMarkdown(phase.name, options, MAX_NAME)} of ${featureLink(feature)}`,
    ...(stories.length ? [`- **Story**: ${stories.join(', ')}`] : []),
    ...(parallel ? ['- **Parallel**: yes (`[P]`)'] : []),
    `- **Source**: [${inlineMarkdown(`${issue.line.path}#L${issue.line.line}`, options)}](${blobUrl(feature.repoUrl, feature.branch, issue.line.path, issue.line.line)})`,
    '',
    '---',
    `<sub>planbot keeps this issue in step with ${file}: edit the task there; ${back}.</sub>`,
  ].join('\n');
}

export interface TrackingRow {
  phase: DesiredPhase;
  /** null when the issue does not exist yet (dry run). */
  issueNumber: number | null;
  state: 'open' | 'closed';
  stateReason: string | null;
  done: number;
  total: number;
}

export interface TrackingBodyInput {
  feature: DesiredFeature;
  marker: PlanbotMarker;
  rows: TrackingRow[];
  record: LinksRecord;
}

export function renderTrackingBody(input: TrackingBodyInput): string {
  const { feature, rows, record } = input;
  const options = inlineOptions(feature);
  const closed = rows.filter((row) => row.state === 'closed').length;
  const tasksDone = rows.reduce((sum, row) => sum + row.done, 0);
  const tasksTotal = rows.reduce((sum, row) => sum + row.total, 0);
  const planLink = blobUrl(feature.repoUrl, feature.branch, feature.planPath);
  const head = [
    renderMarker(input.marker),
    `Implementation plan for ${featureLink(feature)}: [${inlineMarkdown(feature.planPath, options)}](${planLink}) on \`${feature.branch.replace(/`/g, '')}\``,
    '',
    `**Progress**: ${closed} of ${rows.length} ${rows.length === 1 ? 'phase' : 'phases'} done · ${tasksDone} of ${tasksTotal} tasks done`,
    '',
  ];
  const notes: string[] = [];
  if (rows.length === 0) notes.push('_The plan has no phases._');
  if (feature.notes?.length) notes.push('**Phases without tasks** (no issue of their own):', '', ...noteLines(feature, feature.notes));
  if (rows.length > SUB_ISSUE_LIMIT && !record.unsupported.includes('sub_issues')) {
    notes.push(`> GitHub allows ${SUB_ISSUE_LIMIT} sub-issues per issue: the phases after the ${SUB_ISSUE_LIMIT}th are listed here but not linked as sub-issues.`);
  }
  if (record.unsupported.includes('sub_issues')) notes.push('> Sub-issues are not available in this repository: the phase issues are linked from this list.');
  if (record.unsupported.includes('dependencies')) notes.push('> Issue dependencies are not available in this repository: each phase issue links the issues it depends on.');
  const foot = [...(notes.length ? ['', ...notes] : []), '', '---', '<sub>planbot keeps this issue in step with the plan; edits here are replaced on the next sync.</sub>', renderLinksRecord(record)];
  const lines = rows.map((row) => {
    const issue = row.issueNumber ? `#${row.issueNumber}` : '(new issue)';
    const tasks = row.total === 0 ? 'no tasks' : `${row.done}/${row.total} tasks`;
    return `- ${statusSymbol(row)} ${issue} **Phase ${inlineMarkdown(row.phase.number, options, MAX_NUMBER)}: ${inlineMarkdown(row.phase.name, options, MAX_NAME)}** · ${tasks}`;
  });
  return fitToLimit(head, lines, foot, (left) => `- … ${left} more ${left === 1 ? 'phase' : 'phases'}: see the plan`);
}

function statusSymbol(row: TrackingRow): string {
  if (row.state === 'closed') return row.stateReason === 'not_planned' ? '⛔' : '✅';
  if (row.total > 0 && row.done === row.total) return '☑️';
  return row.done > 0 ? '🟡' : '⬜';
}

// Caps on each piece of plan text in a body, so no single piece (a 100,000-character heading) can
// push the body past GitHub's 65,536 characters: a body over it is refused for good (422).
const MAX_NUMBER = 100;
const MAX_NAME = 1_000;
const MAX_TASK = 2_000;

/** A task's text; one that shows nothing (only an HTML comment in the plan) still gets words. */
function taskText(text: string, options: InlineOptions): string {
  const shown = inlineMarkdown(text, options, MAX_TASK);
  return shown === '' ? EMPTY_TASK_TEXT : shown;
}

/** Phases without tasks, one line each, linked to where they are written. */
function noteLines(feature: DesiredFeature, notes: PhaseNote[]): string[] {
  const options = inlineOptions(feature);
  return notes.map(
    (note) =>
      `- **${inlineMarkdown(note.number, options, MAX_NUMBER)}** ${inlineMarkdown(note.name, options, MAX_NAME)} · ` +
      `[${inlineMarkdown(`${note.line.path}#L${note.line.line}`, options)}](${blobUrl(feature.repoUrl, feature.branch, note.line.path, note.line.line)})`,
  );
}

function featureLink(feature: DesiredFeature): string {
  return `\`${feature.feature.replace(/`/g, '')}\``;
}

function inlineOptions(feature: DesiredFeature): InlineOptions {
  return { allowMentions: feature.allowMentions };
}

/** Joins the parts; when too long for GitHub, keeps as many list lines as fit and says how many are left out. */
function fitToLimit(head: string[], lines: string[], foot: string[], more: (left: number) => string): string {
  const join = (count: number) =>
    [...head, ...lines.slice(0, count), ...(count < lines.length ? [more(lines.length - count)] : []), ...foot].join('\n');
  const full = join(lines.length);
  if (full.length <= MAX_BODY_LENGTH) return full;
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (join(mid).length <= MAX_BODY_LENGTH) low = mid;
    else high = mid - 1;
  }
  return join(low);
}
