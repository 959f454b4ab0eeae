// The documented, stable JSON shape of `planbot parse --json` (docs/cli.md). Built field by field
// so that adding a field to the internal model never changes what scripts receive.
import type { Finding, PlanModel } from '../plan/index.js';

export interface PlanJson {
  file: string | null;
  feature: string | null;
  title: string | null;
  phases: Array<{
    number: string;
    title: string;
    line: number;
    duration: string | null;
    dependencies: string[];
    /** The enclosing phase's number for a sub-phase (`"1"` for `### 1.2` under `## Phase 1`), else null. */
    parent: string | null;
    tasks: Array<{ text: string; checked: boolean; line: number; id: string | null }>;
  }>;
  gates: Array<{ name: string; criteria: string; status: string; raw: string; line: number }>;
  placeholders: Array<{ text: string; line: number; column: number }>;
  findings: FindingJson[];
}

export interface FindingJson {
  rule: string;
  severity: string;
  message: string;
  line: number;
}

export function planToJson(model: PlanModel): PlanJson {
  return {
    file: model.file,
    feature: model.feature,
    title: model.title,
    phases: model.phases.map((phase) => ({
      number: phase.number,
      title: phase.title,
      line: phase.line,
      duration: phase.duration,
      dependencies: [...phase.dependencies],
      parent: phase.parent ?? null,
      tasks: phase.tasks.map((task) => ({ text: task.text, checked: task.checked, line: task.line, id: task.id })),
    })),
    gates: model.gates.map((gate) => ({
      name: gate.name,
      criteria: gate.criteria,
      status: gate.status,
      raw: gate.raw,
      line: gate.line,
    })),
    placeholders: model.placeholders.map((placeholder) => ({
      text: placeholder.text,
      line: placeholder.line,
      column: placeholder.column,
    })),
    findings: model.findings.map(findingToJson),
  };
}

export function findingToJson(finding: Finding): FindingJson {
  return { rule: finding.rule, severity: finding.severity, message: finding.message, line: finding.line };
}
