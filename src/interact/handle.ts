// What people do on GitHub that planbot answers: ticks in phase issues (issue → plan), slash
// commands in comments, and the buttons on the `planbot / plan` check run. Thin: one module each.
import type { Context } from 'probot';
import { syncBackIssueEdit } from './sync-back.js';
import { syncBackTaskState } from './task-state.js';
import { runCommentCommands } from './run-commands.js';
import { runCheckRunAction } from './check-run-action.js';

export async function onIssueEdited(context: Context<'issues'>): Promise<void> {
  await syncBackIssueEdit(context);
}

/** A task's own issue closed or reopened (issues.granularity: task): its tick goes to the plan. */
export async function onIssueStateChanged(context: Context<'issues'>): Promise<void> {
  await syncBackTaskState(context);
}

export async function onIssueComment(context: Context<'issue_comment'>): Promise<void> {
  await runCommentCommands(context);
}

export async function onCheckRunAction(context: Context<'check_run'>): Promise<void> {
  await runCheckRunAction(context);
}
