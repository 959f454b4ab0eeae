import { describe, expect, it } from '@jest/globals';
import { SUB_ISSUE_LIMIT, subIssueLimitFinding, taskSubIssueLimitFinding } from '../../src/plan/sub-issue-limits.js';

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

describe('taskSubIssueLimitFinding (issues.granularity: task)', () => {
  const tasks = (count: number) => Array.from({ length: count }, (_, n) => ({ id: `T${String(n + 1).padStart(3, '0')}`, line: 20 + n }));
  it('counts the phase’s sub-phases against the same 100', () => {
    expect(taskSubIssueLimitFinding({ number: '1', line: 3, tasks: tasks(100), subPhases: 0 })).toBeNull();
    expect(taskSubIssueLimitFinding({ number: '1', line: 3, tasks: tasks(98), subPhases: 3 })).toEqual({
      rule: 'sub-issue-limit',
      severity: 'warning',
      line: 117,
      message:
        'Phase 1 has 98 tasks and 3 sub-phases; GitHub allows 100 sub-issues per issue, so tasks from T098 on get issues that are listed in the phase issue but not linked as its sub-issues.',
    });
  });
});
