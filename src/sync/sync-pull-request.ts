// Syncs the plans a pull request carries. The plans come from loadPullRequestPlans, which the
// checks share on the same event, so the sync adds no plan reads of its own.
import type { Job } from '../job/job.js';
import { loadPullRequestPlans } from '../changed-plans/load-plans.js';
import type { PullRequestRef } from '../changed-plans/plans.js';
import { syncFeature, type SyncPreloaded, type SyncResult, type SyncTarget } from './sync-feature.js';

export interface SyncablePullRequest extends PullRequestRef {
  head: PullRequestRef['head'] & { repo?: { full_name?: string } | null };
  base: { repo?: { full_name?: string } | null };
  user?: { login?: string } | null;
}

/** What syncing a pull request's plans needs of its job (a whole Job fits). */
export type PullSyncJob = Pick<Job, 'github' | 'repo' | 'log' | 'config' | 'caches' | 'id' | 'payload' | 'lock'>;

/**
 * The features a pull request's plans sync, with what is already read. Plans from a fork are not
 * synced: anyone can open a fork pull request, and its plan must not make issues in the base
 * repository. They are synced when merged (the push to the default branch).
 */
export async function pullRequestSyncTargets(job: PullSyncJob, pr: SyncablePullRequest): Promise<Array<{ target: SyncTarget; preloaded: SyncPreloaded }>> {
  if (pr.head.repo?.full_name !== pr.base.repo?.full_name) {
    job.log.info({ pull: pr.number }, 'pull request from a fork: issues are synced once it is merged');
    return [];
  }
  // Decided before the plans are loaded, so a repository with issue sync off pays nothing for it.
  const { config, problems } = await job.config();
  if (problems.length > 0 || !config.issues.enabled) return [];
  const plans = await loadPullRequestPlans(job, pr);
  if (plans.problems.length > 0) return [];
  return plans.plans.map((plan) => ({
    target: {
      ...job.repo,
      feature: plan.feature,
      planPath: plan.path,
      // The plan as the branch has it now, not at this event's head: events can be handled out of
      // order, and an older head's plan would undo ticks committed since. The sync decides from the
      // head first and asks where the branch is only when it would write (src/sync/dry-run.ts).
      ref: pr.head.ref,
      branchForLinks: pr.head.ref,
      author: pr.user?.login ?? null,
      prNumber: pr.number,
      commitBranch: pr.head.ref,
    },
    preloaded: { plan: { content: plan.content, blobSha: plan.blobSha, model: plan.model, ref: plan.ref }, config: plans.config, reread: true },
  }));
}

export async function syncPullRequestPlans(job: PullSyncJob, pr: SyncablePullRequest, options: Pick<SyncTarget, 'refreshBoard'> = {}): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  const failures: unknown[] = [];
  for (const { target, preloaded } of await pullRequestSyncTargets(job, pr)) {
    try {
      results.push(await syncFeature(job, { ...target, ...options }, preloaded));
    } catch (error) {
      // One plan's failure must not keep the others' issues stale; the job is retried after.
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return results;
}

/** Fetches the pull request, then syncs each of its plans (for `/planbot sync` and the "Sync issues" button). */
export async function syncPullRequest(job: PullSyncJob, pullNumber: number): Promise<SyncResult[]> {
  const pull = await job.github.getPull(job.repo, pullNumber);
  // A person asked: the board is read once even when the issues already match.
  return syncPullRequestPlans(job, pull as unknown as SyncablePullRequest, { refreshBoard: true });
}
