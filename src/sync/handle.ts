// Events that sync issues: a pull request's plans (opened, synchronize, reopened) and plan
// changes pushed to the default branch. Pushes to other branches are covered by their pull requests.
import type { Context } from 'probot';
import { loadConfig } from '../config/load.js';
import { FileTooLargeError, NotTextError, readRepoFile } from '../github/files.js';
import { featureFromBranch, featureSegment } from '../plan/feature.js';
import { parsePlan } from '../plan/index.js';
import { changedPaths, mayChangePlans, plansChangedBy } from './push-plans.js';
import { syncPullRequestPlans, type SyncablePullRequest } from './sync-pull-request.js';
import { syncFeature } from './sync-feature.js';

/** A push touching more plans than this syncs the first ones and logs the rest. */
export const MAX_PLANS_PER_PUSH = 50;

export async function onPullRequest(context: Context<'pull_request'>): Promise<void> {
  await syncPullRequestPlans(context, context.payload.pull_request as unknown as SyncablePullRequest);
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
      const file = await readRepoFile(context.octokit, where, path, payload.after);
      if (!file) continue;
      await syncFeature(
        context,
        {
          ...where,
          feature: featureOf(path, file.content, config.branches.pattern),
          planPath: path,
          ref: payload.after,
          branchForLinks: repository.default_branch,
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

/** The plan's folder when it names a feature (`specs/001-x/plan.md`), else the plan's own feature, else the folder. */
function featureOf(path: string, content: string, pattern: string): string {
  const folder = featureSegment(path.slice(0, Math.max(0, path.lastIndexOf('/'))));
  return featureFromBranch(folder, pattern)?.feature ?? parsePlan(content, { file: path }).feature ?? (folder || path);
}
