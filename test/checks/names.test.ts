import { describe, expect, it } from '@jest/globals';
import { GATES_CHECK, PLAN_CHECK, gateCheckName, isPlanbotCheckName, nameKey } from '../../src/checks/names.js';

describe('check names', () => {
  it('are the stable names branch protection requires', () => {
    expect(PLAN_CHECK).toBe('planbot / plan');
    expect(GATES_CHECK).toBe('planbot / quality gates');
    expect(gateCheckName(' Code\n  Review ')).toBe('planbot / gate: Code Review');
  });

  it('recognise planbot’s own runs', () => {
    expect(isPlanbotCheckName('planbot / gate: Docs')).toBe(true);
    expect(isPlanbotCheckName('coverage')).toBe(false);
    expect(isPlanbotCheckName(undefined)).toBe(false);
  });

  it('match names case- and space-insensitively', () => {
    expect(nameKey(' Unit   TESTS')).toBe(nameKey('unit tests'));
  });
});
