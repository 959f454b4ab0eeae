// `checks.per_gate`: one check run per gate, `planbot / gate: <name>`, so a repository can require
// a single gate in branch protection. A gate named in several plans is one check (worst status wins).
import type { PlanbotConfig } from '../config/schema.js';
import type { CheckRunSpec } from './check-run-spec.js';
import { STATUS_LABEL, gateConclusion, worstStatus } from './conclusion.js';
import type { EvaluatedGate } from './gates.js';
import { gateTable } from './gates-check.js';
import { gateCheckName, nameKey, normaliseName } from './names.js';

/** Each check run is one write; a plan with more gates than this gets a note instead of more runs. */
export const MAX_GATE_CHECKS = 50;

export interface PerGateChecks {
  specs: CheckRunSpec[];
  /** Gate names left without their own check run. */
  omitted: string[];
}

export function buildGateChecks(gates: EvaluatedGate[], checks: PlanbotConfig['checks']): PerGateChecks {
  const groups = new Map<string, EvaluatedGate[]>();
  for (const gate of gates) {
    const key = nameKey(gate.gate.name);
    if (key === '') continue;
    groups.set(key, [...(groups.get(key) ?? []), gate]);
  }
  const all = [...groups.values()];
  const specs = all.slice(0, MAX_GATE_CHECKS).map((rows) => {
    const name = normaliseName(rows[0].gate.name);
    const status = worstStatus(rows.map((row) => row.status));
    const disagreements = rows.flatMap((row) => (row.disagreement ? [`> [!WARNING]\n> ${row.disagreement}`, ''] : []));
    const summary = [
      `## Gate: ${name}`,
      '',
      `Status: **${STATUS_LABEL[status]}**${rows.length > 1 ? ` (the worst of ${rows.length} rows)` : ''}.`,
      '',
      ...disagreements,
      gateTable(rows, rows.some((row) => row.evidence), true),
      '',
    ].join('\n');
    return {
      name: gateCheckName(name),
      conclusion: gateConclusion(status, checks),
      title: `${name}: ${STATUS_LABEL[status]}`,
      summary,
      annotations: [],
    } satisfies CheckRunSpec;
  });
  return { specs, omitted: all.slice(MAX_GATE_CHECKS).map((rows) => normaliseName(rows[0].gate.name)) };
}
