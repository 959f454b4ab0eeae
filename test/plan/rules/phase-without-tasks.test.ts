import { describe, expect, it } from '@jest/globals';
import { findingsOf } from './lint-helper.js';

describe('phase-without-tasks rule', () => {
  it('reports phases with no tasks and no sub-steps', () => {
    const plan = ['## Phase 1: Empty', 'Prose only.', '## Phase 2: Busy', '- [ ] work', '## Phase 3: Steps', '### 3.1 Step', '- [ ] step work', '## Phase 4'];
    expect(findingsOf('phase-without-tasks', plan)).toEqual([
      { rule: 'phase-without-tasks', severity: 'warning', message: 'Phase 1 “Empty” has no tasks', line: 1 },
      { rule: 'phase-without-tasks', severity: 'warning', message: 'Phase 4 has no tasks', line: 8 },
    ]);
  });

  it('is silent when every phase has work', () => {
    expect(findingsOf('phase-without-tasks', '## Phase 1: A\n- [x] a')).toEqual([]);
  });
});
