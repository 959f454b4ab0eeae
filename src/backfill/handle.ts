// Catching up on work already in flight. When planbot is installed (installation.created) or given
// more repositories (installation_repositories.added), every open pull request of those
// repositories is handled as if it had just been reopened: the same check and issue-sync handlers
// a pull_request event runs, skipping check runs that are already current. A redelivered or
// repeated installation event therefore writes nothing.
import { performance } from 'node:perf_hooks';
import type { GitHub, PullRequestData } from '../github/github.js';
import type { Job, JobOf } from '../job/job.js';
import * as checks from '../checks/handle.js';
import * as sync from '../sync/handle.js';
import { loadPullRequestPlans } from '../changed-plans/load-plans.js';
import { buildJob } from '../job/build-job.js';
import { inLowPriorityLane } from '../github/write-pacing.js';
import { BackfillDeferred, RateBudget } from './budget.js';
import { countingGitHub } from './call-count.js';
import { repositoryDelivery } from './lane.js';
import { repositoriesToBackfill } from './repositories.js';

/** installation.created and installation_repositories.added: one backfill job per repository. */
export async function onRepositoriesInstalled(job: Job): Promise<void> {
  const repositories = await repositoriesToBackfill(job);
  for (const repository of repositories) {
    const delivery = repositoryDelivery(job, repository);
    if (job.backfill) {
      await job.backfill.enqueue(delivery);
      // A retried fan-out re-queues nothing (same job ids): count each repository once.
      if (job.attempt === 1) job.metrics?.backfillRepositories.inc({ state: 'queued' });
    } else {
      // No queue around this job (a direct call): catch up right here, one repository at a time.
      await backfillRepository(jobFor(job, delivery, job.github, { repository: repository.full_name }, 1));
    }
  }
  job.log.info({ repositories: repositories.map((repository) => repository.full_name) }, `backfill: ${repositories.length} repositories to catch up`);
}

export interface RepositoryBackfill {
  pulls: number;
  checked: number;
  skipped: number;
  /** Pull requests whose issues were synced (0 when `issues.backfill` is false). */
  synced: number;
}

/** One repository: every open pull request, one at a time, while the rate-limit budget allows. */
export async function backfillRepository(job: Job): Promise<RepositoryBackfill> {
  const started = performance.now();
  const repo = job.repo;
  const metrics = job.metrics;
  const { github, count } = countingGitHub(job.github);
  const budget = new RateBudget(() => github.rateLimit());
  const outcome: RepositoryBackfill = { pulls: 0, checked: 0, skipped: 0, synced: 0 };
  try {
    const pulls = await github.listOpenPulls(repo);
    outcome.pulls = pulls.length;
    for (const pull of pulls) {
      budget.ensure();
      // Its writes wait behind any live write of the installation (src/github/write-pacing.ts).
      const result = await inLowPriorityLane(() => backfillPull(job, github, pull));
      outcome[result.outcome]++;
      if (result.synced) outcome.synced++;
      metrics?.backfillPullRequests.inc({ outcome: result.outcome });
    }
  } catch (error) {
    if (error instanceof BackfillDeferred) {
      metrics?.backfillRepositories.inc({ state: 'deferred' });
      job.log.info({ ...outcome, ...count, retryAfterSeconds: error.retryAfterSeconds }, error.message);
    }
    throw error;
  }
  metrics?.backfillRepositories.inc({ state: 'done' });
  const message: string = `backfill: ${repo.owner}/${repo.repo} caught up (${outcome.pulls} open pull requests, ${outcome.checked} checked)`;
  job.log.info({ ...outcome, ...count, durationMs: Math.round(performance.now() - started) }, message);
  return outcome;
}

async function backfillPull(job: Job, github: GitHub, pull: PullRequestData): Promise<{ outcome: 'checked' | 'skipped'; synced: boolean }> {
  const payload = {
    // `reopened`: post only the check runs that differ from those already on the head commit.
    action: 'reopened',
    number: pull.number,
    pull_request: pull,
    repository: pull.base.repo ?? job.payload.repository,
    installation: job.payload.installation,
    sender: job.payload.sender,
  };
  // Its own job, as a pull_request delivery would get: its own config read and plan memo, this try's attempt.
  const pullJob = jobFor(job, { id: job.id, name: 'pull_request', payload }, github, { pull: pull.number }, job.attempt) as JobOf<'pull_request'>;
  // Memoised per job: the handlers below reuse this read of the files and plans.
  const plans = await loadPullRequestPlans(pullJob, pull);
  const nothingToCheck = plans.problems.length === 0 && plans.plans.length === 0 && plans.readErrors.length === 0 && !plans.missing;
  if (nothingToCheck) return { outcome: 'skipped', synced: false };
  const syncIssues = plans.problems.length === 0 && plans.config.issues.enabled && plans.config.issues.backfill;
  const outcomes = await Promise.allSettled([checks.onPullRequest(pullJob), syncIssues ? sync.onPullRequest(pullJob) : null]);
  const failed = outcomes.find((settled): settled is PromiseRejectedResult => settled.status === 'rejected');
  if (failed) throw failed.reason;
  return { outcome: 'checked', synced: syncIssues && plans.plans.length > 0 };
}

/** A job for work the backfill starts itself, sharing the parent job's client and process-wide parts. */
function jobFor(parent: Job, delivery: { id: string; name: string; payload: any }, github: GitHub, logFields: object, attempt: number): Job {
  return buildJob({
    delivery,
    github,
    log: parent.log.child(logFields),
    attempt,
    identity: parent.identity,
    lock: parent.lock,
    analyses: parent.caches.analyses,
    metrics: parent.metrics,
    backfill: parent.backfill,
  });
}
