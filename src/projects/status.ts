// The one Status rule: no task ticked → Todo; some → In Progress; every task ticked, or the issue
// closed as completed → Done.
export type StatusKey = 'todo' | 'in_progress' | 'done';

export interface Progress {
  ticked: number;
  total: number;
  /** The card's issue is closed as completed. */
  closedCompleted: boolean;
}

export function statusOf(progress: Progress): StatusKey {
  if (progress.closedCompleted) return 'done';
  if (progress.total > 0 && progress.ticked === progress.total) return 'done';
  return progress.ticked > 0 ? 'in_progress' : 'todo';
}
