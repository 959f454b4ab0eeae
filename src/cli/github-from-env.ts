// The CLI's way onto GitHub: GITHUB_TOKEN (the same variable Actions sets) and GITHUB_API_URL
// (Actions sets it too; GitHub Enterprise Server: https://HOST/api/v3). Read-only: the CLI only
// ever reads, and the client refuses a write before it is sent.
import type { GitHub } from '../github/github.js';
import { DEFAULT_API_URL, tokenGitHub } from '../github/token-github.js';
import { CliError, EXIT_USAGE } from './io.js';

export function githubFromEnv(env: NodeJS.ProcessEnv, command: string, warn: (message: string) => void): GitHub {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) {
    throw new CliError(`${command}: set GITHUB_TOKEN to a token that can read the repository's contents, issues and pull requests`, EXIT_USAGE);
  }
  const apiBaseUrl = env.GITHUB_API_URL?.trim() || DEFAULT_API_URL;
  if (!/^https?:\/\/[^/\s]+/.test(apiBaseUrl)) {
    throw new CliError(`${command}: GITHUB_API_URL must be a URL like ${DEFAULT_API_URL} or https://HOST/api/v3 (got "${apiBaseUrl}")`, EXIT_USAGE);
  }
  return tokenGitHub({ token, apiBaseUrl, readOnly: true, warn });
}
