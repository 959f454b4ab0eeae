// The one rule for which feature(s) a change belongs to. spec-kit 1.0 keeps the active feature
// machine-local (`.specify/feature.json`), so on GitHub the reliable signal is the spec directory
// a change touches: `specs/<dir>/plan.md`, `tasks.md`, `spec.md` or `checklists/*.md`, at the
// repository root or under a monorepo project (`apps/web/specs/<dir>/…`). The branch-name rule
// (src/plan/feature.ts) applies on top of this one. Pure.
import { featureFromBranch, featureRefOf, isSafePathSegment, type FeatureRef } from './feature.js';

export interface SpecDirectory {
  /** The directory, e.g. `apps/web/specs/003-login-page`. */
  dir: string;
  /** Its last segment, e.g. `003-login-page`. */
  name: string;
}

/** The spec-kit files that make a directory a feature's. */
const SPEC_FILE = /^(?:(.+)\/)?specs\/([^/]+)\/(?:plan\.md|tasks\.md|spec\.md|checklists\/[^/]+\.md)$/;
const CHECKLIST = /^(.+)\/checklists\/[^/]+\.md$/;

/** The spec directory a changed file belongs to, or null when it is not one of a feature's spec files. */
export function specDirectoryOf(path: string): SpecDirectory | null {
  const match = SPEC_FILE.exec(path);
  if (!match) return null;
  if (!path.split('/').every(isSafePathSegment)) return null;
  const dir = `${match[1] ? `${match[1]}/` : ''}specs/${match[2]}`;
  return { dir, name: match[2] };
}

/** The spec directories among `paths`, each once, in first-seen order. */
export function specDirectories(paths: readonly string[]): SpecDirectory[] {
  const found = new Map<string, SpecDirectory>();
  for (const path of paths) {
    const spec = specDirectoryOf(path);
    if (spec && !found.has(spec.dir)) found.set(spec.dir, spec);
  }
  return [...found.values()];
}

/** Whether `path` is a checklist (`<dir>/checklists/*.md`) of the spec directory `dir`. */
export function isChecklistOf(path: string, dir: string): boolean {
  const match = CHECKLIST.exec(path);
  return match !== null && match[1] === dir && specDirectoryOf(path) !== null;
}

/** The branch a plan is read on, when it names a feature: its plan path is the feature's whatever its folder is called. */
export interface BranchPlan {
  feature: string;
  /** `plan.path` rendered for the branch; null when unsafe. */
  planPath: string | null;
}

/**
 * The feature a plan belongs to: the one rule every caller uses (checks, the sync on pull requests
 * and pushes, commands, write-back, the CLI). The branch's feature for the plan at the branch's
 * configured path; else its folder when the folder is a feature id by `branches.pattern`; else the
 * plan's own feature (its `**Branch**:` field); else the folder, else the path. `planFeature` may
 * be a function, so a caller holding unparsed text parses it only when the folder does not decide.
 */
export function featureOfPlanPath(
  path: string,
  pattern: string,
  planFeature: string | null | (() => string | null),
  branch: BranchPlan | null = null,
): string {
  if (branch && path === branch.planPath) return branch.feature;
  const slash = path.lastIndexOf('/');
  const folderPath = slash === -1 ? '' : path.slice(0, slash);
  const folder = folderPath.slice(folderPath.lastIndexOf('/') + 1);
  if (folder && featureFromBranch(folder, pattern)) return folder;
  const own = typeof planFeature === 'function' ? planFeature() : planFeature;
  return own ?? (folder || path);
}

/** The feature a spec directory stands for, on `branch`: number and slug when its name is a feature id, else the whole name. */
export function featureRefFor(spec: SpecDirectory, branch: string, pattern: string): FeatureRef {
  return featureRefOf(spec.name, pattern, branch);
}
