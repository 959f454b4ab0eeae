// Tables that carry plan data: gate tables (a gate column and a status column, anywhere in the
// document) and tech-stack tables (Component and Technology). Rows with more or fewer cells than
// the header are read as far as they go. Header words in every supported language come from
// gate-vocabulary.ts.
import type { Table } from 'mdast';
import type { Gate, TechStackRow } from './model.js';
import { cellText, lineOf } from './markdown.js';
import { classifyGateStatus, type GateVocabulary } from './gate-status.js';
import { headerWords } from './gate-vocabulary.js';

export interface GateTable {
  gates: Gate[];
  /** Lines of body rows whose cell count differs from the header's. */
  misshapenRows: Array<{ line: number; cells: number; columns: number }>;
}

const COMPONENT = /^(?:component|layer|category|area|concern)$/;
const TECHNOLOGY = /^(?:technology|technologies|tech|tool|choice|stack)$/;

/** Matches a header made of exactly one of the words (the whole header, after normalising). */
function exactly(words: string[]): (header: string) => boolean {
  const set = new Set(words.map(normaliseHeader));
  return (header) => set.has(header);
}

/** Matches a header that contains one of the words as a word (CJK: as a substring). */
function containing(words: string[]): (header: string) => boolean {
  const spaced = words.map(normaliseHeader).filter((word) => /^[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]/u.test(word));
  const unspaced = words.map(normaliseHeader).filter((word) => !/^[\p{Script=Latin}\p{Script=Cyrillic}\p{N}]/u.test(word));
  const pattern = new RegExp(
    [
      spaced.length ? `(?:^| )(?:${spaced.map(escape).join('|')})(?: |$)` : '',
      unspaced.length ? `(?:${unspaced.map(escape).join('|')})` : '',
    ]
      .filter(Boolean)
      .join('|') || '(?!)',
    'u',
  );
  return (header) => pattern.test(header);
}

interface HeaderMatchers {
  isGate: (header: string) => boolean;
  saysStatus: (header: string) => boolean;
  saysCurrent: (header: string) => boolean;
}

const isPrinciple = exactly(headerWords('principle'));
const isCheck = exactly(headerWords('check'));
const isName = exactly(headerWords('name'));
const isCriteria = exactly(headerWords('criteria'));
const saysEarlier = containing(headerWords('earlier'));
const builtInHeaders = headerMatchers({});
const configuredHeaders = new WeakMap<object, HeaderMatchers>();

/** The built-in gate, status and current-status header words, plus the configured ones. */
function headerMatchers(extra: NonNullable<GateVocabulary['headers']>): HeaderMatchers {
  return {
    isGate: exactly([...headerWords('gate'), ...(extra.gate ?? [])]),
    saysStatus: containing([...headerWords('status'), ...(extra.status ?? [])]),
    saysCurrent: containing([...headerWords('current'), ...(extra.current ?? [])]),
  };
}

function headersFor(vocabulary: GateVocabulary): HeaderMatchers {
  const extra = vocabulary.headers;
  if (!extra || !(extra.gate?.length || extra.status?.length || extra.current?.length)) return builtInHeaders;
  let matchers = configuredHeaders.get(extra);
  if (!matchers) {
    matchers = headerMatchers(extra);
    configuredHeaders.set(extra, matchers);
  }
  return matchers;
}
/** `修正後`, `修复后`: in Chinese and Japanese "after X" ends in 后/後. */
const CJK_AFTER = /\p{Script=Han}[后後]$/u;
const TOTAL = new Set(headerWords('total').map(normaliseHeader));
const TOTAL_TAIL = /^(?:status|result|results|score|verdict|assessment|gates?)$/;

interface Columns {
  gate: number;
  name: number;
  criteria: number;
  /** Status-like columns, left to right, with the one that decides first. */
  status: number[];
}

/** The gates in a table, or null when the table is not a gate table. */
export function readGateTable(table: Table, vocabulary: GateVocabulary): GateTable | null {
  const header = headerOf(table);
  const body = table.children.slice(1).map((row) => ({ row, cells: row.children.map(cellText) }));
  const columns = gateColumns(header, body.map((row) => row.cells), vocabulary);
  if (!columns) return null;
  const result: GateTable = { gates: [], misshapenRows: [] };
  for (const { row, cells } of body) {
    if (cells.length !== header.length) {
      result.misshapenRows.push({ line: lineOf(row), cells: cells.length, columns: header.length });
    }
    const id = cells[columns.gate] ?? '';
    const label = columns.name === -1 ? '' : (cells[columns.name] ?? '');
    if (!id && !label) continue;
    // A totals or summary row is the document's own verdict, not one more gate.
    if (isTotalRow(id || label)) continue;
    const raw = statusCell(cells, columns.status);
    result.gates.push({
      name: id && label ? `${id}: ${label}` : id || label,
      criteria: columns.criteria === -1 ? '' : (cells[columns.criteria] ?? ''),
      status: classifyGateStatus(raw, vocabulary),
      raw,
      line: lineOf(row),
    });
  }
  return result;
}

/**
 * Which column is which. The gate column is a Gate column, else a Principle/Control column, else a
 * Check/Criterion/Requirement column; the others of those name or describe the gate.
 */
function gateColumns(header: string[], rows: string[][], vocabulary: GateVocabulary): Columns | null {
  const { isGate } = headersFor(vocabulary);
  let gate = header.findIndex(isGate);
  let name = header.findIndex(isName);
  let criteria = -1;
  if (gate === -1) {
    gate = header.findIndex(isPrinciple);
    if (gate === -1) gate = header.findIndex(isCheck);
  } else if (name === -1) {
    name = header.findIndex(isPrinciple);
  }
  if (gate === -1) return null;
  if (name === gate) name = -1;
  criteria = header.findIndex((cell, index) => index !== gate && index !== name && isCriteria(cell));
  const taken = new Set([gate, name, criteria]);
  const status = statusColumns(header, rows, taken, vocabulary);
  return status.length ? { gate, name, criteria, status } : null;
}

/**
 * The status-like columns, the deciding one first: a column whose header says Status (or State,
 * Result, … in any supported language), or one qualified as before/after (`Pre-Design`, `After
 * Remediation`) whose cells read as statuses. With several, the rightmost whose header says final,
 * current, after, now or latest decides, else the rightmost (preferring columns whose cells read
 * as statuses over ones that do not).
 */
function statusColumns(header: string[], rows: string[][], taken: Set<number>, vocabulary: GateVocabulary): number[] {
  const { saysStatus, saysCurrent } = headersFor(vocabulary);
  const readsAsStatus = (index: number) => {
    const cells = rows.map((cells) => cells[index] ?? '').filter((cell) => cell.trim() !== '');
    const known = cells.filter((cell) => classifyGateStatus(cell, vocabulary) !== 'unknown').length;
    return cells.length > 0 && known * 2 >= cells.length;
  };
  const current = (index: number) => saysCurrent(header[index]) || CJK_AFTER.test(header[index]);
  const timed = (index: number) => current(index) || saysEarlier(header[index]);
  const candidates = header
    .map((_, index) => index)
    .filter((index) => !taken.has(index) && (saysStatus(header[index]) || (timed(index) && readsAsStatus(index))));
  if (candidates.length <= 1) return candidates;
  const readable = candidates.filter(readsAsStatus);
  const pool = readable.length ? readable : candidates;
  const decides = [...pool].reverse().find(current) ?? pool[pool.length - 1];
  return [decides, ...candidates.filter((index) => index !== decides).reverse()];
}

/** The deciding status cell; when it is empty, the nearest filled status column before it. */
function statusCell(cells: string[], columns: number[]): string {
  for (const index of columns) {
    const cell = cells[index] ?? '';
    if (!/^[-–—.\s]*$/.test(cell)) return cell;
  }
  return cells[columns[0]] ?? '';
}

function isTotalRow(cell: string): boolean {
  const words = normaliseHeader(cell.replace(/\d+/g, ' '));
  if (TOTAL.has(words)) return true;
  const [first, ...rest] = words.split(' ');
  return TOTAL.has(first) && rest.length === 1 && TOTAL_TAIL.test(rest[0]);
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
  return first.children.map((cell) => normaliseHeader(cellText(cell)));
}

function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

