// What people say to planbot: slash commands in comments and the buttons on the `planbot / plan`
// check run. (Ticks and states changed in planbot's issues are the sync's: src/sync/issue-ticks.ts,
// src/sync/task-issue-state.ts.) Thin: one module each.
import type { JobOf } from '../job/job.js';
import { runCommentCommands } from './run-commands.js';
import { runCheckRunAction } from './check-run-action.js';

export async function onIssueComment(job: JobOf<'issue_comment'>): Promise<void> {
  await runCommentCommands(job);
}

export async function onCheckRunAction(job: JobOf<'check_run'>): Promise<void> {
  await runCheckRunAction(job);
}
