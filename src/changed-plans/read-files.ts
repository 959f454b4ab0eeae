// Reading a changed file for planbot: one that exists but cannot be used (too large, not text) is
// recorded with why, not fatal; a server error propagates so the job is retried.
import type { Logger } from 'pino';
import type { GitHub, RepoCoordinates, RepoFile } from '../github/github.js';
import { FileTooLargeError, NotTextError } from '../github/errors.js';

export interface FileReader {
  github: GitHub;
  where: RepoCoordinates;
  log: Pick<Logger, 'error'>;
  /** Where unusable files are recorded. */
  readErrors: Array<{ path: string; message: string }>;
}

/**
 * The file at `sha` as GitHub shows it (invalid UTF-8 as U+FFFD); null when absent or unusable.
 * A listed file that is not there is recorded unless `mayBeAbsent`.
 */
export async function readChangedFile(reader: FileReader, path: string, sha: string, what: 'plan' | 'checklist', mayBeAbsent: boolean): Promise<RepoFile | null> {
  try {
    const file = await reader.github.readFile(reader.where, path, sha, { lenient: true });
    if (!file && !mayBeAbsent) reader.readErrors.push({ path, message: 'is listed as changed but is not a file at the head commit' });
    return file;
  } catch (error) {
    if (error instanceof FileTooLargeError || error instanceof NotTextError) {
      reader.readErrors.push({ path, message: error.message });
      return null;
    }
    reader.log.error({ err: error, path, sha }, `could not read ${what}`);
    throw error;
  }
}
