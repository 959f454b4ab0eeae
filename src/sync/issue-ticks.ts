// Issue → plan: a person ticks or unticks a task in a planbot phase issue, and planbot commits the
// same change to plan.md (or tasks.md). The edit only starts the sync: the reconciler reads the plan
// and the issues as they are now and merges them against the last synced state (src/sync/three-way.ts),
// so a late, repeated or out-of-order delivery cannot undo a newer change. Task text lives in the plan.
import type { JobOf } from '../job/job.js';
import { parsePlan } from '../plan/index.js';
import { withOccurrences } from '../plan/checkbox-edit.js';
import { parsePlanbotIssue, taskKey, type IssueTask } from './issue-body.js';
import { syncIssueChangeToPlan } from './issues-to-plan.js';

/** Keyed with occurrences, so two tasks with the same text stay two tasks. */
function keyedStates(tasks: IssueTask[]): Map<string, IssueTask> {
  const keys = withOccurrences(tasks.map((task) => task.key));
  return new Map(keys.map((key, index) => [key, tasks[index]]));
}

/** Tasks present before and after the edit whose box changed. A task whose text changed is another key: ignored. */
export function checkboxFlips(before: IssueTask[], after: IssueTask[]): Map<string, boolean> {
  const previous = keyedStates(before);
  const flips = new Map<string, boolean>();
  for (const [key, task] of keyedStates(after)) {
    const was = previous.get(key);
    if (was && was.checked !== task.checked) flips.set(key, task.checked);
  }
  return flips;
}

/** `issues.edited`: the person's ticks go to the plan. */
export async function onIssueEdited(job: JobOf<'issues'>): Promise<void> {
  const { issue, changes } = job.payload as JobOf<'issues'>['payload'] & { changes?: { body?: { from?: string } } };
  const before = changes?.body?.from;
  // Pure checks first: an edit that changes no box, no task and no marker costs no request.
  if (typeof before !== 'string' || !issue.body || before === issue.body) return;
  const previous = parsePlanbotIssue(before);
  const after = parsePlanbotIssue(issue.body);
  // The marker planbot wrote (the body before the edit) names the issue even when the edit removed or changed it.
  const marker = previous?.marker ?? after?.marker;
  // A task's own issue (issues.granularity: task) carries its tick in its state: see task-issue-state.ts.
  if (!marker || marker.tracking || marker.phase === null || marker.task) return;
  const markerEdited = firstLine(before) !== firstLine(issue.body);
  const afterTasks = after?.tasks ?? issueTasks(issue.body);
  if (!markerEdited && sameTasks(previous?.tasks ?? [], afterTasks)) return;
  const log = job.log.child({ feature: marker.feature, issue: issue.number, phase: marker.phase });
  const flips = checkboxFlips(previous?.tasks ?? [], afterTasks);
  await syncIssueChangeToPlan(job, {
    marker,
    log,
    before,
    after: issue.body,
    what: 'tick',
    refusedKeys: [...new Set([...flips.keys()].map((key) => key.replace(/#\d+$/, '')))],
  });
}

function firstLine(body: string): string {
  return body.split('\n', 1)[0].replace(/\r$/, '');
}

function issueTasks(body: string): IssueTask[] {
  return parsePlan(body, { kind: 'tasks' }).tasks.map((task) => ({ key: taskKey(task), id: task.id, text: task.text, checked: task.checked }));
}

function sameTasks(a: IssueTask[], b: IssueTask[]): boolean {
  return a.length === b.length && a.every((task, index) => task.key === b[index].key && task.checked === b[index].checked);
}
