// The same phase number used twice: dependencies and issues could not tell the two apart.
import { canonicalPhaseNumber } from '../dependencies.js';
import { phaseLabel, type LintRule } from './rule.js';

export const duplicatePhaseRule: LintRule = {
  id: 'duplicate-phase',
  severity: 'error',
  planOnly: false,
  check: (model) => {
    const firstLine = new Map<string, number>();
    const findings = [];
    for (const phase of model.phases) {
      const key = canonicalPhaseNumber(phase.number);
      const first = firstLine.get(key);
      if (first === undefined) firstLine.set(key, phase.line);
      else findings.push({ message: `${phaseLabel(phase)} repeats phase number ${phase.number} (first used at line ${first})`, line: phase.line });
    }
    return findings;
  },
};
