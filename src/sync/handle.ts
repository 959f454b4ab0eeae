// Events that sync issues: a pull request's plans (opened, synchronize, reopened) and plan
// changes pushed to the default branch. Pushes to other branches are covered by their pull requests.
import type { JobOf } from '../job/job.js';
import { FileTooLargeError, NotTextError } from '../github/errors.js';
import { parsePlan } from '../plan/index.js';
import { featureOfPlanPath } from '../plan/spec-directory.js';
import { changedPaths, mayChangePlans, plansChangedBy } from './push-plans.js';
import { syncPullRequestPlans, type SyncablePullRequest } from './sync-pull-request.js';
import { syncFeature, type SyncResult } from './sync-feature.js';
import { reportBoardFindings } from '../checks/board-report.js';
import { permanentRefusal } from '../github/refusal.js';
import { reportSyncRefusal } from '../checks/sync-refusal.js';

/** A push touching more plans than this syncs the first ones and logs the rest. */
export const MAX_PLANS_PER_PUSH = 50;

// Issue → plan: a tick in a phase issue, a task issue closed or reopened.
export { onIssueEdited } from './issue-ticks.js';
export { onIssueStateChanged } from './task-issue-state.js';

export async function onPullRequest(job: JobOf<'pull_request'>): Promise<void> {
  try {
    const results = await syncPullRequestPlans(job, job.payload.pull_request as unknown as SyncablePullRequest);
    await reportBoard(job, job.payload.pull_request.head.sha, results);
  } catch (error) {
    // A refusal no retry changes is shown on the plan check, then the job is given up as before.
    const refusal = permanentRefusal(error);
    if (refusal) {
      const shown = await reportSyncRefusal(job.github, job.repo, job.payload.pull_request.head.sha, refusal).catch(() => false);
      job.log.warn({ status: refusal.status, reason: refusal.message, shownOnCheck: shown }, 'issue sync refused by GitHub; retrying would not help');
    }
    throw error;
  }
}

/** The board step's config problems and notes, on the head's plan check; a failure to show them is logged, never thrown. */
async function reportBoard(job: JobOf<'pull_request'>, headSha: string, results: SyncResult[]): Promise<void> {
  // Every feature reads the same config: one row per problem.
  const problems = [...new Map(results.flatMap((result) => result.board?.problems ?? []).map((problem) => [`${problem.key}\n${problem.message}`, problem])).values()];
  const notes = [...new Set(results.flatMap((result) => result.board?.notes ?? []))];
  if (problems.length === 0 && notes.length === 0) return;
  try {
    await reportBoardFindings(job.github, job.repo, headSha, { problems, notes });
  } catch (error) {
    job.log.warn({ err: { message: (error as Error)?.message } }, 'could not show the Project board findings on the plan check');
  }
}

export async function onPush(job: JobOf<'push'>): Promise<void> {
  const payload = job.payload;
  const repository = payload.repository;
  if (payload.deleted || !repository?.default_branch) return;
  if (payload.ref !== `refs/heads/${repository.default_branch}`) return;
  const paths = changedPaths(payload.commits);
  // planbot's own commits never get here: dispatch drops its own events (src/app/self.ts).
  if (!mayChangePlans(paths)) return;

  const { config, problems } = await job.config();
  if (problems.length > 0 || !config.issues.enabled) return;
  const plans = plansChangedBy(paths, config);
  for (const path of plans.slice(MAX_PLANS_PER_PUSH)) {
    job.log.warn({ path }, `push changes more than ${MAX_PLANS_PER_PUSH} plans; this one was not synced`);
  }

  const where = job.repo;
  const failures: unknown[] = [];
  for (const path of plans.slice(0, MAX_PLANS_PER_PUSH)) {
    try {
      // Read at the branch, not at `after`: pushes can be handled out of order, and an older commit's
      // plan would undo ticks committed since (the three-way merge takes the plan as it is now).
      const branch = repository.default_branch;
      const file = await job.github.readFile(where, path, branch);
      if (!file) continue;
      await syncFeature(
        job,
        {
          ...where,
          // The plan is parsed only when its folder does not name the feature.
          feature: featureOfPlanPath(path, config.branches.pattern, () => parsePlan(file.content, { file: path }).feature),
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
        job.log.warn({ path, err: { message: error.message } }, 'plan not synced');
        continue;
      }
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}
