// Which files of a change are read as plans and as checklists, and how many. Pure.
import picomatch from 'picomatch';
import { isChecklistOf, specDirectories } from '../plan/spec-directory.js';
import type { ChangedFiles } from './changed-files.js';

/** A pull request with many plans gets the first ones checked and a note about the rest. */
export const MAX_PLANS_PER_PULL = 50;
/** Checklist files read per pull request (each costs one request). */
export const MAX_CHECKLISTS_PER_PULL = 50;

export interface PlanCandidate {
  path: string;
  /** Absence is no error: the branch's own plan, or the plan of a spec directory the change touches elsewhere. */
  mayBeAbsent: boolean;
}

/**
 * The plans to read, each once: the branch's own (`expectedPath`), the changed files matching
 * `plan.glob`, then the plans of the spec directories the change touches (their plan is checked
 * even when only tasks.md, spec.md or a checklist changed). Deleted files are never read.
 */
export function planCandidates(changed: ChangedFiles, glob: string, expectedPath: string | null): PlanCandidate[] {
  const removed = new Set(changed.removed);
  const listed = new Set(changed.files);
  const isPlan = picomatch(glob, { dot: true });
  const fromSpecDirectories = specDirectories(changed.files.filter((path) => !removed.has(path)))
    .map((spec) => `${spec.dir}/plan.md`)
    .filter((path) => isPlan(path) && !removed.has(path));
  const optional = new Set([...(expectedPath ? [expectedPath] : []), ...fromSpecDirectories]);
  const paths = [
    ...(expectedPath && !removed.has(expectedPath) ? [expectedPath] : []),
    ...changed.files.filter((path) => isPlan(path) && !removed.has(path)),
    ...fromSpecDirectories,
  ];
  return [...new Set(paths)].map((path) => ({ path, mayBeAbsent: path === expectedPath || (optional.has(path) && !listed.has(path)) }));
}

/**
 * The checklists the change adds or alters in the spec directory of each plan read. A feature's
 * checklists are written on its branch, so its pull request lists them all.
 */
export function checklistCandidates(changed: ChangedFiles, planPaths: readonly string[]): string[] {
  const removed = new Set(changed.removed);
  const dirs = [...new Set(planPaths.map((path) => path.slice(0, Math.max(0, path.lastIndexOf('/')))))];
  return changed.files.filter((path) => !removed.has(path) && dirs.some((dir) => isChecklistOf(path, dir)));
}
