// Syncs the plans a pull request carries. The plans come from loadPullRequestPlans, which the
// checks share on the same event, so the sync adds no plan reads of its own.
import { loadConfig } from '../config/load.js';
import { loadPullRequestPlans, type PullRequestRef } from '../github/pr-plans.js';
import { syncFeature, type SyncContext, type SyncResult } from './sync-feature.js';
import { featureSegment } from '../plan/feature.js';

export interface SyncablePullRequest extends PullRequestRef {
  head: PullRequestRef['head'] & { repo?: { full_name?: string } | null };
  base: { repo: { full_name: string } };
  user?: { login?: string } | null;
}

/**
 * Plans from a fork are not synced: anyone can open a fork pull request, and its plan must not
 * make issues in the base repository. They are synced when merged (the push to the default branch).
 */
export async function syncPullRequestPlans(context: SyncContext, pr: SyncablePullRequest): Promise<SyncResult[]> {
  if (pr.head.repo?.full_name !== pr.base.repo.full_name) {
    context.log.info({ pull: pr.number }, 'pull request from a fork: issues are synced once it is merged');
    return [];
  }
  // Decided before the plans are loaded, so a repository with issue sync off pays nothing for it.
  const { config, problems } = await loadConfig(context);
  if (problems.length > 0 || !config.issues.enabled) return [];
  const plans = await loadPullRequestPlans(context, pr);
  if (plans.problems.length > 0) return [];
  const results: SyncResult[] = [];
  const failures: unknown[] = [];
  for (const plan of plans.plans) {
    const target = {
      ...context.repo(),
      feature: plan.feature ?? featureSegment(plan.path.slice(0, plan.path.lastIndexOf('/'))),
      planPath: plan.path,
      // The plan as the branch has it now, not at this event's head: events can be handled out of
      // order, and an older head's plan would undo ticks committed since. One read, often a 304.
      ref: pr.head.ref,
      branchForLinks: pr.head.ref,
      author: pr.user?.login ?? null,
      prNumber: pr.number,
      commitBranch: pr.head.ref,
    };
    try {
      const preloaded = { content: plan.content, blobSha: plan.blobSha, model: plan.model };
      results.push(await syncFeature(context, target, { plan: preloaded, config: plans.config, reread: true }));
    } catch (error) {
      // One plan's failure must not keep the others' issues stale; the job is retried after.
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return results;
}

/** Fetches the pull request, then syncs each of its plans (for `/planbot sync` and the "Sync issues" button). */
export async function syncPullRequest(context: SyncContext, pullNumber: number): Promise<SyncResult[]> {
  const { data } = await context.octokit.rest.pulls.get({ ...context.repo(), pull_number: pullNumber });
  return syncPullRequestPlans(context, data as unknown as SyncablePullRequest);
}
