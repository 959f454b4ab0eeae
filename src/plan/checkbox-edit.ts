// Applies checkbox states to a plan's markdown source by task identity, touching nothing else.
// Pure. Tasks are found by the plan engine (so a `- [ ]` inside a code fence is never a task), matched
// by key (id or normalised text, as the caller's keyOf says) rather than by line number, and only the
// one character inside the box changes: line endings, indentation, text and the other boxes stay as written.
import { canonicalPhaseNumber, parsePlan } from './index.js';
import type { PlanModel, Task } from './model.js';

export interface CheckboxEditOptions {
  /** Task identity: the same function that keyed the tasks on the other side (the issue). */
  keyOf: (task: Task) => string;
  /** How the plan engine reads the file: `plan` (default) or spec-kit `tasks`. */
  kind?: 'plan' | 'tasks';
  /** Match only the tasks of this phase (`01` and `1` are one phase); default: every task in the file. */
  phase?: string | null;
}

export interface CheckboxEditResult {
  /** The new source; identical to the input when nothing changed. */
  content: string;
  /** Keys whose box was flipped. */
  changed: string[];
  /** Keys already in the wanted state. */
  unchanged: string[];
  /** Keys no task has (the task was renamed or removed meanwhile), or whose box could not be located. */
  missing: string[];
}

/**
 * Gives repeated keys an occurrence suffix (`k`, `k#2`, `k#3`…) so that two tasks with the same text
 * are told apart by their order. Apply it to both sides of a comparison.
 */
export function withOccurrences(keys: readonly string[]): string[] {
  const counts = new Map<string, number>();
  return keys.map((key) => {
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    return count === 1 ? key : `${key}#${count}`;
  });
}

/** The tasks a checkbox edit can reach (one phase's, or all), keyed with occurrences. */
export function keyedTasks(tasks: readonly Task[], options: CheckboxEditOptions): Map<string, Task> {
  const keys = withOccurrences(tasks.map(options.keyOf));
  return new Map(keys.map((key, index) => [key, tasks[index]]));
}

function reachableTasks(all: Task[], phases: Array<{ number: string; tasks: Task[] }>, phase?: string | null): Task[] {
  if (phase == null) return all;
  const wanted = canonicalPhaseNumber(phase);
  return phases.find((candidate) => canonicalPhaseNumber(candidate.number) === wanted)?.tasks ?? [];
}

/** The list marker and box at the start of a task's first line (blockquote prefixes allowed). */
const BOX = /^((?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[([ xX])\]/;

/**
 * Sets each wanted key's box to the wanted state. Ticks use the file's own style (see tickStyle).
 * `parsed` is the source's model (kind `options.kind`) when the caller already has it, e.g. from
 * the parallel parser; otherwise the source is parsed here.
 */
export function applyCheckboxStates(
  source: string,
  wanted: ReadonlyMap<string, boolean>,
  options: CheckboxEditOptions,
  parsed?: PlanModel,
): CheckboxEditResult {
  const result: CheckboxEditResult = { content: source, changed: [], unchanged: [], missing: [] };
  if (wanted.size === 0) return result;
  const kind = options.kind ?? 'plan';
  const model = parsed ?? parsePlan(source, { kind });
  const tasks = keyedTasks(reachableTasks(model.tasks, model.phases, options.phase), options);
  const lineStarts = lineStartOffsets(source);
  const tick = tickStyle(model.tasks.map((task) => boxAt(source, lineStarts, task.line)?.mark), kind);
  // Offset of each box character to rewrite; edits never overlap (one box per line).
  const edits: Array<{ offset: number; mark: string }> = [];
  for (const [key, checked] of wanted) {
    const task = tasks.get(key);
    const box = task ? boxAt(source, lineStarts, task.line) : null;
    if (!task || !box) {
      result.missing.push(key);
    } else if (box.checked === checked) {
      result.unchanged.push(key);
    } else {
      edits.push({ offset: box.offset, mark: checked ? tick : ' ' });
      result.changed.push(key);
    }
  }
  edits.sort((a, b) => a.offset - b.offset);
  let content = '';
  let from = 0;
  for (const edit of edits) {
    content += source.slice(from, edit.offset) + edit.mark;
    from = edit.offset + 1;
  }
  result.content = content + source.slice(from);
  return result;
}

/** Start offset of every line; CRLF, CR and LF all end a line, as they do for the parser. */
function lineStartOffsets(source: string): number[] {
  const starts = [0];
  for (const match of source.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

interface Box {
  /** Offset of the character between the brackets. */
  offset: number;
  mark: string;
  checked: boolean;
}

/** The box on a task's first line, or null when that line does not start with one. */
function boxAt(source: string, lineStarts: number[], line: number): Box | null {
  const start = lineStarts[line - 1];
  if (start === undefined) return null;
  const end = lineStarts[line] ?? source.length;
  const match = BOX.exec(source.slice(start, end));
  if (!match) return null;
  return { offset: start + match[1].length + 1, mark: match[2], checked: match[2] !== ' ' };
}

/** Upper case when most ticked boxes use it; on a tie, spec-kit's `X` in tasks.md and `x` elsewhere. */
function tickStyle(marks: Array<string | undefined>, kind: 'plan' | 'tasks'): 'x' | 'X' {
  const upper = marks.filter((mark) => mark === 'X').length;
  const lower = marks.filter((mark) => mark === 'x').length;
  if (upper === lower) return kind === 'tasks' ? 'X' : 'x';
  return upper > lower ? 'X' : 'x';
}
