// Tables that carry plan data: gate tables (a Gate and a Status column, anywhere in the document)
// and tech-stack tables (Component and Technology). Rows with more or fewer cells than the header
// are read as far as they go.
import type { Table } from 'mdast';
import type { Gate, TechStackRow } from './model.js';
import { cellText, lineOf } from './markdown.js';
import { classifyGateStatus, type GateVocabulary } from './gate-status.js';

export interface GateTable {
  gates: Gate[];
  /** Lines of body rows whose cell count differs from the header's. */
  misshapenRows: Array<{ line: number; cells: number; columns: number }>;
}

const GATE = /^(?:quality |verification |constitution )?gates?(?: name| id)?$/;
const NAME = /^(?:name|title)$/;
const CRITERIA = /^(?:criteria|criterion|acceptance criteria|requirement|requirements|condition|check|threshold)$/;
const STATUS = /^(?:status|state|result|current status)$/;
const COMPONENT = /^(?:component|layer|category|area|concern)$/;
const TECHNOLOGY = /^(?:technology|technologies|tech|tool|choice|stack)$/;

/** The gates in a table, or null when the table is not a gate table. */
export function readGateTable(table: Table, vocabulary: GateVocabulary): GateTable | null {
  const header = headerOf(table);
  const gate = header.findIndex((cell) => GATE.test(cell));
  const status = header.findIndex((cell) => STATUS.test(cell));
  if (gate === -1 || status === -1) return null;
  const name = header.findIndex((cell) => NAME.test(cell));
  const criteria = header.findIndex((cell) => CRITERIA.test(cell));
  const result: GateTable = { gates: [], misshapenRows: [] };
  for (const row of table.children.slice(1)) {
    const cells = row.children.map(cellText);
    if (cells.length !== header.length) {
      result.misshapenRows.push({ line: lineOf(row), cells: cells.length, columns: header.length });
    }
    const id = cells[gate] ?? '';
    const label = name === -1 ? '' : (cells[name] ?? '');
    if (!id && !label) continue;
    const raw = cells[status] ?? '';
    result.gates.push({
      name: id && label ? `${id}: ${label}` : id || label,
      criteria: criteria === -1 ? '' : (cells[criteria] ?? ''),
      status: classifyGateStatus(raw, vocabulary),
      raw,
      line: lineOf(row),
    });
  }
  return result;
}

/** The rows of a Component/Technology table, or null when the table is not one. */
export function readTechStackTable(table: Table): TechStackRow[] | null {
  const header = headerOf(table);
  const component = header.findIndex((cell) => COMPONENT.test(cell));
  const technology = header.findIndex((cell) => TECHNOLOGY.test(cell));
  if (component === -1 || technology === -1) return null;
  return table.children.slice(1).map((row) => {
    const cells = row.children.map(cellText);
    return { component: cells[component] ?? '', technology: cells[technology] ?? '', line: lineOf(row) };
  });
}

/** Header cells lower-cased, with emoji, emphasis and punctuation gone. */
function headerOf(table: Table): string[] {
  const first = table.children[0];
  if (!first) return [];
  return first.children.map((cell) =>
    cellText(cell)
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  );
}
