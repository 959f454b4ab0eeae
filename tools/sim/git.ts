// The simulated repository's git objects: blobs addressed the way git addresses them (so a blob
// SHA means what it means on GitHub), commits holding a flat path -> blob tree, and branch refs.
import { createHash } from 'node:crypto';

export interface Signature {
  name: string;
  email: string;
  date: string;
}

export interface Commit {
  sha: string;
  message: string;
  parents: string[];
  /** path -> blob SHA; directories are implied by the paths. */
  tree: ReadonlyMap<string, string>;
  author: Signature;
  committer: Signature;
  /** GitHub login of whoever made the commit (a user, or `app-slug[bot]`). */
  login: string;
}

export interface FileChange {
  path: string;
  /** New content; null deletes the file. */
  content: string | Buffer | null;
}

export interface FileDiff {
  filename: string;
  status: 'added' | 'modified' | 'removed';
  sha: string;
  additions: number;
  deletions: number;
  changes: number;
}

/** Git's own blob id: sha1("blob <size>\0<bytes>"). */
export function blobSha(bytes: Buffer): string {
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

export class GitStore {
  private readonly blobs = new Map<string, Buffer>();
  private readonly commits = new Map<string, Commit>();
  private readonly refs = new Map<string, string>();
  private counter = 0;

  putBlob(content: string | Buffer): string {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const sha = blobSha(bytes);
    this.blobs.set(sha, bytes);
    return sha;
  }

  blob(sha: string): Buffer | undefined {
    return this.blobs.get(sha);
  }

  commit(sha: string): Commit | undefined {
    return this.commits.get(sha);
  }

  branches(): string[] {
    return [...this.refs.keys()].sort();
  }

  branchSha(branch: string): string | undefined {
    return this.refs.get(branch);
  }

  /** Resolves a branch name, `refs/heads/x`, or a (possibly abbreviated, ≥ 7 chars) commit SHA. */
  resolve(ref: string): Commit | undefined {
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
    const head = this.refs.get(branch);
    if (head) return this.commits.get(head);
    if (/^[0-9a-f]{7,40}$/.test(ref)) {
      const exact = this.commits.get(ref);
      if (exact) return exact;
      const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(ref));
      if (matches.length === 1) return this.commits.get(matches[0]);
    }
    return undefined;
  }

  setRef(branch: string, sha: string): void {
    if (!this.commits.has(sha)) throw new Error(`no commit ${sha}`);
    this.refs.set(branch, sha);
  }

  deleteRef(branch: string): boolean {
    return this.refs.delete(branch);
  }

  /** Creates a commit on top of `parent` (or a root commit) without moving any ref. */
  createCommit(parent: string | null, changes: FileChange[], message: string, who: { login: string; name?: string; email?: string; date?: string }): Commit {
    const base = parent ? this.commits.get(parent) : undefined;
    if (parent && !base) throw new Error(`no commit ${parent}`);
    const tree = new Map(base?.tree ?? []);
    for (const change of changes) {
      if (change.content === null) tree.delete(change.path);
      else tree.set(change.path, this.putBlob(change.content));
    }
    const signature: Signature = {
      name: who.name ?? who.login,
      email: who.email ?? `${who.login}@users.noreply.github.com`,
      date: who.date ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    this.counter += 1;
    const sha = createHash('sha1')
      .update(JSON.stringify([parent, [...tree].sort(), message, signature, this.counter]))
      .digest('hex');
    const commit: Commit = { sha, message, parents: parent ? [parent] : [], tree, author: signature, committer: signature, login: who.login };
    this.commits.set(sha, commit);
    return commit;
  }

  /** Commits on a branch and moves it; creates the branch from nothing when it does not exist. */
  commitToBranch(branch: string, changes: FileChange[], message: string, who: { login: string; name?: string; email?: string }): Commit {
    const commit = this.createCommit(this.refs.get(branch) ?? null, changes, message, who);
    this.refs.set(branch, commit.sha);
    return commit;
  }

  /** Files under a directory at a commit: direct children, with sub-directories collapsed. */
  listDirectory(commit: Commit, dir: string): Array<{ name: string; path: string; type: 'file' | 'dir'; sha: string }> {
    const prefix = dir === '' ? '' : `${dir.replace(/\/$/, '')}/`;
    const entries = new Map<string, { name: string; path: string; type: 'file' | 'dir'; sha: string }>();
    for (const [path, sha] of commit.tree) {
      if (!path.startsWith(prefix)) continue;
      const rest = path.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      const type = slash === -1 ? 'file' : 'dir';
      if (!entries.has(name)) entries.set(name, { name, path: prefix + name, type, sha: type === 'file' ? sha : treeId(prefix + name, commit) });
    }
    return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  isDirectory(commit: Commit, path: string): boolean {
    const prefix = `${path.replace(/\/$/, '')}/`;
    return path === '' || [...commit.tree.keys()].some((file) => file.startsWith(prefix));
  }

  /** The first-parent history of a commit, newest first. */
  history(sha: string): Commit[] {
    const out: Commit[] = [];
    let current = this.commits.get(sha);
    while (current) {
      out.push(current);
      current = current.parents[0] ? this.commits.get(current.parents[0]) : undefined;
    }
    return out;
  }

  /** Line-level file differences between two commits (what a PR's "Files changed" lists). */
  diff(base: Commit, head: Commit): FileDiff[] {
    const paths = new Set([...base.tree.keys(), ...head.tree.keys()]);
    const out: FileDiff[] = [];
    for (const path of [...paths].sort()) {
      const before = base.tree.get(path);
      const after = head.tree.get(path);
      if (before === after) continue;
      const oldLines = before ? lines(this.blobs.get(before)) : [];
      const newLines = after ? lines(this.blobs.get(after)) : [];
      const { additions, deletions } = lineChanges(oldLines, newLines);
      out.push({
        filename: path,
        status: !before ? 'added' : !after ? 'removed' : 'modified',
        sha: after ?? before!,
        additions,
        deletions,
        changes: additions + deletions,
      });
    }
    return out;
  }
}

function treeId(path: string, commit: Commit): string {
  return createHash('sha1').update(`${commit.sha}:${path}`).digest('hex');
}

function lines(bytes: Buffer | undefined): string[] {
  if (!bytes || bytes.length === 0) return [];
  return bytes.toString('utf8').replace(/\n$/, '').split('\n');
}

/** Counts added/removed lines from a longest-common-subsequence (good enough for plan-sized files). */
function lineChanges(oldLines: string[], newLines: string[]): { additions: number; deletions: number } {
  if (oldLines.length * newLines.length > 4_000_000) return { additions: newLines.length, deletions: oldLines.length };
  let previous = new Array<number>(newLines.length + 1).fill(0);
  for (let i = 1; i <= oldLines.length; i += 1) {
    const current = new Array<number>(newLines.length + 1).fill(0);
    for (let j = 1; j <= newLines.length; j += 1) {
      current[j] = oldLines[i - 1] === newLines[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    previous = current;
  }
  const common = previous[newLines.length];
  return { additions: newLines.length - common, deletions: oldLines.length - common };
}
