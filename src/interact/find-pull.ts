// Finding the pull request a command or a button is about, at the lowest request cost.
import type { Context } from 'probot';
import { pullNumberFromExternalId } from '../checks/actions.js';

type ApiContext = Pick<Context, 'octokit' | 'repo'>;

/**
 * Open pull requests whose head is `branch` in this repository (normally one).
 * 1 request: GET /repos/{o}/{r}/pulls?head={owner}:{branch}&state=open.
 */
export async function openPullsForBranch(context: ApiContext, branch: string): Promise<number[]> {
  const { owner } = context.repo();
  const { data } = await context.octokit.rest.pulls.list(
    context.repo({ head: `${owner}:${branch}`, state: 'open' as const, per_page: 10 }),
  );
  return data.map((pull) => pull.number);
}

export interface CheckRunRef {
  head_sha: string;
  external_id?: string | null;
  pull_requests?: Array<{ number: number }> | null;
}

/**
 * The pull request a check run belongs to. `pull_requests` is empty for forks; planbot's own check
 * runs carry the number in `external_id` (0 requests); otherwise the open pull request whose head
 * is the check run's commit (1 request: GET /repos/{o}/{r}/commits/{sha}/pulls).
 */
export async function pullForCheckRun(context: ApiContext, checkRun: CheckRunRef): Promise<number | null> {
  const listed = checkRun.pull_requests?.[0]?.number;
  if (listed) return listed;
  const fromExternalId = pullNumberFromExternalId(checkRun.external_id);
  if (fromExternalId) return fromExternalId;
  const { data } = await context.octokit.rest.repos.listPullRequestsAssociatedWithCommit(
    context.repo({ commit_sha: checkRun.head_sha, per_page: 10 }),
  );
  return data.find((pull) => pull.state === 'open' && pull.head.sha === checkRun.head_sha)?.number ?? null;
}
