// Whether a phase is done, from its tasks' boxes: the one rule for the issue sync (it closes a phase
// issue when the phase is done and reopens it when it is not) and for every progress count. Pure.

interface Tick {
  checked: boolean;
}

/** Tasks ticked. */
export function doneCount(tasks: readonly Tick[]): number {
  return tasks.filter((task) => task.checked).length;
}

/** Done when it has tasks and every one is ticked: a phase without tasks has nothing done yet. */
export function isPhaseDone(tasks: readonly Tick[]): boolean {
  return tasks.length > 0 && doneCount(tasks) === tasks.length;
}
