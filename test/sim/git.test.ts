import { describe, expect, it } from '@jest/globals';
import { blobSha, GitStore } from '../../tools/sim/git.js';

describe('GitStore', () => {
  it('addresses blobs exactly as git does', () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(blobSha(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    // `git hash-object /dev/null`
    expect(blobSha(Buffer.alloc(0))).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });

  it('commits on a branch, resolves branch names, refs/heads/ and abbreviated SHAs', () => {
    const git = new GitStore();
    const first = git.commitToBranch('main', [{ path: 'a.md', content: 'one\n' }], 'first', { login: 'alice' });
    const second = git.commitToBranch('main', [{ path: 'b/c.md', content: 'two\n' }], 'second', { login: 'alice' });
    expect(git.resolve('main')?.sha).toBe(second.sha);
    expect(git.resolve('refs/heads/main')?.sha).toBe(second.sha);
    expect(git.resolve(first.sha.slice(0, 10))?.sha).toBe(first.sha);
    expect(git.resolve('nope')).toBeUndefined();
    expect([...second.tree.keys()].sort()).toEqual(['a.md', 'b/c.md']);
    expect(git.history(second.sha).map((commit) => commit.message)).toEqual(['second', 'first']);
  });

  it('lists directories with sub-directories collapsed', () => {
    const git = new GitStore();
    const commit = git.commitToBranch('main', [
      { path: 'specs/001-a/plan.md', content: 'x' },
      { path: 'specs/002-b/plan.md', content: 'y' },
      { path: 'specs/README.md', content: 'z' },
    ], 'm', { login: 'a' });
    expect(git.listDirectory(commit, 'specs').map((entry) => `${entry.type}:${entry.path}`)).toEqual(['dir:specs/001-a', 'dir:specs/002-b', 'file:specs/README.md']);
    expect(git.isDirectory(commit, 'specs/001-a')).toBe(true);
    expect(git.isDirectory(commit, 'specs/001-a/plan.md')).toBe(false);
  });

  it('diffs two commits with line counts, as a PR lists changed files', () => {
    const git = new GitStore();
    const base = git.commitToBranch('main', [
      { path: 'keep.md', content: 'same\n' },
      { path: 'edit.md', content: 'a\nb\nc\n' },
      { path: 'gone.md', content: 'x\n' },
    ], 'base', { login: 'a' });
    const head = git.createCommit(base.sha, [
      { path: 'edit.md', content: 'a\nB\nc\nd\n' },
      { path: 'gone.md', content: null },
      { path: 'new.md', content: '1\n2\n' },
    ], 'head', { login: 'a' });
    expect(git.diff(base, head)).toEqual([
      expect.objectContaining({ filename: 'edit.md', status: 'modified', additions: 2, deletions: 1 }),
      expect.objectContaining({ filename: 'gone.md', status: 'removed', additions: 0, deletions: 1 }),
      expect.objectContaining({ filename: 'new.md', status: 'added', additions: 2, deletions: 0 }),
    ]);
  });
});
