// Options shared by parsing and linting (kept apart from index.ts so engine files can import them).
import type { GateVocabulary } from './gate-status.js';

export type { GateVocabulary };

export interface AnalyseOptions {
  /** Path shown in the model and findings. */
  file?: string;
  /** `plan` (default) applies every rule; `tasks` (spec-kit tasks.md) skips plan-only rules such as required sections. */
  kind?: 'plan' | 'tasks';
  vocabulary?: GateVocabulary;
  /** Level-2 section titles the plan must have; default: the seed template's. */
  requiredSections?: string[];
}
