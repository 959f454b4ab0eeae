import { describe, expect, it } from '@jest/globals';
import { doneCount, isPhaseDone } from '../../src/plan/phase-state.js';

const tasks = (...ticks: boolean[]) => ticks.map((checked) => ({ checked }));

describe('phase state', () => {
  it('a phase is done when every task is ticked, and not while one is open', () => {
    expect(isPhaseDone(tasks(true, true))).toBe(true);
    expect(isPhaseDone(tasks(true, false))).toBe(false);
  });

  it('a phase without tasks is not done', () => {
    expect(isPhaseDone([])).toBe(false);
  });

  it('counts the ticked tasks', () => {
    expect(doneCount(tasks(true, false, true))).toBe(2);
    expect(doneCount([])).toBe(0);
  });
});
