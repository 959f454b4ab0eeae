// Runs in a parse worker (see parallel.ts): parses a batch of pieces, each into its top-level
// nodes with the positions they have in the whole document. The tree goes back by structured clone.
import type { RootContent } from 'mdast';
import type { Piece } from './chunks.js';
import { parsePiece } from './markdown.js';

export default function parsePieces(pieces: Piece[]): RootContent[][] {
  return pieces.map(parsePiece);
}
