// The Octokit class planbot runs with: Probot's, with one change. Probot's throttle options only
// log a secondary rate limit and give up, which fails the whole job; planbot waits it out
// (GitHub's retry-after) and retries that one request a bounded number of times, so a burst of
// writes is slowed down rather than replayed from the start by the queue.
import { ProbotOctokit } from 'probot';
import { pacingThrottleOptions, writePacingFromEnv, type WritePacing } from './write-pacing.js';

/** Retries of one request after secondary rate limits, before the error reaches the queue. */
export const SECONDARY_LIMIT_RETRIES = 3;
/** A retry-after longer than this is left to the queue, so a job never sleeps for long inside a worker. */
export const MAX_IN_REQUEST_WAIT_SECONDS = 120;

export function secondaryLimitPolicy(retryAfter: number, retryCount: number): boolean {
  return retryCount < SECONDARY_LIMIT_RETRIES && retryAfter <= MAX_IN_REQUEST_WAIT_SECONDS;
}

/** Probot's Octokit with planbot's write pacing (src/github/write-pacing.ts) and secondary-limit policy. */
export function pacedOctokit(pacing: WritePacing): typeof ProbotOctokit {
  return ProbotOctokit.defaults((options: any) => ({
    ...options,
    throttle: {
      ...options.throttle,
      ...(options.throttle?.enabled === false ? {} : pacingThrottleOptions(pacing, options.throttle)),
      onSecondaryRateLimit: secondaryLimitHandler,
    },
  })) as typeof ProbotOctokit;
}

function secondaryLimitHandler(retryAfter: number, request: any, octokit: any, retryCount: number): boolean {
  const retry = secondaryLimitPolicy(retryAfter, retryCount);
  octokit.log?.warn?.(
    { method: request.method, url: request.url, retryAfter, retryCount },
    retry ? `secondary rate limit: retrying in ${retryAfter}s` : 'secondary rate limit: leaving the retry to the queue',
  );
  return retry;
}

/** Paced as the process environment says (the server builds its own from the env it is given). */
export const PlanbotOctokit = pacedOctokit(writePacingFromEnv(process.env));

