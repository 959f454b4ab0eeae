// Finding the pull request a command or a button is about, at the lowest request cost.
import type { GitHub, RepoCoordinates } from '../github/github.js';
import { pullNumberFromExternalId } from '../checks/actions.js';

/**
 * Open pull requests whose head is `branch` in this repository (normally one).
 * 1 request: GET /repos/{o}/{r}/pulls?head={owner}:{branch}&state=open.
 */
export async function openPullsForBranch(github: Pick<GitHub, 'listOpenPulls'>, where: RepoCoordinates, branch: string): Promise<number[]> {
  const pulls = await github.listOpenPulls(where, { head: `${where.owner}:${branch}`, limit: 10 });
  return pulls.map((pull) => pull.number);
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
export async function pullForCheckRun(github: Pick<GitHub, 'listPullsForCommit'>, where: RepoCoordinates, checkRun: CheckRunRef): Promise<number | null> {
  const listed = checkRun.pull_requests?.[0]?.number;
  if (listed) return listed;
  const fromExternalId = pullNumberFromExternalId(checkRun.external_id);
  if (fromExternalId) return fromExternalId;
  const pulls = await github.listPullsForCommit(where, checkRun.head_sha, 10);
  return pulls.find((pull) => pull.state === 'open' && pull.head.sha === checkRun.head_sha)?.number ?? null;
}
