// STUB — owned by the checks helper (issue 4). Keep the exported names.
import type { Context } from 'probot';
export async function onPullRequest(_context: Context<'pull_request'>): Promise<void> {}
export async function onReview(_context: Context<'pull_request_review'>): Promise<void> {}
export async function onRerequested(_context: Context<'check_run'> | Context<'check_suite'>): Promise<void> {}
export async function onExternalCheck(_context: Context<'check_run'> | Context<'status'>): Promise<void> {}
export async function onMergeGroup(_context: Context<'merge_group'>): Promise<void> {}
