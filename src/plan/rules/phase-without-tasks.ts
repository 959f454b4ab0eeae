// Phases with nothing to do: no task items of their own and no sub-steps that have some.
import { canonicalPhaseNumber } from '../dependencies.js';
import { phaseLabel, type LintRule } from './rule.js';

export const phaseWithoutTasksRule: LintRule = {
  id: 'phase-without-tasks',
  severity: 'warning',
  planOnly: false,
  check: (model) => {
    const parents = new Set(
      model.phases.flatMap((phase) => (phase.parent ? [canonicalPhaseNumber(phase.parent)] : [])),
    );
    return model.phases
      .filter((phase) => phase.tasks.length === 0 && !parents.has(canonicalPhaseNumber(phase.number)))
      .map((phase) => ({ message: `${phaseLabel(phase)} has no tasks`, line: phase.line }));
  },
};
