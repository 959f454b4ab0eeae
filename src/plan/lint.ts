// Runs the lint rules over a model, and the parse-then-lint pipeline everything else calls.
import type { Finding, PlanModel } from './model.js';
import type { AnalyseOptions } from './options.js';
import { RULES } from './rules/index.js';
import { parsePlan } from './parse.js';

const SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 } as const;

/** Runs the lint rules over a parsed model. */
export function lintPlan(model: PlanModel, options: AnalyseOptions = {}): Finding[] {
  const kind = options.kind ?? 'plan';
  return RULES.filter((rule) => kind === 'plan' || !rule.planOnly).flatMap((rule) =>
    rule.check(model, options).map((finding) => ({ rule: rule.id, severity: rule.severity, ...finding })),
  );
}

/** parsePlan + lintPlan: the model with every finding, sorted by line. */
export function analysePlan(source: string, options: AnalyseOptions = {}): PlanModel {
  return addLintFindings(parsePlan(source, options), options);
}

/** Adds the lint rules' findings to a parsed model's, in reading order. */
export function addLintFindings(model: PlanModel, options: AnalyseOptions = {}): PlanModel {
  model.findings = sortFindings([...model.findings, ...lintPlan(model, options)]);
  return model;
}

/** By line, then column, then severity; stable otherwise (rule order). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort(
      (a, b) =>
        a.finding.line - b.finding.line ||
        (a.finding.column ?? 0) - (b.finding.column ?? 0) ||
        SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] ||
        a.order - b.order,
    )
    .map(({ finding }) => finding);
}
