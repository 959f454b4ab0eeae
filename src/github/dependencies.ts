// Issue dependencies ("blocked by"): a phase issue is blocked by the issues of the phases it
// depends on. The API takes the blocking issue's database id.
import type { Octokit, RepoCoordinates } from './files.js';

export async function addBlockedBy(
  octokit: Octokit,
  where: RepoCoordinates,
  issueNumber: number,
  blockerId: number,
): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by', {
    ...where,
    issue_number: issueNumber,
    issue_id: blockerId,
  });
}

export async function removeBlockedBy(
  octokit: Octokit,
  where: RepoCoordinates,
  issueNumber: number,
  blockerId: number,
): Promise<void> {
  await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}', {
    ...where,
    issue_number: issueNumber,
    issue_id: blockerId,
  });
}

/** Numbers of the issues blocking this one (one request per 100). */
export async function listBlockedByNumbers(octokit: Octokit, where: RepoCoordinates, issueNumber: number): Promise<number[]> {
  const items = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by', {
    ...where,
    issue_number: issueNumber,
    per_page: 100,
  });
  return (items as Array<{ number: number }>).map((item) => item.number);
}
