// Reading and writing repository files through the contents API.
// Reads are always through the base repository (this works for fork PRs at their head SHA).
import type { Context } from 'probot';

export type Octokit = Context['octokit'];

export interface RepoCoordinates {
  owner: string;
  repo: string;
}

export interface RepoFile {
  path: string;
  /** The ref (branch or SHA) it was read at. */
  ref: string;
  /** Blob SHA: needed to update the file without clobbering a concurrent change. */
  sha: string;
  content: string;
  size: number;
  /** True when invalid UTF-8 was replaced by U+FFFD: such text may be read, never written back. */
  lossy?: boolean;
}

export interface ReadOptions {
  /** Decode invalid UTF-8 with U+FFFD, as GitHub shows it, instead of refusing the file. */
  lenient?: boolean;
}

/** Plans beyond this size are refused with a clear error instead of being parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
  ) {
    super(`${path} is ${size} bytes; planbot reads files up to ${MAX_FILE_BYTES} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export class NotTextError extends Error {
  constructor(
    readonly path: string,
    reason = 'is not valid UTF-8 text',
  ) {
    super(`${path} ${reason}`);
    this.name = 'NotTextError';
  }
}

export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Reads one file at a ref. Returns null when it does not exist (404), or when the path is a
 * directory. Throws FileTooLargeError / NotTextError for content planbot must not parse.
 * Costs 1 request (2 for files over 1 MB, which the contents API returns without content).
 */
export async function readRepoFile(
  octokit: Octokit,
  where: RepoCoordinates,
  path: string,
  ref: string,
  options: ReadOptions = {},
): Promise<RepoFile | null> {
  let data: any;
  try {
    ({ data } = await octokit.rest.repos.getContent({ ...where, path, ref }));
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
  if (Array.isArray(data) || data.type !== 'file') return null;
  if (data.size > MAX_FILE_BYTES) throw new FileTooLargeError(path, data.size);
  let base64: string = data.content ?? '';
  if (data.encoding === 'none' || (!base64 && data.size > 0)) {
    const blob = await octokit.rest.git.getBlob({ ...where, file_sha: data.sha });
    base64 = blob.data.content;
  }
  const bytes = Buffer.from(base64, 'base64');
  if (options.lenient) {
    const { text, lossy } = decodeUtf8Lenient(path, bytes);
    return { path, ref, sha: data.sha, size: data.size, content: text, ...(lossy ? { lossy } : {}) };
  }
  return { path, ref, sha: data.sha, size: data.size, content: decodeUtf8(path, bytes) };
}

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

export interface FileWrite {
  path: string;
  branch: string;
  content: string;
  message: string;
  /** The blob SHA being replaced; omit to create. GitHub answers 409/422 if it is stale. */
  sha?: string;
}

/** Creates or updates one file in one commit. Returns the new commit SHA and blob SHA. */
export async function writeRepoFile(
  octokit: Octokit,
  where: RepoCoordinates,
  write: FileWrite,
): Promise<{ commitSha: string; blobSha: string }> {
  const { data } = await octokit.rest.repos.createOrUpdateFileContents({
    ...where,
    path: write.path,
    branch: write.branch,
    message: write.message,
    content: Buffer.from(write.content, 'utf8').toString('base64'),
    ...(write.sha ? { sha: write.sha } : {}),
  });
  return { commitSha: data.commit.sha ?? '', blobSha: data.content?.sha ?? '' };
}
