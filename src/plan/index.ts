// The plan engine's public API. Pure: no GitHub imports. Everything outside src/plan/ imports from here.
export type * from './model.js';
export type { GateVocabulary, AnalyseOptions } from './options.js';
export type { RenderVariables } from './template.js';
export type { LintRule } from './rules/index.js';

/** Parses markdown into the model; `findings` holds only parse-level findings. */
export { parsePlan } from './parse.js';
/** Runs the lint rules over a parsed model; analysePlan = parsePlan + lintPlan, findings sorted by line. */
export { lintPlan, analysePlan, sortFindings } from './lint.js';
/** Classifies a Status cell: its first status word, else its first status symbol; emphasis ignored. */
export { classifyGateStatus, DEFAULT_GATE_VOCABULARY } from './gate-status.js';
/** Fills a plan template (the seed or a repository's own) for one feature. */
export { renderTemplate, titleCase } from './template.js';
/** The built-in seed template (a copy of shared/seed/plan-template.md). */
export { SEED_TEMPLATE } from './seed-template.js';
export { RULES } from './rules/index.js';
export { canonicalPhaseNumber } from './dependencies.js';
