// Splitting a large document into pieces that parse exactly as they would in place.
//
// Why: mdast-util-from-markdown splices the document's whole event array once per list item
// (syntax-tree/mdast-util-from-markdown#49), so a 1 MB plan with ten thousand tasks parses in
// quadratic time. Parsing 8 KB pieces keeps that cost linear.
//
// A piece may only start on a line that begins a new top-level block whatever came before it: an
// ATX heading or a bullet item at column 0 (both interrupt paragraphs, end tables and end every
// container) that is not inside a fenced code block or an HTML block. The scan is conservative:
// any line that might be inside one is never a cut. Documents with link or footnote definitions
// are not split, because a reference in one piece may need a definition in another.

const PIECE_BYTES = 8 * 1024;
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
  let pieceStart = 0;
  let pieceLine = 0;
  let line = 0;
  let fence: string | null = null;
  let html: RegExp | 'blank' | null = null;
  for (let start = 0; start < text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const current = text.slice(start, end);
    const insideBlock = fence !== null || html !== null;
    if (!insideBlock && start - pieceStart >= PIECE_BYTES && CUT.test(current)) {
      pieces.push({ text: text.slice(pieceStart, start), offset: pieceStart, lineOffset: pieceLine });
      pieceStart = start;
      pieceLine = line;
    }
    [fence, html] = nextState(current, fence, html);
    start = end + 1;
  }
  pieces.push({ text: text.slice(pieceStart), offset: pieceStart, lineOffset: pieceLine });
  return pieces;
}

/** Whether, after `line`, we are inside a fence (its marker) or an HTML block (what ends it). */
function nextState(
  line: string,
  fence: string | null,
  html: RegExp | 'blank' | null,
): [string | null, RegExp | 'blank' | null] {
  if (fence !== null) {
    const close = FENCE_OPEN.exec(line);
    const closes = close && close[1][0] === fence[0] && close[1].length >= fence.length && close[2].trim() === '';
    return [closes ? null : fence, null];
  }
  if (html !== null) {
    if (html === 'blank') return [null, line.trim() === '' ? null : 'blank'];
    return [null, html.test(line) ? null : html];
  }
  const open = FENCE_OPEN.exec(line);
  if (open && !(open[1][0] === '`' && open[2].includes('`'))) return [open[1], null];
  if (HTML_OPEN.test(line)) {
    const kind = HTML_UNTIL_END.find(([opens]) => opens.test(line));
    if (!kind) return [null, 'blank'];
    // The end marker may be on the opening line itself (`<!-- note -->`).
    const rest = line.replace(kind[0], '');
    return [null, kind[1].test(rest) ? null : kind[1]];
  }
  return [null, null];
}
