// Which pull requests (or merge group) an event's commit belongs to, as evaluation targets.
// Payloads are tried first (free); the API only when they say nothing (fork pull requests).
import type { Job } from '../job/job.js';

type TargetJob = Pick<Job, 'repo' | 'github' | 'log'>;

/** One commit to evaluate, and where its changed files come from. */
export interface EvaluationTarget {
  /** The commit the plans are read at and the check runs are posted on. */
  sha: string;
  /** The pull request, when known; its files are the changed files. */
  pull: { number: number; headRef: string; headRepository: string } | null;
  /** Without a pull request (a merge group of unknown origin): the changed files are those between `base` and `head`. */
  compare?: { base: string; head: string };
  mergeGroup: boolean;
  /** Read the runs already on the commit and post only what differs (re-evaluations). */
  skipUnchanged: boolean;
}

export interface PullLike {
  number: number;
  state?: string;
  head: { ref: string; sha: string; repo?: { full_name?: string } | null };
  base?: { repo?: { id?: number } | null };
}

/** `gh-readonly-queue/<base>/pr-<number>-<sha>`: the branch GitHub's merge queue tests. */
const MERGE_QUEUE_BRANCH = /^(?:refs\/heads\/)?gh-readonly-queue\/.+\/pr-(\d+)-[0-9a-f]{7,64}$/;

export function isMergeQueueBranch(ref: string | null | undefined): boolean {
  return MERGE_QUEUE_BRANCH.test(ref ?? '');
}

/** The pull request a merge queue branch was made for, or null when the ref is not one. */
export function mergeQueuePullNumber(ref: string | null | undefined): number | null {
  const match = MERGE_QUEUE_BRANCH.exec(ref ?? '');
  return match ? Number(match[1]) : null;
}

export function pullTarget(job: Pick<Job, 'repo'>, pr: PullLike, options: { sha?: string; skipUnchanged: boolean }): EvaluationTarget {
  const repo = job.repo;
  return {
    sha: options.sha ?? pr.head.sha,
    pull: { number: pr.number, headRef: pr.head.ref, headRepository: pr.head.repo?.full_name ?? `${repo.owner}/${repo.repo}` },
    mergeGroup: false,
    skipUnchanged: options.skipUnchanged,
  };
}

export function fetchPull(job: Pick<Job, 'repo' | 'github'>, pullNumber: number): Promise<PullLike> {
  return job.github.getPull(job.repo, pullNumber);
}

/**
 * A merge group: the plans of the pull request named in the queue branch, read at the merge
 * group's commit. A branch of unknown shape falls back to the files between base and head.
 * Costs 1 request (GET the pull request; the fallback's compare is 1 too).
 */
export async function mergeGroupTarget(
  job: TargetJob,
  group: { head_sha: string; head_ref: string; base_sha?: string | null },
): Promise<EvaluationTarget | null> {
  const pullNumber = mergeQueuePullNumber(group.head_ref);
  if (pullNumber !== null) {
    const pr = await fetchPull(job, pullNumber);
    return { ...pullTarget(job, pr, { sha: group.head_sha, skipUnchanged: false }), mergeGroup: true };
  }
  const base = group.base_sha;
  if (!base) {
    job.log.warn({ headRef: group.head_ref }, 'merge group branch names no pull request and has no base; not evaluated');
    return null;
  }
  return {
    sha: group.head_sha,
    pull: null,
    compare: { base, head: group.head_sha },
    mergeGroup: true,
    skipUnchanged: false,
  };
}

export interface CommitHint {
  sha: string;
  /** The branch the commit was pushed to, when the payload says (check suites, statuses). */
  headBranch: string | null;
  /** Pull requests listed in the payload (empty for forks). */
  pullRequests: PullLike[];
  /** A pull request number known another way (planbot's external_id). */
  pullNumber?: number | null;
}

/**
 * The targets for a commit named by a check or status event. Merge queue commits are evaluated as
 * their merge group; otherwise the payload's pull requests, else the open pull requests whose
 * head is this commit (`GET /commits/{sha}/pulls`, 1 request).
 */
export async function targetsForCommit(
  job: TargetJob & Pick<Job, 'payload'>,
  hint: CommitHint,
  options: { skipUnchanged: boolean },
): Promise<EvaluationTarget[]> {
  const queued = mergeQueuePullNumber(hint.headBranch);
  if (queued !== null) {
    const target = await mergeGroupTarget(job, { head_sha: hint.sha, head_ref: hint.headBranch ?? '' });
    return target ? [{ ...target, skipUnchanged: options.skipUnchanged }] : [];
  }
  const repositoryId = (job.payload as { repository?: { id?: number } }).repository?.id;
  const listed = hint.pullRequests.filter((pr) => !pr.base?.repo?.id || pr.base.repo.id === repositoryId);
  if (listed.length > 0) return listed.map((pr) => pullTarget(job, pr, { sha: hint.sha, ...options }));
  if (hint.pullNumber) return [pullTarget(job, await fetchPull(job, hint.pullNumber), { sha: hint.sha, ...options })];

  const pulls = await job.github.listPullsForCommit(job.repo, hint.sha, 100);
  const open = pulls.filter((pr) => pr.state === 'open' && pr.head.sha === hint.sha);
  if (open.length === 0) job.log.info({ sha: hint.sha }, 'no open pull request has this commit as its head; nothing to check');
  return open.map((pr) => pullTarget(job, pr, { sha: hint.sha, ...options }));
}
