// STUB — owned by the skeleton helper (issue 3). Keep the exported names.
import type { Context } from 'probot';
export async function onBranchCreated(_context: Context<'create'> | Context<'push'>): Promise<void> {}
