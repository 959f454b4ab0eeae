// The Octokit class planbot runs with: Probot's, with one change. Probot's throttle options only
// log a secondary rate limit and give up, which fails the whole job; planbot waits it out
// (GitHub's retry-after) and retries that one request a bounded number of times, so a burst of
// writes is slowed down rather than replayed from the start by the queue.
import { ProbotOctokit } from 'probot';

/** Retries of one request after secondary rate limits, before the error reaches the queue. */
export const SECONDARY_LIMIT_RETRIES = 3;
/** A retry-after longer than this is left to the queue, so a job never sleeps for long inside a worker. */
export const MAX_IN_REQUEST_WAIT_SECONDS = 120;

export function secondaryLimitPolicy(retryAfter: number, retryCount: number): boolean {
  return retryCount < SECONDARY_LIMIT_RETRIES && retryAfter <= MAX_IN_REQUEST_WAIT_SECONDS;
}

export const PlanbotOctokit = ProbotOctokit.defaults((options: any) => ({
  ...options,
  throttle: {
    ...options.throttle,
    onSecondaryRateLimit: (retryAfter: number, request: any, octokit: any, retryCount: number) => {
      const retry = secondaryLimitPolicy(retryAfter, retryCount);
      octokit.log?.warn?.(
        { method: request.method, url: request.url, retryAfter, retryCount },
        retry ? `secondary rate limit: retrying in ${retryAfter}s` : 'secondary rate limit: leaving the retry to the queue',
      );
      return retry;
    },
  },
})) as typeof ProbotOctokit;
