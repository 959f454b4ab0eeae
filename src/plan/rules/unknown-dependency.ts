// Dependencies on phases the plan does not have.
import { canonicalPhaseNumber } from '../dependencies.js';
import { phaseLabel, type LintRule } from './rule.js';

export const unknownDependencyRule: LintRule = {
  id: 'unknown-dependency',
  severity: 'error',
  planOnly: false,
  check: (model) => {
    const known = new Set(model.phases.map((phase) => canonicalPhaseNumber(phase.number)));
    return model.phases.flatMap((phase) =>
      phase.dependencies
        .filter((dependency) => !known.has(canonicalPhaseNumber(dependency)))
        .map((dependency) => ({
          message: `${phaseLabel(phase)} depends on Phase ${dependency}, which this plan does not have`,
          line: phase.dependenciesLine ?? phase.line,
        })),
    );
  },
};
