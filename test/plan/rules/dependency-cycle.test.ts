import { describe, expect, it } from '@jest/globals';
import { findingsOf } from './lint-helper.js';
import { itFull } from '../../helpers/full-suite.js';

const phase = (n: string, deps: string) => [`## Phase ${n}: P${n}`, `**Dependencies**: ${deps}`, '- [ ] work'];

describe('dependency-cycle rule', () => {
  it('reports each cycle once, at its earliest phase, with the path', () => {
    const plan = [...phase('1', 'Phase 3'), ...phase('2', 'Phase 1'), ...phase('3', 'Phase 2'), ...phase('4', 'Phase 5'), ...phase('5', 'Phase 4'), ...phase('6', 'Phase 5')];
    expect(findingsOf('dependency-cycle', plan)).toEqual([
      { rule: 'dependency-cycle', severity: 'error', message: 'Dependency cycle: Phase 1 → Phase 3 → Phase 2 → Phase 1 (each depends on the next)', line: 2 },
      { rule: 'dependency-cycle', severity: 'error', message: 'Dependency cycle: Phase 4 → Phase 5 → Phase 4 (each depends on the next)', line: 11 },
    ]);
  });

  it('reports a phase that depends on itself', () => {
    expect(findingsOf('dependency-cycle', phase('2', 'Phase 2')).map((f) => f.message)).toEqual(['Dependency cycle: Phase 2 → Phase 2 (each depends on the next)']);
  });

  it('reports one cycle for a strongly connected group, and none for a diamond', () => {
    const tangle = [...phase('1', 'Phase 2, Phase 3'), ...phase('2', 'Phase 1, Phase 3'), ...phase('3', 'Phase 1')];
    expect(findingsOf('dependency-cycle', tangle)).toHaveLength(1);
    const diamond = [...phase('1', 'None'), ...phase('2', 'Phase 1'), ...phase('3', 'Phase 1'), ...phase('4', 'Phase 2, Phase 3')];
    expect(findingsOf('dependency-cycle', diamond)).toEqual([]);
  });

  itFull('handles a chain of 20,000 phases without overflowing the stack', () => {
    const plan = Array.from({ length: 20_000 }, (_, i) => phase(String(i), `Phase ${(i + 1) % 20_000}`)).flat();
    expect(findingsOf('dependency-cycle', plan)).toHaveLength(1);
  }, 120_000);
});
