import { describe, expect, it } from '@jest/globals';
import { lintPlan, parsePlan } from '../../../src/plan/index.js';

describe('gate rules', () => {
  const plan = ['| Gate | Status |', '|---|---|', '| Review | ✅ |', '| Tests | ❌ failing |', '| Docs | ⬜ |', '| Perf | maybe |', '| Deps | ⚠️ partial |', '| Legal | N/A |'].join('\n');

  it('reports failing (error), pending and unknown (warning) and warning (notice) gates; passed and waived ones are fine', () => {
    expect(lintPlan(parsePlan(plan), { kind: 'tasks' })).toEqual([
      { rule: 'gate-failing', severity: 'error', message: 'Gate “Tests” is failing (“❌ failing”)', line: 4 },
      { rule: 'gate-pending', severity: 'warning', message: 'Gate “Docs” is pending (“⬜”)', line: 5 },
      { rule: 'gate-unknown', severity: 'warning', message: 'Gate “Perf” has a status planbot does not recognise (“maybe”); add the word to gates.vocabulary', line: 6 },
      { rule: 'gate-warning', severity: 'notice', message: 'Gate “Deps” passed with a warning (“⚠️ partial”)', line: 7 },
    ]);
  });

  it('says when the status cell is empty', () => {
    const [finding] = lintPlan(parsePlan('| Gate | Status |\n|---|---|\n| Docs | |'), { kind: 'tasks' });
    expect(finding.message).toBe('Gate “Docs” is pending (empty status)');
  });
});
