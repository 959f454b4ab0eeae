// The GitHub boundary of one installation's client, with the hooks that make the client planbot's:
// a timeout per request, the write guard (a run that lost its lease stops before its next write),
// request metrics, then ETags. Made once per Octokit: a client reused by several jobs is hooked once.
import type { GitHub } from '../github/github.js';
import { octokitGitHub, type Octokit } from '../github/octokit-github.js';
import { useRequestTimeout } from '../github/request-timeout.js';
import { guardWrites } from '../github/guard-writes.js';
import { instrumentOctokit, type RequestMetrics } from '../github/request-metrics.js';
import { useConditionalRequests, type ConditionalCache } from '../github/conditional-requests.js';
import { leaseWriteCheck } from '../job/lease.js';

export interface ClientParts {
  requestTimeoutMs: number;
  metrics: RequestMetrics;
  /** ETags shared by every job of this process. */
  conditionalCache: ConditionalCache;
}

/** Returns the GitHub of a client, `scope` naming its installation (metrics and ETag cache key). */
export function installationGitHub(parts: ClientParts): (octokit: Octokit, scope: string) => GitHub {
  const made = new WeakMap<Octokit, GitHub>();
  return (octokit, scope) => {
    let github = made.get(octokit);
    if (!github) {
      useRequestTimeout(octokit, parts.requestTimeoutMs);
      guardWrites(octokit, leaseWriteCheck);
      // Metrics first: inner hooks see the raw answer, so a 304 is counted as a 304.
      instrumentOctokit(octokit, parts.metrics, scope);
      useConditionalRequests(octokit, parts.conditionalCache, scope);
      github = octokitGitHub(octokit);
      made.set(octokit, github);
    }
    return github;
  };
}
