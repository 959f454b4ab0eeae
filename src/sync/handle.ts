// STUB — owned by the issue-sync helper (issue 5). Keep the exported names.
import type { Context } from 'probot';
export async function onPullRequest(_context: Context<'pull_request'>): Promise<void> {}
export async function onPush(_context: Context<'push'>): Promise<void> {}
