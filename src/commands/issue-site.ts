// A command written in a phase or tracking issue is about that issue's feature: its plan on the
// feature branch, or on the default branch once the feature is merged. `/planbot sync` and
// `/planbot sync --dry-run` both start here, so the dry run plans exactly what the sync would do.
import type { JobOf } from '../job/job.js';
import { locatePlan } from '../sync/locate-plan.js';
import type { PlanbotMarker } from '../sync/marker.js';
import { featureBranchOf } from '../sync/planbot-issue.js';
import type { SyncTarget } from '../sync/sync-feature.js';

export type IssueFeature = { found: true; target: SyncTarget; plan: { content: string; blobSha: string } } | { found: false; reason: string };

/** 1–3 requests (see locatePlan). */
export async function issueFeature(job: JobOf<'issue_comment'>, marker: PlanbotMarker): Promise<IssueFeature> {
  const located = await locatePlan(job.github, job.repo, {
    path: marker.path,
    featureBranch: featureBranchOf(marker),
    defaultBranch: job.payload.repository.default_branch,
  });
  if (!located.found) return located;
  const { ref, content, sha } = located.file;
  const { owner, repo } = job.repo;
  // Ticks made in the issue are committed to the branch the plan was read from.
  const target: SyncTarget = { owner, repo, feature: marker.feature, planPath: marker.path, ref, branchForLinks: ref, commitBranch: ref };
  return { found: true, target, plan: { content, blobSha: sha } };
}
