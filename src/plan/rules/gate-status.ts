// Quality gates that are not passed: failing (error), pending or unrecognised (warning), warning (notice).
import type { Gate, GateStatus } from '../model.js';
import { quote, type LintRule } from './rule.js';

function gateRule(
  id: string,
  severity: LintRule['severity'],
  status: GateStatus,
  describe: (gate: Gate) => string,
): LintRule {
  return {
    id,
    severity,
    planOnly: false,
    check: (model) =>
      model.gates
        .filter((gate) => gate.status === status)
        .map((gate) => ({ message: `Gate ${quote(gate.name)} ${describe(gate)}`, line: gate.line })),
  };
}

const shown = (gate: Gate) => (gate.raw ? ` (${quote(gate.raw)})` : ' (empty status)');

export const gateFailingRule = gateRule('gate-failing', 'error', 'fail', (gate) => `is failing${shown(gate)}`);
export const gatePendingRule = gateRule('gate-pending', 'warning', 'pending', (gate) => `is pending${shown(gate)}`);
export const gateUnknownRule = gateRule(
  'gate-unknown',
  'warning',
  'unknown',
  (gate) => `has a status planbot does not recognise${shown(gate)}; add the word to gates.vocabulary`,
);
export const gateWarningRule = gateRule('gate-warning', 'notice', 'warn', (gate) => `passed with a warning${shown(gate)}`);
