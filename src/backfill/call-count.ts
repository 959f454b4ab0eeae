// What a repository's backfill cost, for its log line: the GitHub calls it made through the
// boundary (a paginated list counts once), and how many of them wrote.
import type { GitHub } from '../github/github.js';

/** The boundary's reads. Any other method counts as a write, so a new write is never missed. */
const READS: ReadonlySet<PropertyKey> = new Set<keyof GitHub>([
  'getRepository',
  'branchExists',
  'readFile',
  'compareFiles',
  'readConfigLayers',
  'readRawText',
  'getPull',
  'listOpenPulls',
  'listPullsForCommit',
  'listPullFiles',
  'listReviews',
  'listCheckRuns',
  'listCommitStatuses',
  'listLabelledIssues',
  'getIssue',
  'listSubIssueNumbers',
  'listBlockedByNumbers',
  'collaboratorPermission',
  'listInstallationRepositories',
]);

/** Not calls to GitHub: what the boundary already knows. */
const LOCAL: ReadonlySet<PropertyKey> = new Set<keyof GitHub>(['rateLimit', 'apiBaseUrl']);

export interface CallCount {
  requests: number;
  writes: number;
}

/** `github`, counting every call made through the returned client. */
export function countingGitHub(github: GitHub): { github: GitHub; count: CallCount } {
  const count: CallCount = { requests: 0, writes: 0 };
  const counted = new Proxy(github, {
    get(target, name) {
      const value: unknown = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      if (LOCAL.has(name)) return value.bind(target);
      return (...args: unknown[]) => {
        count.requests++;
        if (!READS.has(name)) count.writes++;
        return value.apply(target, args);
      };
    },
  });
  return { github: counted, count };
}
