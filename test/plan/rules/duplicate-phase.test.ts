import { describe, expect, it } from '@jest/globals';
import { findingsOf } from './lint-helper.js';

describe('duplicate-phase rule', () => {
  it('reports every repeat of a phase number, pointing at the first', () => {
    const plan = ['## Phase 1: A', '- [ ] a', '## Phase 2: B', '- [ ] b', '## Phase 01: Again', '- [ ] c', '## Phase 1: Thrice', '- [ ] d'];
    expect(findingsOf('duplicate-phase', plan)).toEqual([
      { rule: 'duplicate-phase', severity: 'error', message: 'Phase 01 “Again” repeats phase number 01 (first used at line 1)', line: 5 },
      { rule: 'duplicate-phase', severity: 'error', message: 'Phase 1 “Thrice” repeats phase number 1 (first used at line 1)', line: 7 },
    ]);
  });

  it('is silent for distinct numbers', () => {
    expect(findingsOf('duplicate-phase', '## Phase 1: A\n## Phase 1.1: B\n## Phase 1A: C')).toEqual([]);
  });
});
