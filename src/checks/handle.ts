// Event handlers for the checks feature. Thin: decide whether the event can change a check (as
// cheaply as possible), find the commit(s) to evaluate, hand them to evaluateAndPost.
import type { JobOf } from '../job/job.js';
import { pullNumberFromExternalId } from './actions.js';
import { nameKey } from './names.js';
import { isOwnCheckRun } from './own.js';
import { evaluateAndPost } from './run.js';
import { isMergeQueueBranch, mergeGroupTarget, pullTarget, targetsForCommit, type PullLike } from './targets.js';

export { recheckPullRequest } from './recheck.js';

/** opened, synchronize, reopened, ready_for_review (dispatch filters the actions). */
export async function onPullRequest(job: JobOf<'pull_request'>): Promise<void> {
  const { action, pull_request: pr } = job.payload;
  if (pr.state !== 'open') return;
  // A new head commit has no runs yet; reopening or leaving draft usually changes nothing.
  const skipUnchanged = action === 'reopened' || action === 'ready_for_review';
  await evaluateAndPost(job, pullTarget(job, pr as PullLike, { skipUnchanged }));
}

/** A review can only move gates whose evidence counts approvals. */
export async function onReview(job: JobOf<'pull_request_review'>): Promise<void> {
  const { action, review, pull_request: pr } = job.payload;
  if (pr.state !== 'open') return;
  // A plain comment review changes no reviewer's approval state: free to ignore.
  if (action === 'submitted' && review.state.toLowerCase() === 'commented') return;
  const { config, problems } = await job.config();
  if (problems.length > 0 || !config.checks.enabled) return;
  if (!Object.values(config.gates.evidence).some((evidence) => evidence.review)) return;
  await evaluateAndPost(job, pullTarget(job, pr as PullLike, { skipUnchanged: true }));
}

/** `check_run.rerequested` (planbot's runs only) and `check_suite.rerequested`: evaluate again and post. */
export async function onRerequested(job: JobOf<'check_run'> | JobOf<'check_suite'>): Promise<void> {
  const payload = job.payload as any;
  const hint = payload.check_run
    ? {
        sha: payload.check_run.head_sha,
        headBranch: payload.check_run.check_suite?.head_branch ?? null,
        pullRequests: payload.check_run.pull_requests ?? [],
        pullNumber: pullNumberFromExternalId(payload.check_run.external_id),
      }
    : {
        sha: payload.check_suite.head_sha,
        headBranch: payload.check_suite.head_branch ?? null,
        pullRequests: payload.check_suite.pull_requests ?? [],
      };
  if (payload.check_run && !isOwnCheckRun(payload.check_run)) return;
  const { config, problems } = await job.config();
  if (problems.length === 0 && !config.checks.enabled) return;
  for (const target of await targetsForCommit(job, hint, { skipUnchanged: false })) {
    await evaluateAndPost(job, target);
  }
}

/**
 * Another check run completed, or a commit status was set: re-evaluate only when a gate's
 * `check:` evidence names it. Costs nothing for planbot's own runs and one (usually 304)
 * config read otherwise.
 */
export async function onExternalCheck(job: JobOf<'check_run'> | JobOf<'status'>): Promise<void> {
  const payload = job.payload as any;
  const run = payload.check_run;
  if (run ? isOwnCheckRun(run) : payload.state === 'pending') return;
  const name: string = run ? run.name : payload.context;
  const { config, problems } = await job.config();
  if (problems.length > 0 || !config.checks.enabled) return;
  const named = Object.values(config.gates.evidence).some((evidence) => evidence.check && nameKey(evidence.check) === nameKey(name));
  if (!named) return;
  const hint = run
    ? { sha: run.head_sha, headBranch: run.check_suite?.head_branch ?? null, pullRequests: run.pull_requests ?? [] }
    : {
        sha: payload.sha,
        // A status carries the branches containing its commit; a merge queue branch means a merge group.
        headBranch: ((payload.branches ?? []) as Array<{ name: string }>).map((branch) => branch.name).find(isMergeQueueBranch) ?? null,
        pullRequests: [],
      };
  job.log.info({ check: name, sha: hint.sha }, 'evidence check reported; re-evaluating gates');
  for (const target of await targetsForCommit(job, hint, { skipUnchanged: true })) {
    await evaluateAndPost(job, target);
  }
}

/** Required checks must report on the merge group's commit, or the queue never moves. */
export async function onMergeGroup(job: JobOf<'merge_group'>): Promise<void> {
  const { config, problems } = await job.config();
  if (problems.length === 0 && !config.checks.enabled) return;
  const target = await mergeGroupTarget(job, job.payload.merge_group);
  if (target) await evaluateAndPost(job, target);
}
