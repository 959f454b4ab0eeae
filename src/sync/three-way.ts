// One rule for a task's checkbox, whichever side changed it: a three-way merge of the plan's state,
// the issue's state and the base — the state planbot last synced to both, kept in the issue's
// marker (`base=`). A side that differs from the base changed; its state wins. Checkboxes are
// booleans, so when both sides changed they agree. Pure: the reconciler turns the result into writes.
import { withOccurrences } from '../plan/checkbox-edit.js';
import { parsePlan } from '../plan/index.js';
import type { DesiredTask } from './desired.js';
import { baseHash } from './marker.js';
import { taskKey } from './task-key.js';

export interface TaskState {
  key: string;
  checked: boolean;
  /** The text as written (for messages); the key is what matches. */
  text?: string;
}

export interface ThreeWayInput {
  /** The phase's tasks in the plan, in plan order. */
  plan: DesiredTask[];
  /** The issue's tasks as the issue shows them now. */
  issue: TaskState[];
  /** The marker's base; null when the issue has none (written before planbot recorded one). */
  base: Map<string, boolean> | null;
  /** The issue's tasks before the edit being handled (`changes.body.from`): the base where the marker has none. */
  before?: TaskState[] | null;
  /** Task keys a refused write left pending: without a base, the issue's state wins for them. */
  pending?: string[];
  /** `issues.sync_back`: off, the plan always wins and nothing flows to the plan. */
  syncBack: boolean;
}

export interface ThreeWayResult {
  /** The plan's tasks with the merged states: what plan and issue must both show. */
  tasks: DesiredTask[];
  /** Occurrence keys (see withOccurrences) whose merged state the plan does not have yet. */
  toPlan: Map<string, boolean>;
  /** The base to record with the issue: merged states, except the plan's for tasks still on their way to it. */
  base: Map<string, boolean>;
  /** Whether every task was done at the base: close and reopen are edge-triggered on it. */
  wasComplete: boolean;
}

/** A phase issue body's tasks, keyed as the plan's are (the plan engine reads both). */
export function issueTaskStates(body: string): TaskState[] {
  return parsePlan(body, { kind: 'tasks' }).tasks.map((task) => ({ key: taskKey(task), checked: task.checked, text: task.text }));
}

/** States by occurrence key, so two tasks with the same text stay two tasks. */
export function byOccurrence(tasks: TaskState[]): Map<string, boolean> {
  const keys = withOccurrences(tasks.map((task) => task.key));
  return new Map(keys.map((key, index) => [key, tasks[index].checked]));
}

/** The base that records `tasks` as synced (the steady state: plan and issue agree). */
export function baseOf(tasks: TaskState[]): Map<string, boolean> {
  return new Map([...byOccurrence(tasks)].map(([key, checked]) => [baseHash(key), checked]));
}

export function threeWay(input: ThreeWayInput): ThreeWayResult {
  const keys = withOccurrences(input.plan.map((task) => task.key));
  const issue = byOccurrence(input.issue);
  const before = input.before ? byOccurrence(input.before) : null;
  const pending = new Set(input.pending ?? []);
  const toPlan = new Map<string, boolean>();
  const base = new Map<string, boolean>();
  let wasComplete = input.plan.length > 0;
  const tasks = input.plan.map((task, index) => {
    const key = keys[index];
    const hash = baseHash(key);
    const plan = task.checked;
    const shown = issue.get(key);
    let was = input.base ? input.base.get(hash) : before?.get(key);
    if (was === undefined && !input.base && pending.has(task.key) && shown !== undefined) was = plan;
    let merged = plan;
    // Only a side that moved away from the base changed; a task new to either side takes the plan's state.
    if (input.syncBack && shown !== undefined && was !== undefined && shown !== was && plan === was) merged = shown;
    if (merged !== plan) toPlan.set(key, merged);
    base.set(hash, merged !== plan ? plan : merged);
    if (!(was ?? shown ?? plan)) wasComplete = false;
    return merged === plan ? task : { ...task, checked: merged };
  });
  return { tasks, toPlan, base, wasComplete };
}
