import { describe, expect, it } from '@jest/globals';
import { findPlaceholders } from '../../src/plan/placeholders.js';

const texts = (raw: string, inCode = false) => findPlaceholders(raw, inCode).map((p) => p.text);

describe('findPlaceholders', () => {
  it.each([
    '[TO FILL]',
    '[TO FILL: Brief description of the implementation approach]',
    '[NEEDS CLARIFICATION: auth method?]',
    '[X days]',
    '[N hours]',
    '[DATE]',
    '[FEATURE NAME]',
    '[FEATURE]',
    '[###-feature-name]',
    '[# weeks]',
    '[link to spec.md]',
    '[link]',
    '[e.g., Python 3.11 or NEEDS CLARIFICATION]',
    '[if applicable, e.g., PostgreSQL, CoreData, files or N/A]',
    '[Example: Using 4 projects]',
    '[PROJECT_NAME]',
    '[YYYY-MM-DD]',
    '[TBD]',
    '[todo: decide]',
  ])('%s is a placeholder', (token) => {
    expect(findPlaceholders(`Before ${token} after`)).toEqual([{ text: token, index: 7, length: token.length }]);
  });

  it.each(['[P]', '[US1]', '[x]', '[ ]', '[sic]', '[optional]', '[1]', '[!NOTE]', '[current need]', '[Reviewer]', '[MVP]', '[A-1]'])(
    '%s is not a placeholder',
    (token) => {
      expect(findPlaceholders(`Before ${token} after`)).toEqual([]);
    },
  );

  it('reports bare NEEDS CLARIFICATION markers with their text, but not mentions of them', () => {
    expect(texts('NEEDS CLARIFICATION: Stream vs R2')).toEqual(['NEEDS CLARIFICATION: Stream vs R2']);
    expect(texts('Resolve all NEEDS CLARIFICATION items')).toEqual([]);
    expect(texts('[NEEDS CLARIFICATION: which?]')).toEqual(['[NEEDS CLARIFICATION: which?]']);
  });

  it('reads tokens that wrap over lines, collapsing the whitespace', () => {
    expect(texts('[TO FILL: a long\n   description]')).toEqual(['[TO FILL: a long description]']);
  });

  it('in inline code counts only number stand-ins such as [###-feature-name]', () => {
    expect(texts('`specs/[###-feature-name]/spec.md`', true)).toEqual(['[###-feature-name]']);
    expect(texts('`[NEEDS CLARIFICATION]`', true)).toEqual([]);
    expect(texts('`[BYPASSED]`', true)).toEqual([]);
  });

  it('gives every token in order with its offset', () => {
    expect(findPlaceholders('[DATE] and [TO FILL]')).toEqual([
      { text: '[DATE]', index: 0, length: 6 },
      { text: '[TO FILL]', index: 11, length: 9 },
    ]);
  });
});
