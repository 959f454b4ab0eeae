import { describe, expect, it } from '@jest/globals';
import type { Table } from 'mdast';
import { parseMarkdown } from '../../src/plan/markdown.js';
import { readGateTable, readTechStackTable } from '../../src/plan/tables.js';

const table = (...rows: string[]) => parseMarkdown(rows.join('\n')).tree.children[0] as Table;

describe('readGateTable', () => {
  it('needs both a Gate and a Status column', () => {
    expect(readGateTable(table('| Gate | Criteria |', '|---|---|', '| a | b |'), {})).toBeNull();
    expect(readGateTable(table('| Task | Status |', '|---|---|', '| a | ✅ |'), {})).toBeNull();
    expect(readGateTable(table('| Gate | Owner |', '|---|---|', '| a | me |'), {})).toBeNull();
    expect(readGateTable(table('| 🚦 Gates | *Status* |', '|---|---|', '| a | ✅ |'), {})?.gates).toHaveLength(1);
  });

  it('skips rows without a gate name and notes misshapen rows', () => {
    const result = readGateTable(table('| Gate | Status |', '|---|---|', '| | ✅ |', '| a |', '| b | ❌ | extra |'), {});
    expect(result?.gates.map((g) => [g.name, g.status])).toEqual([
      ['a', 'pending'],
      ['b', 'fail'],
    ]);
    expect(result?.misshapenRows).toEqual([
      { line: 4, cells: 1, columns: 2 },
      { line: 5, cells: 3, columns: 2 },
    ]);
  });
});

describe('readTechStackTable', () => {
  it('reads Component/Technology tables', () => {
    expect(readTechStackTable(table('| Component | Technology | Version |', '|---|---|---|', '| Language | TypeScript | 5 |', '| Database | |'))).toEqual([
      { component: 'Language', technology: 'TypeScript', line: 3 },
      { component: 'Database', technology: '', line: 4 },
    ]);
    expect(readTechStackTable(table('| Risk | Impact |', '|---|---|', '| a | b |'))).toBeNull();
  });
});
