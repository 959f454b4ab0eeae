// The files a pull request (or a merge group) changes. GitHub lists at most 3,000 files of a pull
// request (100 per page) and 300 of a comparison; beyond that planbot says the list is incomplete.
import type { Octokit, RepoCoordinates } from './files.js';

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

interface FileEntry {
  filename: string;
  status?: string;
}

function collect(entries: FileEntry[], cap: number): ChangedFiles {
  return {
    files: entries.map((entry) => entry.filename),
    removed: entries.filter((entry) => entry.status === 'removed').map((entry) => entry.filename),
    truncated: entries.length >= cap,
  };
}

/** Costs one request per 100 files (at most 30). */
export async function listPullRequestFiles(
  octokit: Octokit,
  where: RepoCoordinates,
  pullNumber: number,
): Promise<ChangedFiles> {
  const entries = await octokit.paginate(octokit.rest.pulls.listFiles, { ...where, pull_number: pullNumber, per_page: 100 });
  return collect(entries, MAX_PULL_REQUEST_FILES);
}

/** The files between two commits (`base...head`): one request, at most 300 files. */
export async function listComparedFiles(
  octokit: Octokit,
  where: RepoCoordinates,
  base: string,
  head: string,
): Promise<ChangedFiles> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...where, basehead: `${base}...${head}` });
  return collect((data.files ?? []) as FileEntry[], MAX_COMPARE_FILES);
}
