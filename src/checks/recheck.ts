// Re-evaluates a pull request on request (`/planbot check`, the "Re-check" button): always posts,
// because the person asking expects to see the checks run again.
import type { Job } from '../job/job.js';
import { evaluateAndPost } from './run.js';
import { fetchPull, pullTarget } from './targets.js';

/** Costs 1 request (GET the pull request) plus a normal evaluation. */
export async function recheckPullRequest(job: Job, pullNumber: number): Promise<void> {
  const pr = await fetchPull(job, pullNumber);
  await evaluateAndPost(job, pullTarget(job, pr, { skipUnchanged: false }));
}
