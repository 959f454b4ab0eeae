// Sub-issues: phase issues hang under the feature's tracking issue. The API takes the child's
// database id, not its number. GitHub allows about 100 sub-issues per parent.
import type { Octokit, RepoCoordinates } from './files.js';

export async function addSubIssue(
  octokit: Octokit,
  where: RepoCoordinates,
  parentNumber: number,
  childId: number,
): Promise<void> {
  await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
    ...where,
    issue_number: parentNumber,
    sub_issue_id: childId,
  });
}

/** Numbers of the parent's sub-issues (one request per 100). */
export async function listSubIssueNumbers(octokit: Octokit, where: RepoCoordinates, parentNumber: number): Promise<number[]> {
  const items = await octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', {
    ...where,
    issue_number: parentNumber,
    per_page: 100,
  });
  return (items as Array<{ number: number }>).map((item) => item.number);
}
