// GitHub announces a new branch twice (`create`, then `push` with `created: true`). Once this
// process has committed the skeleton to a branch (or found a plan there), the second announcement
// needs no request at all. Another replica, or a restart, still gets the create's 422 "exists".
import { LRUCache } from 'lru-cache';

/** The pair arrives within seconds; a branch deleted and created again after this gets its skeleton again. */
export const RECENT_BRANCH_TTL_MS = 5 * 60 * 1000;

const recent = new LRUCache<string, true>({ max: 10_000, ttl: RECENT_BRANCH_TTL_MS });

function key(owner: string, repo: string, branch: string): string {
  return `${owner}/${repo}`.toLowerCase() + `:${branch}`;
}

export function wasHandledRecently(owner: string, repo: string, branch: string): boolean {
  return recent.get(key(owner, repo, branch)) === true;
}

export function rememberHandled(owner: string, repo: string, branch: string): void {
  recent.set(key(owner, repo, branch), true);
}

/** Tests: start from nothing remembered. */
export function forgetHandledBranches(): void {
  recent.clear();
}
