import { describe, expect, it } from '@jest/globals';
import { findingsOf } from './lint-helper.js';

describe('placeholder rule', () => {
  it('reports each unfilled token as an error at its line and column', () => {
    expect(findingsOf('placeholder', ['# Plan: [FEATURE NAME]', '', 'Date: [DATE], owner [TBD]'])).toEqual([
      { rule: 'placeholder', severity: 'error', message: 'Unfilled placeholder [FEATURE NAME]', line: 1, column: 9 },
      { rule: 'placeholder', severity: 'error', message: 'Unfilled placeholder [DATE]', line: 3, column: 7 },
      { rule: 'placeholder', severity: 'error', message: 'Unfilled placeholder [TBD]', line: 3, column: 21 },
    ]);
  });

  it('applies to task lists too, and is silent on a filled plan', () => {
    expect(findingsOf('placeholder', '- [ ] T001 [P] Do [TO FILL]', { kind: 'tasks' })).toHaveLength(1);
    expect(findingsOf('placeholder', '# Plan: Login\n\n- [x] T001 [P] Done')).toEqual([]);
  });

  it('shortens very long tokens in the message', () => {
    const [finding] = findingsOf('placeholder', `[TO FILL: ${'x'.repeat(250)}]`);
    expect(finding.message.length).toBeLessThan(160);
    expect(finding.message.endsWith('…')).toBe(true);
  });
});
