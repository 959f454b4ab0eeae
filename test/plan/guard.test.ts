import { describe, expect, it } from '@jest/globals';
import { guardPathologicalInput, MAX_PREFIX } from '../../src/plan/guard.js';

describe('guardPathologicalInput', () => {
  it('leaves ordinary plans untouched', () => {
    const text = '# Plan\n\n- [ ] **bold** and [link](x)\n    - [ ] nested\n';
    expect(guardPathologicalInput(text)).toEqual({ text, findings: [] });
  });

  it('cuts container prefixes back to the limit, keeping the innermost list marker', () => {
    const deep = `${' '.repeat(300)}- [ ] deep task`;
    const { text, findings } = guardPathologicalInput(`ok\n${deep}`);
    const [, line] = text.split('\n');
    expect(line.endsWith('- [ ] deep task')).toBe(true);
    expect(line.length - '- [ ] deep task'.length).toBeLessThanOrEqual(MAX_PREFIX);
    expect(findings).toEqual([expect.objectContaining({ rule: 'parse-limit', severity: 'warning', line: 2 })]);
  });

  it('does not touch indentation inside code fences', () => {
    const text = `\`\`\`\n${' '.repeat(300)}code\n\`\`\``;
    expect(guardPathologicalInput(text)).toEqual({ text, findings: [] });
  });

  it('swaps the delimiters of over-budget blocks for look-alikes, line lengths kept', () => {
    const flood = '*a '.repeat(3000);
    const { text, findings } = guardPathologicalInput(`# Plan\n\n${flood}\n\n**fine**`);
    const lines = text.split('\n');
    expect(lines[2]).toHaveLength(flood.length);
    expect(lines[2]).not.toContain('*');
    expect(lines[4]).toBe('**fine**');
    expect(findings).toEqual([expect.objectContaining({ rule: 'parse-limit', line: 3 })]);
  });
});
