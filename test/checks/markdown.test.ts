import { describe, expect, it } from '@jest/globals';
import { blobLineUrl, cell, code, plural } from '../../src/checks/markdown.js';

describe('markdown helpers', () => {
  it('cell escapes pipes and backslashes and turns line breaks into <br>', () => {
    expect(cell('a | b\r\nc\\d')).toBe('a \\| b<br>c\\\\d');
    expect(cell('   ')).toBe(' ');
  });

  it('code survives backticks in the value', () => {
    expect(code('plan.md')).toBe('`plan.md`');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
  });

  it('links to a line at a commit, encoding each path segment', () => {
    expect(blobLineUrl({ owner: 'acme', repo: 'web' }, 'abc', 'specs/001 x/plan#.md', 9)).toBe(
      'https://github.com/acme/web/blob/abc/specs/001%20x/plan%23.md#L9',
    );
  });

  it('pluralises', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(2, 'error')).toBe('2 errors');
  });
});
