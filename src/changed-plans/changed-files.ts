// The files a change touches, as planbot reads them: GitHub lists at most 3,000 files of a pull
// request (100 per page) and 300 of a comparison; at the cap, the list is incomplete and says so.
import type { ChangedFileEntry, GitHub, RepoCoordinates } from '../github/github.js';

export const MAX_PULL_REQUEST_FILES = 3000;
export const MAX_COMPARE_FILES = 300;

export interface ChangedFiles {
  /** Every changed path, removed files included, in GitHub's order. */
  files: string[];
  /** Paths the change deletes: they do not exist at the head commit. */
  removed: string[];
  /** True when GitHub's cap was reached, so later files are unknown. */
  truncated: boolean;
}

export function changedFilesOf(entries: ChangedFileEntry[], cap: number): ChangedFiles {
  return {
    files: entries.map((entry) => entry.filename),
    removed: entries.filter((entry) => entry.status === 'removed').map((entry) => entry.filename),
    truncated: entries.length >= cap,
  };
}

/** A pull request's files (one request per 100), or the files between two commits (one request). */
export async function listChangedFiles(
  github: GitHub,
  where: RepoCoordinates,
  change: { pull: number } | { base: string; head: string },
): Promise<ChangedFiles> {
  if ('pull' in change) return changedFilesOf(await github.listPullFiles(where, change.pull), MAX_PULL_REQUEST_FILES);
  return changedFilesOf(await github.compareFiles(where, change.base, change.head), MAX_COMPARE_FILES);
}
