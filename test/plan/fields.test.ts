import { describe, expect, it } from '@jest/globals';
import type { Paragraph, RootContent } from 'mdast';
import { isDependenciesKey, isDurationKey, readFields } from '../../src/plan/fields.js';
import { parseMarkdown } from '../../src/plan/markdown.js';

const fieldsOf = (markdown: string) => {
  const [first, second] = parseMarkdown(markdown).tree.children as RootContent[];
  return readFields(first as Paragraph, second);
};

describe('readFields', () => {
  it('reads bold and plain fields on their own lines, with hard breaks', () => {
    expect(fieldsOf('**Duration**: 2 days  \n**Dependencies**: Phase 1\nOwner: me')).toEqual([
      { key: 'Duration', value: '2 days', line: 1, bold: true },
      { key: 'Dependencies', value: 'Phase 1', line: 2, bold: true },
      { key: 'Owner', value: 'me', line: 3, bold: false },
    ]);
  });

  it('reads several fields on one line separated by pipes, and colons inside the bold', () => {
    expect(fieldsOf('**Start**: Nov 16 | **End**: Dec 14 | **Duration:** 4 weeks').map((f) => [f.key, f.value])).toEqual([
      ['Start', 'Nov 16'],
      ['End', 'Dec 14'],
      ['Duration', '4 weeks'],
    ]);
  });

  it('a following list is the value only up to its first task item (tasks are not dependencies)', () => {
    expect(fieldsOf('**Dependencies**:\n\n- Phase 5\n- Phase 4\n\n- [ ] T601 Build phase 6\n- [x] T602 More')).toEqual([
      { key: 'Dependencies', value: 'Phase 5; Phase 4', line: 1, bold: true },
    ]);
    expect(fieldsOf('**Dependencies**:\n\n- [ ] T601 Build phase 6')).toEqual([{ key: 'Dependencies', value: '', line: 1, bold: true }]);
  });

  it('joins hard-wrapped values and takes a following list as an empty bold field\'s value', () => {
    expect(fieldsOf('**Storage**: SQL Server (simple\npersistence)').map((f) => f.value)).toEqual(['SQL Server (simple persistence)']);
    expect(fieldsOf('**Storage**:\n\n- D1\n- R2 *objects*').map((f) => f.value)).toEqual(['D1; R2 objects']);
  });

  it('finds nothing in prose', () => {
    expect(fieldsOf('Just a sentence without a key.')).toEqual([]);
  });
});

describe('field keys', () => {
  it('recognises duration and dependency spellings', () => {
    for (const key of ['Duration', 'Estimated Time', 'estimated duration', 'Effort', 'Duração']) expect(isDurationKey(key)).toBe(true);
    for (const key of ['Dependencies', 'Depends on', 'Prerequisites', 'Blocked by', 'Dependências']) expect(isDependenciesKey(key)).toBe(true);
    expect(isDurationKey('Completed')).toBe(false);
    expect(isDependenciesKey('Deliverables')).toBe(false);
  });
});
