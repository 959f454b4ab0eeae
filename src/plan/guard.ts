// A safety valve in front of the markdown parser. micromark is quadratic (or worse) on a few
// shapes no real plan has: containers nested hundreds deep (a 1 MB plan of nested lists takes
// minutes), and paragraphs with thousands of nested emphasis or link openers. A plan comes from
// whoever can push a branch, so those shapes are defused before parsing:
//
// - container prefixes (indentation, `>`, list markers) longer than MAX_PREFIX characters are cut
//   back, which flattens absurd nesting but keeps every line and every task;
// - when the inline delimiters (`*`, `_`, `[`, `]`) of the document's blocks would cost more than
//   DELIMITER_BUDGET, the worst blocks have them swapped for look-alikes that are not markdown,
//   so their text is still read, as plain text.
//
// Each intervention is reported as a `parse-limit` finding. Line numbers never change.
import type { Finding } from './model.js';
import { RawBlockScanner } from './chunks.js';

/** Longest container prefix kept: about 32 levels of list nesting (real plans use fewer than 10). */
export const MAX_PREFIX = 64;
/** Sum over blocks of (delimiters in the block)²: about 0.2 s of micromark time on a slow machine. */
export const DELIMITER_BUDGET = 2_000_000;

const PREFIX = /^(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))+/;
/** Lines that start a new inline context (besides the line after a blank one): list item, heading, table row, fence. */
const BLOCK_START = /^[ \t>]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|\||```|~~~)/;
const DELIMITERS = /[*_[\]]/g;
const LOOK_ALIKE: Record<string, string> = { '*': '∗', _: '‗', '[': '⁅', ']': '⁆' };

export interface Guarded {
  text: string;
  findings: Finding[];
}

export function guardPathologicalInput(text: string): Guarded {
  const findings: Finding[] = [];
  const lines = text.split('\n');
  let clamped = 0;
  let firstClamped = 0;
  const scanner = new RawBlockScanner();
  for (let i = 0; i < lines.length; i++) {
    // Indentation inside code is content, and costs the parser nothing.
    if (scanner.next(lines[i])) continue;
    const prefix = PREFIX.exec(lines[i])?.[0];
    if (!prefix || prefix.length <= MAX_PREFIX) continue;
    // Keep the innermost list marker, so a task item stays a task item.
    const marker = /(?:[-*+]|\d{1,9}[.)])[ \t]+$/.exec(prefix)?.[0] ?? '';
    let head = prefix.slice(0, MAX_PREFIX);
    head = head.slice(0, head.search(/[ \t>][^ \t>]*$/) + 1);
    lines[i] = head + marker + lines[i].slice(prefix.length);
    if (clamped++ === 0) firstClamped = i + 1;
  }
  if (clamped) {
    findings.push({
      rule: 'parse-limit',
      severity: 'warning',
      message: `${clamped} line(s) are nested more than ${MAX_PREFIX} characters deep; planbot read them at that depth`,
      line: firstClamped,
    });
  }
  findings.push(...defuseDelimiters(lines));
  return { text: findings.length ? lines.join('\n') : text, findings };
}

/** Swaps the delimiters of the costliest blocks until the document is within budget. */
function defuseDelimiters(lines: string[]): Finding[] {
  const blocks: Array<{ start: number; end: number; delimiters: number }> = [];
  let total = 0;
  let open = false;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') {
      open = false;
      continue;
    }
    if (!open || BLOCK_START.test(lines[i])) blocks.push({ start: i, end: i, delimiters: 0 });
    open = true;
    const block = blocks[blocks.length - 1];
    block.end = i;
    block.delimiters += lines[i].match(DELIMITERS)?.length ?? 0;
  }
  for (const block of blocks) total += block.delimiters ** 2;
  if (total <= DELIMITER_BUDGET) return [];
  const findings: Finding[] = [];
  for (const block of [...blocks].sort((a, b) => b.delimiters - a.delimiters)) {
    if (total <= DELIMITER_BUDGET) break;
    total -= block.delimiters ** 2;
    for (let i = block.start; i <= block.end; i++) lines[i] = lines[i].replace(DELIMITERS, (c) => LOOK_ALIKE[c]);
    findings.push({
      rule: 'parse-limit',
      severity: 'warning',
      message: `Lines ${block.start + 1}–${block.end + 1} hold ${block.delimiters} emphasis/link markers; planbot read them as plain text`,
      line: block.start + 1,
    });
  }
  return findings.sort((a, b) => a.line - b.line);
}
