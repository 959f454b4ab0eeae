// Reading a plan from disk with the same limits the app applies to files in a repository.
import { readFile, stat } from 'node:fs/promises';
import { MAX_FILE_BYTES } from '../github/errors.js';
import { CliError } from './io.js';

/** The file's text, or a CliError saying in one line why it cannot be read. */
export async function readTextFile(path: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CliError(`${path}: is a directory, not a file`);
    size = info.size;
  } catch (error) {
    throw asCliError(path, error);
  }
  if (size > MAX_FILE_BYTES) {
    throw new CliError(`${path}: file is ${size} bytes; planbot reads files up to ${MAX_FILE_BYTES} bytes (5 MB)`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw asCliError(path, error);
  }
  // NUL bytes mean binary data. Other invalid UTF-8 (a stray Windows-1252 byte) is decoded as
  // U+FFFD, as GitHub shows it; the plan engine reports each such line as an `encoding` finding.
  if (bytes.includes(0)) throw new CliError(`${path}: not a text file (binary data)`);
  return new TextDecoder('utf-8').decode(bytes);
}

function asCliError(path: string, error: unknown): CliError {
  if (error instanceof CliError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new CliError(`${path}: no such file`);
  if (code === 'EACCES' || code === 'EPERM') return new CliError(`${path}: permission denied`);
  if (code === 'EISDIR') return new CliError(`${path}: is a directory, not a file`);
  return new CliError(`${path}: cannot be read (${code ?? (error as Error)?.message ?? 'unknown error'})`);
}
