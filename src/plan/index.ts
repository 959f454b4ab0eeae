// The plan engine's public API. Pure: no GitHub imports. Everything outside src/plan/ imports from here.
// CONTRACT (signatures fixed; the engine owner implements them, possibly in separate files re-exported here).
import type { GateStatus, PlanModel, Finding } from './model.js';
export type * from './model.js';

/** Extra words per status class, from `gates.vocabulary` in the config. */
export interface GateVocabulary {
  pass?: string[];
  fail?: string[];
  pending?: string[];
  warn?: string[];
  waived?: string[];
}

export interface AnalyseOptions {
  /** Path shown in the model and findings. */
  file?: string;
  /** `plan` (default) applies every rule; `tasks` (spec-kit tasks.md) skips plan-only rules such as required sections. */
  kind?: 'plan' | 'tasks';
  vocabulary?: GateVocabulary;
  /** Level-2 section titles the plan must have; default: the seed template's. */
  requiredSections?: string[];
}

/** Parses markdown into the model; `findings` holds only parse-level findings. */
export function parsePlan(_source: string, _options: AnalyseOptions = {}): PlanModel {
  throw new Error('not implemented');
}

/** Runs the lint rules over a parsed model. */
export function lintPlan(_model: PlanModel, _options: AnalyseOptions = {}): Finding[] {
  throw new Error('not implemented');
}

/** parsePlan + lintPlan: the model with every finding, sorted by line. */
export function analysePlan(_source: string, _options: AnalyseOptions = {}): PlanModel {
  throw new Error('not implemented');
}

/** Classifies a Status cell: first recognised token (emoji or word) wins, emphasis ignored. */
export function classifyGateStatus(_raw: string, _vocabulary: GateVocabulary = {}): GateStatus {
  throw new Error('not implemented');
}

export interface RenderVariables {
  feature: string;
  number: string;
  slug: string;
  /** ISO date, YYYY-MM-DD. */
  date: string;
  /** Relative link from the plan to spec.md; default `./spec.md`. */
  specLink?: string;
}

/** Fills a plan template (the seed or a repository's own) for one feature. */
export function renderTemplate(_template: string, _variables: RenderVariables): string {
  throw new Error('not implemented');
}

/** The built-in seed template (a copy of shared/seed/plan-template.md). */
export const SEED_TEMPLATE = '';
