// Splitting a large document into pieces that parse exactly as they would in place.
//
// Why: mdast-util-from-markdown splices the document's whole event array once per list item
// (syntax-tree/mdast-util-from-markdown#49), so a 1 MB plan with ten thousand tasks parses in
// quadratic time. Parsing small pieces keeps that cost linear.
//
// A piece may only start on a line that begins a new top-level block whatever came before it: an
// ATX heading or a bullet item at column 0 (both interrupt paragraphs, end tables and end every
// container) that is not inside a fenced code block or an HTML block. The scan is conservative:
// any line that might be inside one is never a cut. Documents with link or footnote definitions
// are not split, because a reference in one piece may need a definition in another.

// 2 KB measured best for a 1 MB seed-shaped plan (node 20, A/B medians): ~5-8% faster than 4 KB,
// ~25% faster than 8 KB; smaller pieces keep each parse's short-lived objects out of the old
// generation, and the per-parse overhead (~0.1 ms) only starts to show below 1 KB.
const PIECE_BYTES = 2 * 1024;
/** Below this size splitting buys nothing. */
const SPLIT_FROM_BYTES = 32 * 1024;

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_OPEN = /^ {0,3}<[!?/a-zA-Z]/;
const HTML_UNTIL_END: Array<[RegExp, RegExp]> = [
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<![A-Za-z]/, />/],
];
const CUT = /^(?:#{1,6}(?:[ \t]|$)|[-*+][ \t]+\S)/;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

export interface Piece {
  text: string;
  /** Offset of the piece in the document. */
  offset: number;
  /** Number of lines before the piece (0 for the first). */
  lineOffset: number;
}

/** The document as pieces (just one when it is small or cannot be split safely). */
export function splitIntoPieces(text: string): Piece[] {
  if (text.length < SPLIT_FROM_BYTES || DEFINITION.test(text)) return [{ text, offset: 0, lineOffset: 0 }];
  const pieces: Piece[] = [];
  const scanner = new RawBlockScanner();
  let pieceStart = 0;
  let pieceLine = 0;
  let line = 0;
  for (let start = 0; start < text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const current = text.slice(start, end);
    if (!scanner.inside && start - pieceStart >= PIECE_BYTES && CUT.test(current)) {
      pieces.push({ text: text.slice(pieceStart, start), offset: pieceStart, lineOffset: pieceLine });
      pieceStart = start;
      pieceLine = line;
    }
    scanner.next(current);
    start = end + 1;
  }
  pieces.push({ text: text.slice(pieceStart), offset: pieceStart, lineOffset: pieceLine });
  return pieces;
}

/**
 * Follows raw lines in and out of fenced code and HTML blocks, conservatively: when in doubt it
 * says "inside". Used where the text must be looked at before there is a tree.
 */
export class RawBlockScanner {
  private fence: string | null = null;
  private html: RegExp | 'blank' | null = null;

  /** Whether the line last given to next() left us inside a fence or an HTML block. */
  get inside(): boolean {
    return this.fence !== null || this.html !== null;
  }

  /** Feeds one line; returns whether that line itself was inside (or opened) such a block. */
  next(line: string): boolean {
    const wasInside = this.inside;
    if (this.fence !== null) {
      const close = FENCE_OPEN.exec(line);
      if (close && close[1][0] === this.fence[0] && close[1].length >= this.fence.length && close[2].trim() === '') this.fence = null;
      return true;
    }
    if (this.html === 'blank') {
      if (line.trim() === '') this.html = null;
      return true;
    }
    if (this.html !== null) {
      if (this.html.test(line)) this.html = null;
      return true;
    }
    const open = FENCE_OPEN.exec(line);
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      this.fence = open[1];
      return true;
    }
    if (HTML_OPEN.test(line)) {
      const kind = HTML_UNTIL_END.find(([opens]) => opens.test(line));
      // The end marker may be on the opening line itself (`<!-- note -->`).
      this.html = !kind ? 'blank' : kind[1].test(line.replace(kind[0], '')) ? null : kind[1];
      return true;
    }
    return wasInside;
  }
}
