import { describe, expect, it } from '@jest/globals';
import { rawPrefixLength, readTaskPrefix } from '../../src/plan/task-item.js';

describe('readTaskPrefix', () => {
  it.each([
    ['T001 [P] [US1] Create model', { id: 'T001', markers: ['P', 'US1'] }],
    ['T1234: long ids', { id: 'T1234', markers: [] }],
    ['SEC-003 Remove deploy hook', { id: 'SEC-003', markers: [] }],
    ['[P] marker without id', { id: null, markers: ['P'] }],
    ['Tests for T001', { id: null, markers: [] }],
    ['T2D graphics', { id: null, markers: [] }],
    ['Create [FEATURE NAME] page', { id: null, markers: [] }],
  ])('%s', (text, expected) => {
    expect(readTaskPrefix(text)).toEqual(expected);
  });
});

describe('rawPrefixLength', () => {
  it('spans the checkbox, a bold id and the markers in the source', () => {
    const source = '[x] **T017** [P] [HEADER] `AppHeader` component';
    expect(source.slice(0, rawPrefixLength(source))).toBe('[x] **T017** [P] [HEADER] ');
    expect(rawPrefixLength('[ ] plain task')).toBe(4);
  });
});
