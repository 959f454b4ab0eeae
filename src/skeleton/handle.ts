// A new branch (the `create` event, or a `push` that created it): commit the plan skeleton when it
// is a feature branch. Thin: filters what needs no request, loads the config, hands over.
import type { JobOf } from '../job/job.js';
import { branchFromRef, featureSegment, isSafePathSegment } from '../plan/feature.js';
import { commitSkeleton } from './commit-skeleton.js';
import { rememberHandled, wasHandledRecently } from './recent-branches.js';

type BranchJob = JobOf<'create'> | JobOf<'push'>;

export async function onBranchCreated(job: BranchJob): Promise<void> {
  const branch = createdBranch(job);
  if (branch === null) return;
  const log = job.log.child({ feature: featureSegment(branch).slice(0, 100) });

  // No configurable pattern can make these safe, so they are turned away before any request.
  if (!isSafePathSegment(featureSegment(branch))) {
    log.warn({ branch: branch.slice(0, 300) }, 'branch name cannot give a safe plan path; ignoring it');
    return;
  }
  if (branch === job.payload.repository.default_branch) return;
  const { owner, repo } = job.repo;
  // The second of the create + push pair for a branch this process has just handled: nothing to do.
  if (wasHandledRecently(owner, repo, branch)) {
    log.debug({ branch }, 'skeleton already handled for this branch; nothing to do');
    return;
  }

  const { config, problems } = await job.config();
  if (problems.length > 0) {
    log.warn({ branch, problems: problems.length }, 'not committing the plan skeleton: .github/planbot.yml is invalid');
    return;
  }
  if (!config.skeleton.enabled) {
    log.debug({ branch }, 'skeleton.enabled is false; not committing the plan skeleton');
    return;
  }

  const result = await commitSkeleton(job, { owner, repo, branch, config });
  if (result.status === 'committed' || result.status === 'exists') rememberHandled(owner, repo, branch);
  if (result.status === 'ignored') log.debug({ branch, reason: result.reason }, 'no plan skeleton for this branch');
}

/** The branch a `create` or `push` event created; null for tags and anything else. */
function createdBranch(job: BranchJob): string | null {
  if (job.name === 'create') {
    const payload = (job as JobOf<'create'>).payload;
    return payload.ref_type === 'branch' ? branchFromRef(payload.ref) : null;
  }
  const payload = (job as JobOf<'push'>).payload;
  if (!payload.created || payload.deleted || !payload.ref.startsWith('refs/heads/')) return null;
  return branchFromRef(payload.ref);
}
