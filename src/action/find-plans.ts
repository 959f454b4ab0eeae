// Plan files in the workspace that match a glob (picomatch, as for every other planbot glob).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';

/** Directories never searched: version control and installed packages. */
const SKIPPED = new Set(['.git', 'node_modules']);

/** `specs/{feature}/plan.md` → `specs/*\/plan.md`; `{branch}` may hold slashes. */
export function globFromPlanPath(planPath: string): string {
  return planPath.replace(/\{branch\}/g, '**').replace(/\{(feature|number|slug)\}/g, '*');
}

/** Workspace-relative POSIX paths of the files matching `glob`, sorted. */
export function findPlans(workspace: string, glob: string): string[] {
  const matches = picomatch(glob);
  const found: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(join(dir, entry.name), path);
      } else if (entry.isFile() && matches(path)) {
        found.push(path);
      }
    }
  };
  walk(workspace, '');
  return found.sort();
}

/** A one-argument matcher: picomatch's own takes a second `returnObject` argument, which `filter` would fill. */
export function matcher(glob: string): (path: string) => boolean {
  const matches = picomatch(glob);
  return (path) => matches(path);
}
