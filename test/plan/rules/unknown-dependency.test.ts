import { describe, expect, it } from '@jest/globals';
import { findingsOf } from './lint-helper.js';

describe('unknown-dependency rule', () => {
  it('reports dependencies on phases the plan does not have, at the Dependencies line', () => {
    const plan = ['## Phase 1: A', '- [ ] a', '## Phase 2: B', '', '**Dependencies**: Phase 1, Phase 9', '- [ ] b', '## Phase 3: C', '**Dependencies**: Phase 01', '- [ ] c'];
    expect(findingsOf('unknown-dependency', plan)).toEqual([
      { rule: 'unknown-dependency', severity: 'error', message: 'Phase 2 “B” depends on Phase 9, which this plan does not have', line: 5 },
    ]);
  });

  it('knows sub-steps and lettered phases', () => {
    const plan = ['## Phase 1A: A', '### 1A.1 Step', '- [ ] a', '## Phase 2: B', '**Dependencies**: 1A.1', '- [ ] b', '## Phase 3: C', '**Dependencies**: Phase 1a', '- [ ] c'];
    expect(findingsOf('unknown-dependency', plan)).toEqual([]);
  });
});
