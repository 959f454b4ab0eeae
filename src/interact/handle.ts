// STUB — owned by the interaction helper (issue 8). Keep the exported names.
import type { Context } from 'probot';
export async function onIssueEdited(_context: Context<'issues'>): Promise<void> {}
export async function onIssueComment(_context: Context<'issue_comment'>): Promise<void> {}
export async function onCheckRunAction(_context: Context<'check_run'>): Promise<void> {}
