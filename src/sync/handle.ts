// Events that sync issues: a pull request's plans (opened, synchronize, reopened) and plan
// changes pushed to the default branch. Pushes to other branches are covered by their pull requests.
import type { Context } from 'probot';
import { loadConfig } from '../config/load.js';
import { FileTooLargeError, NotTextError, readRepoFile } from '../github/files.js';
import { featureFromBranch, featureSegment } from '../plan/feature.js';
import { parsePlan } from '../plan/index.js';
import { featureOfPlanPath } from '../plan/spec-directory.js';
import { changedPaths, mayChangePlans, plansChangedBy } from './push-plans.js';
import { syncPullRequestPlans, type SyncablePullRequest } from './sync-pull-request.js';
import { syncFeature } from './sync-feature.js';
import { permanentRefusal } from '../github/refusal.js';
import { reportSyncRefusal } from '../checks/sync-refusal.js';

/** A push touching more plans than this syncs the first ones and logs the rest. */
export const MAX_PLANS_PER_PUSH = 50;

export async function onPullRequest(context: Context<'pull_request'>): Promise<void> {
  try {
    await syncPullRequestPlans(context, context.payload.pull_request as unknown as SyncablePullRequest);
  } catch (error) {
    // A refusal no retry changes is shown on the plan check, then the job is given up as before.
    const refusal = permanentRefusal(error);
    if (refusal) {
      const shown = await reportSyncRefusal(context.octokit as any, context.repo(), context.payload.pull_request.head.sha, refusal).catch(() => false);
      context.log.warn({ status: refusal.status, reason: refusal.message, shownOnCheck: shown }, 'issue sync refused by GitHub; retrying would not help');
    }
    throw error;
  }
}

export async function onPush(context: Context<'push'>): Promise<void> {
  const payload = context.payload;
  const repository = payload.repository;
  if (payload.deleted || !repository?.default_branch) return;
  if (payload.ref !== `refs/heads/${repository.default_branch}`) return;
  const paths = changedPaths(payload.commits);
  // planbot's own commits never get here: dispatch drops its own events (src/app/self.ts).
  if (!mayChangePlans(paths)) return;

  const { config, problems } = await loadConfig(context);
  if (problems.length > 0 || !config.issues.enabled) return;
  const plans = plansChangedBy(paths, config);
  for (const path of plans.slice(MAX_PLANS_PER_PUSH)) {
    context.log.warn({ path }, `push changes more than ${MAX_PLANS_PER_PUSH} plans; this one was not synced`);
  }

  const where = context.repo();
  const failures: unknown[] = [];
  for (const path of plans.slice(0, MAX_PLANS_PER_PUSH)) {
    try {
      // Read at the branch, not at `after`: pushes can be handled out of order, and an older commit's
      // plan would undo ticks committed since (the three-way merge takes the plan as it is now).
      const branch = repository.default_branch;
      const file = await readRepoFile(context.octokit, where, path, branch);
      if (!file) continue;
      await syncFeature(
        context,
        {
          ...where,
          feature: featureOf(path, file.content, config.branches.pattern),
          planPath: path,
          ref: branch,
          branchForLinks: branch,
          commitBranch: branch,
          author: payload.sender?.type === 'User' ? payload.sender.login : null,
        },
        { plan: { content: file.content, blobSha: file.sha }, config },
      );
    } catch (error) {
      if (error instanceof FileTooLargeError || error instanceof NotTextError) {
        context.log.warn({ path, err: { message: error.message } }, 'plan not synced');
        continue;
      }
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/** The same rule as on pull requests (src/plan/spec-directory.ts); the plan is parsed only when its folder does not decide. */
function featureOf(path: string, content: string, pattern: string): string {
  const folder = featureSegment(path.slice(0, Math.max(0, path.lastIndexOf('/'))));
  const planFeature = folder && featureFromBranch(folder, pattern) ? null : parsePlan(content, { file: path }).feature;
  return featureOfPlanPath(path, pattern, planFeature);
}
