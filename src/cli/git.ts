// The two facts the CLI takes from the local git checkout: the current branch and the GitHub
// repository of its remote. Read with the git command itself, so worktrees and packed refs work.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

async function git(dir: string, args: string[]): Promise<string | null> {
  try {
    const { stdout } = await exec('git', args, { cwd: dir, timeout: 10_000 });
    return stdout.trim() || null;
  } catch {
    // Not a checkout, no such ref, or git missing: the caller says what it needed.
    return null;
  }
}

/** The checked-out branch (also on a branch with no commit yet); null when detached or not in git. */
export function currentBranch(dir: string): Promise<string | null> {
  return git(dir, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
}

/** `owner/name` of the `origin` remote (else the only remote); null when there is none. */
export async function remoteRepository(dir: string): Promise<string | null> {
  let url = await git(dir, ['remote', 'get-url', 'origin']);
  if (url === null) {
    const remotes = (await git(dir, ['remote']))?.split('\n') ?? [];
    if (remotes.length === 1) url = await git(dir, ['remote', 'get-url', remotes[0]]);
  }
  return url === null ? null : repositoryFromUrl(url);
}

/**
 * `owner/name` from the URL forms git accepts: https://host/owner/name(.git),
 * ssh://git@host[:port]/owner/name.git and scp-like git@host:owner/name.git.
 */
export function repositoryFromUrl(url: string): string | null {
  const match =
    /^(?:https?|ssh|git|git\+ssh):\/\/(?:[^@/]+@)?[^/]+\/(?:.*\/)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(url) ??
    /^(?:[^@/]+@)?[^:/]+:(?!\/\/)(?:.*\/)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : null;
}
