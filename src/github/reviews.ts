// Approvals on a pull request, counted the way GitHub's own review requirement counts them:
// each reviewer's latest state-changing review decides; comments don't change it, dismissals undo it.
import type { Octokit, RepoCoordinates } from './files.js';

export interface ReviewEntry {
  user?: { id?: number; login?: string } | null;
  state: string;
}

const STATE_CHANGING = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/** Reviews in the order GitHub lists them (oldest first). */
export function countApprovals(reviews: ReviewEntry[]): number {
  const latest = new Map<string, string>();
  for (const review of reviews) {
    const state = review.state.toUpperCase();
    const reviewer = review.user?.id ?? review.user?.login;
    if (reviewer === undefined || !STATE_CHANGING.has(state)) continue;
    latest.set(String(reviewer), state);
  }
  return [...latest.values()].filter((state) => state === 'APPROVED').length;
}

/** One request per 100 reviews. */
export async function fetchApprovals(octokit: Octokit, where: RepoCoordinates, pullNumber: number): Promise<number> {
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...where, pull_number: pullNumber, per_page: 100 });
  return countApprovals(reviews as ReviewEntry[]);
}
