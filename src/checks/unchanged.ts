// A re-evaluation that changes nothing writes nothing: the run already on the commit is compared
// with what would be posted, after GitHub's limits are applied to both sides alike.
import type { ExistingCheckRun } from '../github/github.js';
import type { CheckRunSpec } from './check-run-spec.js';
import { fitToLimits } from './limits.js';

/** True when the existing run already shows exactly what `wanted` would post. */
export function isUnchanged(existing: ExistingCheckRun | undefined, wanted: CheckRunSpec): boolean {
  if (!existing || existing.status !== 'completed') return false;
  const spec = fitToLimits(wanted);
  return (
    existing.conclusion === spec.conclusion &&
    (existing.output.title ?? '') === spec.title &&
    (existing.output.summary ?? '') === spec.summary &&
    (existing.output.text ?? '') === (spec.text ?? '') &&
    (existing.output.annotations_count ?? 0) === spec.annotations.length
  );
}
