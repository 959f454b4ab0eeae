// Catching up on work already in flight. When planbot is installed (installation.created) or given
// more repositories (installation_repositories.added), every open pull request of those
// repositories is handled as if it had just been reopened: the same check and issue-sync handlers
// a pull_request event runs, skipping check runs that are already current. A redelivered or
// repeated installation event therefore writes nothing.
import { Context } from 'probot';
import { performance } from 'node:perf_hooks';
import * as checks from '../checks/handle.js';
import * as sync from '../sync/handle.js';
import { loadPullRequestPlans } from '../github/pr-plans.js';
import { attemptOf, markAttempt } from '../app/job-attempt.js';
import { inLowPriorityLane } from '../github/write-pacing.js';
import { BackfillDeferred, RateBudget } from './budget.js';
import { backfillLaneOf, repositoryDelivery } from './lane.js';
import { repositoriesToBackfill } from './repositories.js';

/** installation.created and installation_repositories.added: one backfill job per repository. */
export async function onRepositoriesInstalled(context: Context): Promise<void> {
  const repositories = await repositoriesToBackfill(context);
  const lane = backfillLaneOf(context);
  const source = { id: context.id, name: context.name, payload: context.payload };
  for (const repository of repositories) {
    const delivery = repositoryDelivery(source, repository);
    if (lane) {
      await lane.enqueue(delivery);
      // A retried fan-out re-queues nothing (same job ids): count each repository once.
      if (attemptOf(context) === 1) lane.metrics?.backfillRepositories.inc({ state: 'queued' });
    } else {
      // No queue around this context (a direct call): catch up right here, one repository at a time.
      await backfillRepository(new Context(delivery as any, context.octokit, context.log.child({ repository: repository.full_name }) as any));
    }
  }
  context.log.info({ repositories: repositories.map((repository) => repository.full_name) }, `backfill: ${repositories.length} repositories to catch up`);
}

export interface RepositoryBackfill {
  pulls: number;
  checked: number;
  skipped: number;
  /** Pull requests whose issues were synced (0 when `issues.backfill` is false). */
  synced: number;
}

/** One repository: every open pull request, one at a time, while the rate-limit budget allows. */
export async function backfillRepository(context: Context): Promise<RepositoryBackfill> {
  const started = performance.now();
  const repo = context.repo();
  const metrics = backfillLaneOf(context)?.metrics ?? null;
  const budget = new RateBudget().watch(context.octokit as any);
  const outcome: RepositoryBackfill = { pulls: 0, checked: 0, skipped: 0, synced: 0 };
  try {
    const pulls = await context.octokit.paginate(context.octokit.rest.pulls.list, { ...repo, state: 'open', per_page: 100 });
    outcome.pulls = pulls.length;
    for (const pull of pulls) {
      budget.ensure();
      // Its writes wait behind any live write of the installation (src/github/write-pacing.ts).
      const result = await inLowPriorityLane(() => backfillPull(context, pull));
      outcome[result.outcome]++;
      if (result.synced) outcome.synced++;
      metrics?.backfillPullRequests.inc({ outcome: result.outcome });
    }
  } catch (error) {
    if (error instanceof BackfillDeferred) {
      metrics?.backfillRepositories.inc({ state: 'deferred' });
      context.log.info({ ...outcome, requests: budget.requests, writes: budget.writes, retryAfterSeconds: error.retryAfterSeconds }, error.message);
    }
    throw error;
  }
  metrics?.backfillRepositories.inc({ state: 'done' });
  const message: string = `backfill: ${repo.owner}/${repo.repo} caught up (${outcome.pulls} open pull requests, ${outcome.checked} checked)`;
  context.log.info({ ...outcome, requests: budget.requests, writes: budget.writes, durationMs: Math.round(performance.now() - started) }, message);
  return outcome;
}

/** A pull request as the list endpoint returns it (the fields the handlers read). */
type ListedPull = Awaited<ReturnType<Context['octokit']['rest']['pulls']['list']>>['data'][number];

async function backfillPull(context: Context, pull: ListedPull): Promise<{ outcome: 'checked' | 'skipped'; synced: boolean }> {
  const payload = {
    // `reopened`: post only the check runs that differ from those already on the head commit.
    action: 'reopened',
    number: pull.number,
    pull_request: pull,
    repository: pull.base.repo ?? (context.payload as any).repository,
    installation: (context.payload as any).installation,
    sender: (context.payload as any).sender,
  };
  const pullContext = new Context({ id: context.id, name: 'pull_request', payload } as any, context.octokit, context.log.child({ pull: pull.number }) as any);
  markAttempt(pullContext, attemptOf(context));
  // Memoised per context: the handlers below reuse this read of the files and plans.
  const plans = await loadPullRequestPlans(pullContext, pull);
  const nothingToCheck = plans.problems.length === 0 && plans.plans.length === 0 && plans.readErrors.length === 0 && !plans.missing;
  if (nothingToCheck) return { outcome: 'skipped', synced: false };
  const syncIssues = plans.problems.length === 0 && plans.config.issues.enabled && plans.config.issues.backfill;
  const outcomes = await Promise.allSettled([
    checks.onPullRequest(pullContext as Context<'pull_request'>),
    syncIssues ? sync.onPullRequest(pullContext as Context<'pull_request'>) : null,
  ]);
  const failed = outcomes.find((settled): settled is PromiseRejectedResult => settled.status === 'rejected');
  if (failed) throw failed.reason;
  return { outcome: 'checked', synced: syncIssues && plans.plans.length > 0 };
}
