// Markdown in, mdast out: unified + remark-parse + remark-gfm (gfm-parts.ts), plus the two things every
// reader of the tree needs: source positions (line/column from offsets) and a node's plain text.
import type { Nodes, Root, RootContent } from 'mdast';
import { splitIntoPieces, type Piece } from './chunks.js';
import { guardPathologicalInput } from './guard.js';
import type { Finding } from './model.js';
import { parseGfm } from './gfm-parts.js';

export interface ParsedMarkdown {
  tree: Root;
  /** The text the tree's offsets point into: line endings normalised, front matter blanked. */
  text: string;
  lines: LineIndex;
  /** Lines 1..frontMatterEnd held YAML front matter (0 when there was none). */
  frontMatterEnd: number;
  /** Parse-level findings: pathological input that was defused before parsing (guard.ts). */
  findings: Finding[];
}

/** The text a tree is parsed from, before the parse: see parseMarkdown. */
export type PreparedMarkdown = Omit<ParsedMarkdown, 'tree'>;

/**
 * Parses markdown. CRLF/CR become LF and YAML front matter becomes blank lines, so every line (and,
 * outside defused pathological lines, every column) in the tree is still that of the original file.
 */
export function parseMarkdown(source: string): ParsedMarkdown {
  const prepared = prepareMarkdown(source);
  return { ...prepared, tree: parseTree(prepared.text, prepared.lines) };
}

/** Everything parseMarkdown does except the parse itself; parse with parseTopLevel. */
export function prepareMarkdown(source: string): PreparedMarkdown {
  let text = source.replace(/\r\n?/g, '\n');
  // A BOM is replaced by nothing a parser sees, keeping offsets aligned with columns.
  if (text.startsWith('\uFEFF')) text = ` ${text.slice(1)}`;
  const frontMatterEnd = frontMatterLines(text);
  if (frontMatterEnd > 0) {
    const lines = text.split('\n');
    for (let i = 0; i < frontMatterEnd; i++) lines[i] = '';
    text = lines.join('\n');
  }
  const guarded = guardPathologicalInput(text);
  text = guarded.text;
  const findings = [...replacementCharacters(text), ...guarded.findings].sort((a, b) => a.line - b.line);
  return { text, lines: new LineIndex(text), frontMatterEnd, findings };
}

/** Most lines reported one by one; a file in another encoding has U+FFFD on every line. */
const MAX_ENCODING_FINDINGS = 20;

/**
 * One `encoding` finding per line holding U+FFFD: bytes that were not UTF-8, replaced when the file
 * was decoded (as GitHub shows them). The rest of the file is read as usual.
 */
function replacementCharacters(text: string): Finding[] {
  if (!text.includes('\uFFFD')) return [];
  const lines: Array<{ line: number; column: number }> = [];
  text.split('\n').forEach((line, index) => {
    const column = line.indexOf('\uFFFD');
    if (column !== -1) lines.push({ line: index + 1, column: column + 1 });
  });
  const findings: Finding[] = lines.slice(0, MAX_ENCODING_FINDINGS).map(({ line, column }) => ({
    rule: 'encoding',
    severity: 'warning',
    message: 'This line has bytes that are not valid UTF-8; planbot read them as � (U+FFFD). Save the file as UTF-8.',
    line,
    column,
  }));
  if (lines.length > MAX_ENCODING_FINDINGS) {
    findings[findings.length - 1].message += ` ${lines.length - MAX_ENCODING_FINDINGS} more lines have such bytes.`;
  }
  return findings;
}

/**
 * The top-level nodes of the text's tree (the children parseMarkdown's root would have), one piece
 * at a time (see chunks.ts), positions already those of the whole text. Nothing keeps a piece's
 * nodes alive once the caller has moved on, so a large document never holds its whole tree.
 */
export function* parseTopLevel(text: string): Generator<RootContent[]> {
  const pieces = splitIntoPieces(text);
  if (pieces.length === 1) {
    yield parseGfm(text).children;
    return;
  }
  for (const piece of pieces) yield parsePiece(piece);
}

/** The top-level nodes of one piece, positions those of the whole text. */
export function parsePiece(piece: Piece): RootContent[] {
  const children = parseGfm(piece.text).children;
  for (const child of children) shiftPositions(child, piece.lineOffset, piece.offset);
  return children;
}

/** The tree of the whole text, parsed piece by piece (see chunks.ts) with positions shifted back. */
function parseTree(text: string, lines: LineIndex): Root {
  const pieces = splitIntoPieces(text);
  if (pieces.length === 1) return parseGfm(text);
  const children: RootContent[] = [];
  for (const piece of parseTopLevel(text)) for (const child of piece) children.push(child);
  const end = lines.position(text.length);
  return {
    type: 'root',
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { ...end, offset: text.length } },
  };
}

/** Moves a subtree parsed from a piece to where the piece sits in the document. */
function shiftPositions(node: Nodes, lineOffset: number, offset: number): void {
  const position = node.position;
  if (position) {
    position.start.line += lineOffset;
    position.end.line += lineOffset;
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
  }
  if ('children' in node) {
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) shiftPositions(children[i], lineOffset, offset);
  }
}

/** Number of lines taken by a leading `---` … `---`/`...` YAML block, else 0. */
function frontMatterLines(text: string): number {
  if (!/^ ?---[ \t]*\n/.test(text)) return 0;
  const lines = text.split('\n', 10_000);
  for (let i = 1; i < lines.length; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i])) return i + 1;
  }
  return 0;
}

/** Offset → 1-based line/column lookups in O(log n). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }
}

/** 1-based start line of a node (1 for generated nodes without a position). */
export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/**
 * A node's text as a reader sees it: emphasis dropped, hard breaks as newlines, inline code kept
 * with its backticks (GitHub renders those in issue titles too), HTML comments dropped.
 */
export function plainText(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'inlineCode':
      return `\`${node.value}\``;
    case 'break':
      return '\n';
    case 'html':
      return '';
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'footnoteReference':
      return '';
    default:
      if ('children' in node) {
        let out = '';
        for (const child of node.children as Nodes[]) out += plainText(child);
        return out;
      }
      return 'value' in node && typeof node.value === 'string' ? node.value : '';
  }
}

/** Like plainText, with inline code unquoted and whitespace collapsed: for table cells and titles. */
export function cellText(node: Nodes): string {
  return plainText(node).replace(/`/g, '').replace(/\s+/g, ' ').trim();
}
