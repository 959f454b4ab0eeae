// Re-evaluates a pull request on request (`/planbot check`, the "Re-check" button): always posts,
// because the person asking expects to see the checks run again.
import type { Context } from 'probot';
import { evaluateAndPost } from './run.js';
import { fetchPull, pullTarget } from './targets.js';

/** Costs 1 request (GET the pull request) plus a normal evaluation. */
export async function recheckPullRequest(
  context: Pick<Context, 'config' | 'repo' | 'octokit' | 'log'>,
  pullNumber: number,
): Promise<void> {
  const pr = await fetchPull(context, pullNumber);
  await evaluateAndPost(context, pullTarget(context, pr, { skipUnchanged: false }));
}
