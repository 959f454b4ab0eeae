// What a lint rule is: a stable id, one severity, and a check over the parsed model.
import type { Finding, PlanModel, Severity } from '../model.js';
import type { AnalyseOptions } from '../options.js';

export interface LintRule {
  /** Stable kebab-case id, shown to users and documented in docs/engine.md. */
  id: string;
  severity: Severity;
  /** Plan-only rules are skipped for `kind: 'tasks'` (spec-kit tasks.md). */
  planOnly: boolean;
  check(model: PlanModel, options: AnalyseOptions): Array<Omit<Finding, 'rule' | 'severity'>>;
}

/** Quotes a name for a message, keeping messages one line long whatever the plan says. */
export function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}”`;
}

/** `Phase 2 “Core”`, or `Phase 2` when the phase has no title. */
export function phaseLabel(phase: { number: string; title: string }): string {
  return phase.title ? `Phase ${phase.number} ${quote(phase.title)}` : `Phase ${phase.number}`;
}
