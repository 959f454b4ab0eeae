import { describe, expect, it } from '@jest/globals';
import { changedLines } from '../../src/demo/narrate.js';

describe('changedLines', () => {
  it('pairs the lines a tick changed', () => {
    expect(changedLines('a\n- [ ] x\nb\n', 'a\n- [x] x\nb\n')).toEqual([['- [ ] x', '- [x] x']]);
  });

  it('reports nothing for identical text and a summary for a changed length', () => {
    expect(changedLines('a\nb', 'a\nb')).toEqual([]);
    expect(changedLines('a\nb', 'a')).toEqual([['2 lines', '1 lines']]);
  });
});
