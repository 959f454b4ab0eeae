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

/** GitHub refuses paths past 4096 bytes; most filesystems refuse a path component past 255. */
const MAX_PATH_BYTES = 4096;
const MAX_SEGMENT_BYTES = 255;

/** Control characters (C0, C1, DEL), invisible format characters (bidi overrides, zero-width) and backslashes. */
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cf}\\]/u;

/** Strips `refs/heads/` so a full ref and a short branch name give the same result. */
export function branchFromRef(ref: string): string {
  return ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
}

/** The branch's last path segment: the candidate feature id. */
export function featureSegment(branchOrRef: string): string {
  return branchFromRef(branchOrRef).split('/').pop() ?? '';
}

/**
 * Whether a segment may appear in a repository path: not empty, not `.`/`..`/`.git`,
 * no control or invisible characters, not longer than a filesystem allows.
 */
export function isSafePathSegment(segment: string): boolean {
  return (
    segment.length > 0 &&
    segment !== '.' &&
    segment !== '..' &&
    segment.toLowerCase() !== '.git' &&
    !UNSAFE_CHARACTERS.test(segment) &&
    Buffer.byteLength(segment) <= MAX_SEGMENT_BYTES
  );
}

/**
 * The feature a branch belongs to, or null when its last segment does not match the pattern
 * (or the name carries characters no safe path may hold).
 */
export function featureFromBranch(branchOrRef: string, pattern: string | RegExp): FeatureRef | null {
  const branch = branchFromRef(branchOrRef);
  const feature = featureSegment(branch);
  // Safety first: it also bounds the input a configured (possibly slow) pattern runs on.
  if (!isSafePathSegment(feature)) return null;
  const regex = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
  if (!regex.test(feature)) return null;
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

/**
 * A feature's ref from its id (a spec directory's name, an issue marker's feature): number and slug
 * when the id is a feature id by `pattern`, else the whole id. `branch` defaults to the id.
 */
export function featureRefOf(id: string, pattern: string | RegExp, branch = id): FeatureRef {
  const ref = featureFromBranch(id, pattern);
  return ref ? { ...ref, branch } : { branch, feature: id, number: id, slug: id };
}

/**
 * Replaces `{feature}`, `{number}`, `{slug}` and `{branch}` (plus any extra names given) in one
 * pass, so a value that itself looks like a placeholder is never expanded again.
 */
export function fillPlaceholders(template: string, ref: FeatureRef, extra: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    feature: ref.feature,
    number: ref.number,
    slug: ref.slug,
    branch: ref.branch,
    ...extra,
  };
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

/**
 * Renders a path template such as `apps/web/specs/{feature}/plan.md`.
 * Returns null when the result would leave the repository: absolute paths, `..`, empty or
 * control-character segments, or a path longer than git allows.
 */
export function renderPlanPath(template: string, ref: FeatureRef): string | null {
  const rendered = fillPlaceholders(template, ref);
  if (rendered.startsWith('/') || /^[a-zA-Z]:/.test(rendered)) return null;
  if (Buffer.byteLength(rendered) > MAX_PATH_BYTES) return null;
  const segments = rendered.split('/');
  if (!segments.every(isSafePathSegment)) return null;
  return segments.join('/');
}

/** The feature folder's sibling file, e.g. tasks.md next to plan.md. */
export function siblingPath(planPath: string, fileName: string): string {
  const slash = planPath.lastIndexOf('/');
  return slash === -1 ? fileName : `${planPath.slice(0, slash + 1)}${fileName}`;
}
