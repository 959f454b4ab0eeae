// How a task in an issue is matched to a task in plan.md/tasks.md, on both sides of the sync:
// its id (`T001`) when it has one, else its text normalised so that formatting, markers, a
// neutralised mention or a trailing ✅ do not change which task it is.

export interface KeyedTask {
  id: string | null;
  text: string;
}

export function taskKey(task: KeyedTask): string {
  if (task.id) return task.id.toUpperCase();
  return normaliseTaskText(task.text);
}

/** What an issue shows for a task whose plan text renders as nothing (e.g. only an HTML comment). */
export const EMPTY_TASK_TEXT = '_(no text: this task is only a comment in the plan)_';
const EMPTY_TASK_KEY = '(no text: this task is only a comment in the plan)';

export function normaliseTaskText(text: string): string {
  const key = normaliseText(text);
  // The placeholder reads back as the empty text it stands for, so both sides key it the same.
  return key === EMPTY_TASK_KEY ? '' : key;
}

function normaliseText(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*_[\]~$])/g, '$1')
    .replace(/[`*_~]/g, '')
    .replace(/^\s*(?:\[[^[\]\s]{1,24}\]\s*)+/u, '')
    .replace(/(?:\s*(?:✅|✔️|✔|☑️|☑))+\s*$/u, '')
    // A phase issue names each task's own issue after it (` · #23`, issues.granularity: task): not part of the task.
    .replace(/(?:\s+·\s+#\d+)+\s*$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
