// File bytes to text, the way planbot may read them: strictly (a binary or mis-encoded file is an
// error, not garbage to parse), or leniently as GitHub renders them.
import { NotTextError } from './errors.js';

/**
 * Decodes as GitHub renders: a stray byte becomes U+FFFD and the rest is read (the engine reports
 * an `encoding` finding on that line). NUL bytes still mean binary data.
 */
export function decodeUtf8Lenient(path: string, bytes: Uint8Array): { text: string; lossy: boolean } {
  if (bytes.includes(0)) throw new NotTextError(path, 'is not a text file (binary data)');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), lossy: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), lossy: true };
  }
}

/** Decodes strictly: a binary or mis-encoded file is an error, not garbage to parse. */
export function decodeUtf8(path: string, bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new NotTextError(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new NotTextError(path);
  }
}
