// Approvals on a pull request, counted the way GitHub's own review requirement counts them:
// each reviewer's latest state-changing review decides; comments don't change it, dismissals undo it.
import type { ReviewEntry } from '../github/github.js';

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
