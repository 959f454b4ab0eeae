// Which plans a push to the default branch changed, from the payload's commit file lists alone.
import picomatch from 'picomatch';
import type { PlanbotConfig } from '../config/schema.js';
import { siblingPath } from '../plan/feature.js';

interface PushCommit {
  added?: string[] | null;
  modified?: string[] | null;
}

/** Files the push added or modified (deleted ones are not plans to sync), in first-seen order. */
export function changedPaths(commits: PushCommit[] | null | undefined): string[] {
  const paths = new Set<string>();
  for (const commit of commits ?? []) {
    for (const path of [...(commit.added ?? []), ...(commit.modified ?? [])]) paths.add(path);
  }
  return [...paths];
}

/** Plans are markdown: a push that changes no markdown cannot change a plan (and costs no request). */
export function mayChangePlans(paths: string[]): boolean {
  return paths.some((path) => /\.(md|markdown|mdx)$/i.test(path));
}

/**
 * The plans to sync: changed files matching `plan.glob`, and — when tasks.md feeds the issues —
 * the plan next to a changed tasks.md.
 */
export function plansChangedBy(paths: string[], config: PlanbotConfig): string[] {
  const isPlan = picomatch(config.plan.glob, { dot: true });
  const planFile = config.plan.path.split('/').pop() ?? 'plan.md';
  const plans = new Set<string>();
  for (const path of paths) {
    if (isPlan(path)) plans.add(path);
    else if (config.issues.source !== 'plan' && /(^|\/)tasks\.md$/.test(path)) {
      const plan = siblingPath(path, planFile);
      if (isPlan(plan)) plans.add(plan);
    }
  }
  return [...plans];
}
