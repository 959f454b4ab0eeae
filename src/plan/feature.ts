// Feature identity from a branch name, and the plan path rendered from a configurable template.
// Pure: the rendered path must stay inside the repository whatever the branch name says.

export interface FeatureRef {
  /** The branch as given, e.g. `feat/001-user-auth`. */
  branch: string;
  /** The last path segment, e.g. `001-user-auth`. */
  feature: string;
  /** The leading number (or timestamp id), e.g. `001` or `20261123-101500`. */
  number: string;
  /** The rest, e.g. `user-auth`. */
  slug: string;
}

/** Git refuses path components longer than this on most filesystems; GitHub refuses paths past 4096 bytes. */
const MAX_PATH_BYTES = 4096;
const MAX_SEGMENT_BYTES = 255;

/** Strips `refs/heads/` so a full ref and a short branch name give the same result. */
export function branchFromRef(ref: string): string {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
}

/**
 * The feature a branch belongs to, or null when its last segment does not match the pattern
 * (or the name carries characters no safe path may hold).
 */
export function featureFromBranch(branchOrRef: string, pattern: string | RegExp): FeatureRef | null {
  const branch = branchFromRef(branchOrRef);
  const feature = branch.split('/').pop() ?? '';
  const regex = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
  if (!regex.test(feature) || !isSafeSegment(feature)) return null;
  const timestamp = /^(\d{8}-\d{6})-(.*)$/.exec(feature);
  const numbered = /^(\d+)-(.*)$/.exec(feature);
  const match = timestamp ?? numbered;
  return {
    branch,
    feature,
    number: match ? match[1] : feature,
    slug: match ? match[2] : feature,
  };
}

function isSafeSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    segment !== '.' &&
    segment !== '..' &&
    !/[\u0000-\u001f\u007f\\]/.test(segment) &&
    Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES
  );
}

/**
 * Renders a path template such as `apps/web/specs/{feature}/plan.md`.
 * Returns null when the result would leave the repository: absolute paths, `..`, empty or
 * control-character segments, or a path longer than git allows.
 */
export function renderPlanPath(template: string, ref: FeatureRef): string | null {
  const rendered = template
    .replaceAll('{feature}', ref.feature)
    .replaceAll('{number}', ref.number)
    .replaceAll('{slug}', ref.slug)
    .replaceAll('{branch}', ref.branch);
  if (rendered.startsWith('/') || /^[a-zA-Z]:/.test(rendered)) return null;
  if (Buffer.byteLength(rendered) > MAX_PATH_BYTES) return null;
  const segments = rendered.split('/');
  if (!segments.every(isSafeSegment)) return null;
  return segments.join('/');
}

/** The feature folder's sibling file, e.g. tasks.md next to plan.md. */
export function siblingPath(planPath: string, fileName: string): string {
  const slash = planPath.lastIndexOf('/');
  return slash === -1 ? fileName : `${planPath.slice(0, slash + 1)}${fileName}`;
}
