// The files a pull request changes, from the checkout alone (no API call, no token): `git diff`
// between the event's base and head commits. Null when the history needed is not in the checkout
// (actions/checkout fetches one commit by default), and the caller lints every plan instead.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface PullRequestFacts {
  baseSha: string;
  headSha: string;
  /** The head branch, e.g. `004-legal-pages`. */
  headRef: string;
}

/** The pull request of a pull_request / pull_request_target event; null for any other event. */
export function pullRequestOf(eventPath: string | undefined): PullRequestFacts | null {
  if (!eventPath) return null;
  let event: { pull_request?: { base?: { sha?: unknown }; head?: { sha?: unknown; ref?: unknown } } };
  try {
    event = JSON.parse(readFileSync(eventPath, 'utf8'));
  } catch {
    return null;
  }
  const pr = event?.pull_request;
  const baseSha = pr?.base?.sha;
  const headSha = pr?.head?.sha;
  if (typeof baseSha !== 'string' || typeof headSha !== 'string') return null;
  return { baseSha, headSha, headRef: typeof pr?.head?.ref === 'string' ? pr.head.ref : '' };
}

/**
 * Paths (POSIX, relative to the repository root) added or modified between base and head:
 * `base...head` (what GitHub shows) when the merge base is fetched, else `base head`.
 * Deleted files are left out: there is nothing to lint.
 */
export async function changedFiles(workspace: string, pr: PullRequestFacts): Promise<string[] | null> {
  for (const range of [[`${pr.baseSha}...${pr.headSha}`], [pr.baseSha, pr.headSha]]) {
    try {
      const { stdout } = await exec('git', ['-c', 'core.quotepath=off', 'diff', '--name-only', '--no-renames', '--diff-filter=d', ...range, '--'], {
        cwd: workspace,
        maxBuffer: 64 * 1024 * 1024,
        timeout: 60_000,
      });
      return stdout.split('\n').filter(Boolean);
    } catch {
      // Commit or merge base not fetched: try the next form, then give up.
    }
  }
  return null;
}
