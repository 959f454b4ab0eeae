// GitHub limits the issue sync respects. The sub-issue limit and its findings are the engine's
// (src/plan/sub-issue-limits.ts): the plan check shows them too.

/** GitHub refuses issue bodies longer than this many characters. */
export const MAX_BODY_LENGTH = 65_536;
