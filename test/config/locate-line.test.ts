import { describe, expect, it } from '@jest/globals';
import { lineOfPath, positionOfPath } from '../../src/config/locate-line.js';

const text = [
  '# yaml-language-server: $schema=./planbot.schema.json', // 1
  'checks:', // 2
  '  per_gate: true', // 3
  'issues:', // 4
  '  labels:', // 5
  '    - planbot', // 6
  '    - web', // 7
  '  assignees: [alice, bob]', // 8
  '"quoted key": 1', // 9
].join('\n');

describe('lineOfPath', () => {
  it('finds keys, block list items and flow list items', () => {
    expect(lineOfPath(text, ['checks'])).toBe(2);
    expect(lineOfPath(text, ['checks', 'per_gate'])).toBe(3);
    expect(lineOfPath(text, ['issues', 'labels', 1])).toBe(7);
    expect(lineOfPath(text, ['issues', 'assignees', 1])).toBe(8);
    expect(lineOfPath(text, ['quoted key'])).toBe(9);
  });

  it('falls back to the deepest ancestor that exists', () => {
    expect(lineOfPath(text, ['issues', 'milestone'])).toBe(4);
    expect(lineOfPath(text, ['issues', 'labels', 9])).toBe(5);
    expect(lineOfPath(text, ['nope', 'deeper'])).toBe(2);
  });

  it('points at the first node for the root and gives null for an empty file', () => {
    expect(lineOfPath(text, [])).toBe(2);
    expect(lineOfPath('', ['checks'])).toBeNull();
  });

  it('still locates keys in a file with duplicate keys', () => {
    expect(lineOfPath('a: 1\nb: 2\na: 3\n', ['b'])).toBe(2);
  });

  it('gives the column of the key or item too', () => {
    expect(positionOfPath(text, ['checks', 'per_gate'])).toEqual({ line: 3, column: 3 });
    expect(positionOfPath(text, ['issues', 'labels', 1])).toEqual({ line: 7, column: 7 });
    expect(positionOfPath(text, ['issues', 'assignees', 1])).toEqual({ line: 8, column: 22 });
    expect(positionOfPath(text, ['quoted key'])).toEqual({ line: 9, column: 1 });
    expect(positionOfPath('', ['checks'])).toBeNull();
  });
});
