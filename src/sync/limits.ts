// GitHub limits the issue sync respects, and the finding for a plan that exceeds one.
import type { Finding, Phase } from '../plan/index.js';

/** GitHub allows about this many sub-issues under one parent. */
export const SUB_ISSUE_LIMIT = 100;

/** GitHub refuses issue bodies longer than this many characters. */
export const MAX_BODY_LENGTH = 65_536;

export const SUB_ISSUE_LIMIT_RULE = 'sub-issue-limit';

/**
 * A finding for plans with more phases than one tracking issue can hold as sub-issues, or null.
 * The plan check can show it; the sync links the first SUB_ISSUE_LIMIT phases and lists the rest
 * in the tracking issue's body.
 */
export function subIssueLimitFinding(model: { phases: ReadonlyArray<Pick<Phase, 'number' | 'line'>> }): Finding | null {
  if (model.phases.length <= SUB_ISSUE_LIMIT) return null;
  const first = model.phases[SUB_ISSUE_LIMIT];
  return {
    rule: SUB_ISSUE_LIMIT_RULE,
    severity: 'warning',
    message:
      `The plan has ${model.phases.length} phases; GitHub allows ${SUB_ISSUE_LIMIT} sub-issues per issue, ` +
      `so phases from Phase ${first.number} on get issues that are listed in the tracking issue but not linked as sub-issues.`,
    line: first.line,
  };
}
