import { describe, expect, it } from '@jest/globals';
import { SUB_ISSUE_LIMIT, subIssueLimitFinding } from '../../src/sync/limits.js';

describe('subIssueLimitFinding', () => {
  const phases = (count: number) => Array.from({ length: count }, (_, n) => ({ number: String(n + 1), line: 10 + n }));
  it('is null up to the limit and a warning at the first phase past it', () => {
    expect(subIssueLimitFinding({ phases: phases(SUB_ISSUE_LIMIT) })).toBeNull();
    expect(subIssueLimitFinding({ phases: phases(SUB_ISSUE_LIMIT + 5) })).toEqual({
      rule: 'sub-issue-limit',
      severity: 'warning',
      line: 110,
      message:
        'The plan has 105 phases; GitHub allows 100 sub-issues per issue, so phases from Phase 101 on get issues that are listed in the tracking issue but not linked as sub-issues.',
    });
  });
});
