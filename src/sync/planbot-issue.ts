// Which issues planbot acts on from the issue side, and which file a tick in one may change.
// The marker is plain text anyone who can edit the issue can write, so it is trusted only on an
// issue planbot opened, and the file it names must be a plan (or its tasks.md) by the repository's config.
import picomatch from 'picomatch';
import type { PlanbotConfig } from '../config/schema.js';
import { featureFromBranch, isSafePathSegment, renderPlanPath, siblingPath } from '../plan/feature.js';
import { isSelf, type Sender } from '../job/identity.js';
import type { SelfIdentity } from '../job/job.js';
import type { PlanbotMarker } from './issue-body.js';

/**
 * Whether planbot opened this issue. Call it after the cheap checks (is there a marker at all):
 * the first call in a process may cost one GET /app.
 */
export async function isOwnIssue(issue: { user?: Sender | null }, identity: SelfIdentity): Promise<boolean> {
  return isSelf(issue.user, await identity.login());
}

/** The branch the issue's links point at: where its ticks go while that branch exists. */
export function featureBranchOf(marker: PlanbotMarker): string {
  return marker.branch || marker.feature;
}

/**
 * The file a tick in this issue edits: the plan, or the tasks.md beside it when the phase's tasks come
 * from there. Null when the marker's path is not a plan by this repository's configuration.
 */
export function editableFile(marker: PlanbotMarker, config: PlanbotConfig): { path: string; kind: 'plan' | 'tasks' } | null {
  if (!isPlanPath(marker, config)) return null;
  return marker.source === 'tasks'
    ? { path: siblingPath(marker.path, 'tasks.md'), kind: 'tasks' }
    : { path: marker.path, kind: 'plan' };
}

function isPlanPath(marker: PlanbotMarker, config: PlanbotConfig): boolean {
  const { path } = marker;
  if (path.startsWith('/') || !path.split('/').every(isSafePathSegment)) return false;
  const ref = featureFromBranch(marker.feature, config.branches.pattern);
  if (ref && renderPlanPath(config.plan.path, ref) === path) return true;
  return picomatch(config.plan.glob, { dot: true })(path);
}
