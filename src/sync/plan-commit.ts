// The issue → plan half of a two-way sync: the checkbox states the three-way merge took from the
// issues, written into plan.md (or tasks.md) in one commit per file. The commit names the blob it
// replaces, so a concurrent change to the file is never overwritten: GitHub answers 409/422 and
// the reconciler reads again and merges again.
import type { GitHub, RepoCoordinates } from '../github/github.js';
import { applyCheckboxStates } from '../plan/checkbox-edit.js';
import { parsePlan, type PlanModel } from '../plan/index.js';
import { classifyWriteFailure } from '../github/write-refusal.js';
import type { PlanEdit } from './actions.js';
import { taskKey } from './task-key.js';

export interface EditedFile {
  path: string;
  kind: 'plan' | 'tasks';
  content: string;
  /** The blob the content was read from. */
  sha: string;
  edits: PlanEdit[];
  /** The content's parse (from the worker threads, for large plans): ticking boxes moves no line, so one parse serves every edit. */
  model?: PlanModel;
}

export interface ChangedTask {
  issueNumber: number;
  checked: boolean;
  text: string;
}

export type PlanCommitOutcome =
  | { kind: 'committed'; path: string; content: string; sha: string; changed: ChangedTask[] }
  /** Nothing to change: the file already has every wanted state. */
  | { kind: 'unchanged' }
  /** Someone committed to the file since it was read: read again, merge again. */
  | { kind: 'conflict' }
  /** Final: protection, rules or permissions. */
  | { kind: 'refused'; reason: string };

/** The file with the edits applied, and which tasks changed. Pure. */
export function editedContent(file: EditedFile): { content: string; changed: ChangedTask[] } {
  let content = file.content;
  const changed: ChangedTask[] = [];
  const model = file.model ?? parsePlan(content, { kind: file.kind });
  for (const edit of file.edits) {
    const result = applyCheckboxStates(content, edit.wanted, { keyOf: taskKey, kind: file.kind, phase: edit.phase.number }, model);
    content = result.content;
    const texts = new Map(occurrenceKeys(edit).map((key, index) => [key, edit.phase.tasks[index].text]));
    for (const key of result.changed) changed.push({ issueNumber: edit.issueNumber, checked: edit.wanted.get(key) as boolean, text: texts.get(key) ?? key });
  }
  return { content, changed };
}

function occurrenceKeys(edit: PlanEdit): string[] {
  const counts = new Map<string, number>();
  return edit.phase.tasks.map((task) => {
    const count = (counts.get(task.key) ?? 0) + 1;
    counts.set(task.key, count);
    return count === 1 ? task.key : `${task.key}#${count}`;
  });
}

/** One write (plus one read after a 409/422, to tell a concurrent change from a refusal). Throws on transient failures. */
export async function commitPlanEdits(
  github: GitHub,
  where: RepoCoordinates,
  branch: string,
  file: EditedFile,
  message: (changed: ChangedTask[]) => string,
): Promise<PlanCommitOutcome> {
  const { content, changed } = editedContent(file);
  if (changed.length === 0) return { kind: 'unchanged' };
  try {
    const written = await github.writeFile(where, { path: file.path, branch, content, message: message(changed), sha: file.sha });
    return { kind: 'committed', path: file.path, content, sha: written.blobSha, changed };
  } catch (error) {
    const failure = classifyWriteFailure(error);
    if (failure.kind !== 'refused') throw error;
    const refused = { kind: 'refused' as const, reason: `GitHub answered ${failure.status}: ${failure.reason}` };
    if (failure.status !== 409 && failure.status !== 422) return refused;
    // A stale blob and a protection rule both answer 409/422: only a changed file means a conflict.
    const fresh = await github.readFile(where, file.path, branch);
    return fresh && fresh.sha !== file.sha ? { kind: 'conflict' } : refused;
  }
}
