// What a change carries for planbot: the plans it touches (read at its head commit, analysed), the
// checklists next to them, and what could not be used. The checks and the issue sync both read it.
import type { ConfigProblem } from '../config/load.js';
import type { PlanbotConfig } from '../config/schema.js';
import type { FeatureRef } from '../plan/feature.js';
import type { ChecklistGate } from '../plan/checklist-gates.js';
import type { PlanModel } from '../plan/index.js';

export interface PlanFile {
  path: string;
  /** The feature the plan belongs to (featureOfPlanPath in src/plan/spec-directory.ts). */
  feature: string;
  content: string;
  blobSha: string;
  /** The commit it was read at (the pull request's head SHA). */
  ref: string;
  model: PlanModel;
}

export interface PullRequestPlans {
  config: PlanbotConfig;
  /** Non-empty: the configuration is invalid; nothing was listed or read, and nobody may write. */
  problems: ConfigProblem[];
  feature: FeatureRef | null;
  /** The configured plan path for the branch's feature; null when not a feature branch (or the path is unsafe). */
  expectedPath: string | null;
  plans: PlanFile[];
  /** A feature branch whose plan is absent (at the configured path, and among the changed plans). */
  missing: boolean;
  changedFiles: string[];
  /** Plans that exist but could not be used (too large, not text, beyond the per-PR limit), with why. */
  readErrors: Array<{ path: string; message: string }>;
  /** Changed paths the pull request deletes. */
  removedFiles: string[];
  /** GitHub's file list stopped at its cap: plans among the unlisted files are not seen. */
  filesTruncated: boolean;
  /** The commit the plans were read at. */
  headSha: string;
  /** spec-kit checklists (`<spec dir>/checklists/*.md`) the pull request carries, next to a checked plan: each is a gate. */
  checklists?: ChecklistGate[];
}

export interface PullRequestRef {
  number: number;
  head: { ref: string; sha: string };
  base?: unknown;
}

/** Where the plans are read and how the changed files are found: a pull request's list, or a comparison of two commits. */
export interface PlanSource {
  /** Memo key: two calls with the same key in one job share one result. */
  key: string;
  /** The feature branch name, or null when there is none (e.g. a merge group of unknown origin). */
  branch: string | null;
  sha: string;
  /** The pull request whose files changed… */
  pull?: number;
  /** …or, without one, the commits whose difference is the change. */
  compare?: { base: string; head: string };
}
