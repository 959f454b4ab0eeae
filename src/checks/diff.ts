// Wanted check runs against those already on the commit: the writes that remain. A run that
// already shows exactly what would be posted is left alone when the caller asks for that
// (re-evaluations, retries): on a new commit there is nothing to compare with.
import type { ExistingCheckRun } from '../github/github.js';
import type { CheckRunSpec } from './check-run-spec.js';
import { isPlanbotCheckName } from './names.js';
import { isUnchanged } from './unchanged.js';
import { writesFor, type CheckRunWrite } from './writes.js';

export interface CheckRunDiff {
  writes: CheckRunWrite[];
  /** Names of the wanted runs already shown as they are. */
  unchanged: string[];
}

export interface DiffOptions {
  headSha: string;
  /** `pr-<number>`, so a fork's run can be traced back to its pull request. */
  externalId?: string;
  skipUnchanged: boolean;
}

export function diffCheckRuns(wanted: CheckRunSpec[], existing: ExistingCheckRun[], options: DiffOptions): CheckRunDiff {
  const current = new Map(existing.filter((run) => isPlanbotCheckName(run.name)).map((run) => [run.name, run]));
  const diff: CheckRunDiff = { writes: [], unchanged: [] };
  for (const spec of wanted) {
    if (options.skipUnchanged && isUnchanged(current.get(spec.name), spec)) diff.unchanged.push(spec.name);
    else diff.writes.push(...writesFor(spec, options.headSha, options.externalId));
  }
  return diff;
}
