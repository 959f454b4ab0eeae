// `planbot / quality gates`: one table row per gate of every plan, and one conclusion for all.
import type { PlanbotConfig } from '../config/schema.js';
import type { GateStatus } from '../plan/index.js';
import type { Annotation, CheckRunSpec } from './check-run-spec.js';
import { STATUS_LABEL, gateConclusion, worstConclusion } from './conclusion.js';
import type { EvaluatedGate } from './gates.js';
import { cell, code, plural, textCell, textLine } from './markdown.js';
import { MAX_OUTPUT_CHARS } from './limits.js';
import { GATES_CHECK } from './names.js';

export interface GatesCheckInput {
  planPaths: string[];
  gates: EvaluatedGate[];
  checks: PlanbotConfig['checks'];
  /** Extra notes for the end of the summary (e.g. per-gate checks left out). */
  notes?: string[];
}

export const DISAGREEMENT_RULE = 'gate-evidence-disagrees';

export function buildGatesCheck(input: GatesCheckInput): CheckRunSpec {
  const { gates } = input;
  const conclusion = gates.length === 0 ? 'neutral' : worstConclusion(gates.map((gate) => gateConclusion(gate.status, input.checks)));
  const disagreements = gates.filter((gate) => gate.disagreement);
  const sections = ['## Quality gates', '', headline(gates), ''];
  if (disagreements.length > 0) {
    sections.push('> [!WARNING]', ...disagreements.map((gate) => `> ${textLine(gate.disagreement ?? '', DISAGREEMENT_MAX)}`), '');
  }
  const withEvidence = gates.some((gate) => gate.evidence);
  for (const path of input.planPaths) {
    const rows = gates.filter((gate) => gate.planPath === path);
    sections.push(`### ${code(path)}`, '');
    sections.push(rows.length === 0 ? 'This plan has no quality gate table.' : gateTable(rows, withEvidence, false, cellBudget(gates.length)), '');
  }
  for (const note of input.notes ?? []) sections.push(`> [!NOTE]\n> ${note}`, '');
  const annotations: Annotation[] = disagreements.map((gate) => ({
    path: gate.planPath,
    start_line: gate.gate.line,
    end_line: gate.gate.line,
    annotation_level: 'warning',
    title: DISAGREEMENT_RULE,
    message: gate.disagreement ?? '',
  }));
  return {
    name: GATES_CHECK,
    conclusion,
    title: title(gates),
    summary: sections.join('\n').trimEnd() + '\n',
    annotations,
  };
}

const DISAGREEMENT_MAX = 1_000;

/**
 * Characters each text cell may take so that every gate row fits in one summary (GitHub shows
 * 65,535 characters): a huge cell is shortened rather than the rows after it dropped.
 */
export function cellBudget(rowCount: number): number {
  const room = MAX_OUTPUT_CHARS - 10_000; // headings, notes, the fixed cells of each row
  return Math.max(24, Math.min(2_000, Math.floor(room / Math.max(1, rowCount) / 5)));
}

/** A table of gate rows; shared with the per-gate check runs. */
export function gateTable(rows: EvaluatedGate[], withEvidence: boolean, withPlan = false, cellMax = cellBudget(rows.length)): string {
  const header = ['Gate', ...(withPlan ? ['Plan'] : []), 'Criteria', 'Status', 'Plan says', ...(withEvidence ? ['Evidence'] : [])];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const cells = [
      textCell(row.gate.name, cellMax),
      ...(withPlan ? [cell(code(row.planPath))] : []),
      textCell(row.gate.criteria, cellMax),
      STATUS_LABEL[row.status],
      textCell(row.gate.raw, cellMax),
      ...(withEvidence ? [row.evidence ? textCell(row.evidence.reasons.join('; '), cellMax) : '–'] : []),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function tally(gates: EvaluatedGate[]): Record<GateStatus, number> {
  const counts: Record<GateStatus, number> = { pass: 0, fail: 0, pending: 0, warn: 0, waived: 0, unknown: 0 };
  for (const gate of gates) counts[gate.status]++;
  return counts;
}

function describe(gates: EvaluatedGate[]): string {
  const counts = tally(gates);
  const parts = [
    counts.fail && `${counts.fail} failing`,
    counts.pending && `${counts.pending} pending`,
    counts.unknown && `${counts.unknown} unknown`,
    counts.warn && `${counts.warn} with warnings`,
    counts.waived && `${counts.waived} waived`,
    counts.pass && `${counts.pass} passing`,
  ];
  return parts.filter(Boolean).join(', ');
}

function title(gates: EvaluatedGate[]): string {
  if (gates.length === 0) return 'No quality gates';
  const counts = tally(gates);
  if (counts.pass + counts.waived === gates.length) return gates.length === 1 ? 'The gate passes' : `All ${gates.length} gates pass`;
  return `${plural(gates.length, 'gate')}: ${describe(gates)}`;
}

function headline(gates: EvaluatedGate[]): string {
  if (gates.length === 0) {
    return '➖ No plan in this pull request has a quality gate table (a table with Gate and Status columns), so there is nothing to judge.';
  }
  const counts = tally(gates);
  const icon = counts.fail > 0 ? '❌' : counts.pending + counts.unknown > 0 ? '⏳' : counts.warn > 0 ? '⚠️' : '✅';
  return `${icon} ${plural(gates.length, 'gate')}: ${describe(gates)}.`;
}
