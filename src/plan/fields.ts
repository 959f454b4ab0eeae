// `**Key**: value` lines inside a paragraph, the way plans carry metadata: Duration, Dependencies,
// Branch, spec-kit's Technical Context. Several fields may share a line, separated by `|`.
import type { List, Nodes, Paragraph } from 'mdast';
import { plainText } from './markdown.js';

export interface Field {
  /** The key without emphasis or colon, e.g. `Estimated Time`. */
  key: string;
  value: string;
  line: number;
  /** True when the line starts with a bold key, as spec-kit and the seed write fields. */
  bold: boolean;
}

const FIELD = /^\s*([\p{L}][^:|\n]{0,60}?)\s*:\s*(.*)$/u;
/** A plain line that starts a field of its own rather than continuing a wrapped value: `Owner: me`. */
const LOOKS_LIKE_FIELD = /^\s*\p{Lu}[\p{L}\p{N}/&-]*(?: [\p{L}\p{N}/&-]+){0,3}\s*:/u;

/**
 * Every `Key: value` in the paragraph, in order. A hard-wrapped value continues on lines that do
 * not start a field of their own (a bold key, or a capitalised key of up to four words); a bold key with nothing after it takes the list that follows
 * the paragraph as its value (`**Storage**:` then `- D1 …` bullets).
 */
export function readFields(paragraph: Paragraph, following?: Nodes): Field[] {
  const first = paragraph.position?.start.line ?? 1;
  const fields: Field[] = [];
  paragraphLines(paragraph).forEach(({ text, bold }, index) => {
    const previous = fields[fields.length - 1];
    if (previous?.bold && !bold && text.trim() && !LOOKS_LIKE_FIELD.test(text)) {
      previous.value = `${previous.value} ${text.trim()}`.trim();
      return;
    }
    for (const segment of text.split(/\s\|\s/)) {
      const match = FIELD.exec(segment);
      if (match) fields.push({ key: match[1].trim(), value: match[2].trim(), line: first + index, bold });
      else if (previous && text.trim()) previous.value = `${previous.value} ${segment.trim()}`.trim();
    }
  });
  const last = fields[fields.length - 1];
  if (last?.bold && last.value === '' && following?.type === 'list') last.value = listAsFieldValue(following);
  return fields;
}

/**
 * A list as the value of the bold key before it: its items' first lines, joined by `; `. The value
 * ends at the first task item: a phase's tasks often follow its `**Dependencies**:` bullets in the
 * same markdown list, and they are not dependencies.
 */
export function listAsFieldValue(list: List): string {
  const firstTask = list.children.findIndex((item) => typeof item.checked === 'boolean');
  return list.children
    .slice(0, firstTask === -1 ? undefined : firstTask)
    .map((item) => plainText(item.children[0] ?? item).replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('; ');
}

/** The paragraph's text split at soft and hard line breaks, noting lines that open with bold. */
function paragraphLines(paragraph: Paragraph): Array<{ text: string; bold: boolean }> {
  const lines = [{ text: '', bold: false }];
  const append = (node: Nodes, text: string) => {
    const current = lines[lines.length - 1];
    if (current.text.trim() === '' && text.trim() !== '') current.bold = node.type === 'strong';
    current.text += text;
  };
  for (const child of paragraph.children) {
    if (child.type === 'break') {
      lines.push({ text: '', bold: false });
    } else if (child.type === 'text') {
      child.value.split('\n').forEach((piece, index) => {
        if (index > 0) lines.push({ text: '', bold: false });
        append(child, piece);
      });
    } else {
      append(child, plainText(child));
    }
  }
  return lines;
}

const DURATION_KEY = /^(?:duration|estimated (?:duration|time|effort)|time estimate|estimate|effort|duração|duración|duracion)$/iu;
const DEPENDENCIES_KEY = /^(?:dependencies|dependency|depends on|deps|prerequisites?|blocked by|dependências|dependencias)$/iu;

export function isDurationKey(key: string): boolean {
  return DURATION_KEY.test(key);
}

const DUE_KEY = /^(?:due|due date|target date|deadline)$/iu;
const ITERATION_KEY = /^(?:iteration|sprint)$/iu;

/** A phase's target date: `Due: 2026-12-24`. */
export function isDueKey(key: string): boolean {
  return DUE_KEY.test(key);
}

/** A phase's iteration: `Iteration: Sprint 12`. */
export function isIterationKey(key: string): boolean {
  return ITERATION_KEY.test(key);
}

export function isDependenciesKey(key: string): boolean {
  return DEPENDENCIES_KEY.test(key);
}
