// Runs in a parse worker (see parallel.ts): parses a batch of pieces and reads them into plan facts
// (extract.ts). Only the facts go back to the calling thread, not the trees.
import type { Piece } from './chunks.js';
import { FactExtractor, pieceSource, type FactBatch } from './extract.js';
import type { GateVocabulary } from './gate-status.js';
import { parsePiece } from './markdown.js';

export interface ParseTask {
  pieces: Piece[];
  vocabulary?: GateVocabulary;
}

export default function readPieces({ pieces, vocabulary }: ParseTask): FactBatch {
  const extractor = new FactExtractor(vocabulary);
  for (const piece of pieces) extractor.add(parsePiece(piece), pieceSource(piece));
  return extractor.end();
}
