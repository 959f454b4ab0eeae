// spec-kit checklists as quality gates.
import { describe, expect, it } from '@jest/globals';
import { checklistGate, MAX_OPEN_ITEMS_SHOWN } from '../../src/plan/checklist-gates.js';

const PATH = 'specs/003-login-page/checklists/ux.md';
const UX = `# UX Requirements Quality Checklist: Login Page

**Purpose**: Validate the login page requirements
**Created**: 2026-11-20

## Requirement Completeness

- [X] CHK001 Are error states defined for every field? [Completeness, Spec §FR-003]
- [x] CHK002 Is the lockout message specified? [Clarity]
- [ ] CHK003 Are loading states defined for the submit button? [Gap]

## Accessibility

- [ ] CHK004 Is keyboard navigation order specified? [Coverage]

\`\`\`
- [ ] CHK999 an example inside a code fence is not an item
\`\`\`
`;

describe('checklistGate', () => {
  it('is named after the file’s title and pending while items are open, naming them', () => {
    const result = checklistGate(PATH, UX);
    expect(result.gate).toEqual({
      name: 'UX Requirements Quality Checklist: Login Page',
      criteria: 'every checklist item ticked',
      status: 'pending',
      raw: '2 of 4 open: CHK003 Are loading states defined for the submit button? [Gap]; CHK004 Is keyboard navigation order specified? [Coverage]',
      line: 10,
    });
    expect(result.total).toBe(4);
    expect(result.open).toEqual(['CHK003 Are loading states defined for the submit button? [Gap]', 'CHK004 Is keyboard navigation order specified? [Coverage]']);
  });

  it('passes when every item is ticked ([x] and spec-kit’s [X] alike)', () => {
    const done = UX.replace(/- \[ \]/g, '- [X]');
    expect(checklistGate(PATH, done).gate).toMatchObject({ status: 'pass', raw: 'all 4 items ticked' });
  });

  it('falls back to the file name without a title, and an empty checklist is pending, not passed', () => {
    expect(checklistGate('specs/003-a/checklists/security.md', 'No items yet.\n').gate).toMatchObject({
      name: 'security',
      status: 'pending',
      raw: 'no checklist items',
    });
  });

  it(`names at most ${MAX_OPEN_ITEMS_SHOWN} open items and counts the rest; long items are shortened`, () => {
    const items = Array.from({ length: 25 }, (_, i) => `- [ ] CHK${String(i + 1).padStart(3, '0')} ${'Is this requirement measurable '.repeat(4)}`).join('\n');
    const { gate, open } = checklistGate(PATH, `# Big\n\n${items}\n`);
    expect(open).toHaveLength(25);
    expect(gate.raw.startsWith('25 of 25 open: CHK001 ')).toBe(true);
    expect(gate.raw.endsWith('; … 15 more')).toBe(true);
    expect(gate.raw.match(/CHK\d{3}/g)).toHaveLength(MAX_OPEN_ITEMS_SHOWN);
    expect(open.every((item) => item.length <= 80)).toBe(true);
  });
});
