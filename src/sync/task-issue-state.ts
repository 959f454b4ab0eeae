// Issue → plan for a task's own issue (`issues.granularity: task`): closing it as completed ticks the
// task in tasks.md (or plan.md), reopening it unticks it. The event only starts the sync: the same
// reconciler as for ticks in phase issues merges the issue's state with the plan against the base
// in the issue's marker (src/sync/task-issues.ts), commits the plan, then brings the issues in line.
import type { JobOf } from '../job/job.js';
import { readMarker } from './marker.js';
import { syncIssueChangeToPlan } from './issues-to-plan.js';

/** `issues.closed` / `issues.reopened` of a task's own issue: its tick goes to the plan. */
export async function onIssueStateChanged(job: JobOf<'issues'>): Promise<void> {
  const { issue, action } = job.payload as JobOf<'issues'>['payload'] & { action: string };
  // Pure checks first: a phase issue, the tracking issue or any other issue costs no request.
  const marker = readMarker(issue.body);
  if (!marker || marker.tracking || !marker.task || marker.phase === null) return;
  // Closed as not planned says nothing about the task's box.
  if (action === 'closed' && (issue as { state_reason?: string | null }).state_reason === 'not_planned') return;
  const log = job.log.child({ feature: marker.feature, issue: issue.number, task: marker.task });
  const body = issue.body ?? '';
  await syncIssueChangeToPlan(job, {
    marker,
    log,
    before: body,
    after: body,
    what: 'task state',
    refusedKeys: [marker.task.replace(/#\d+$/, '')],
  });
}
