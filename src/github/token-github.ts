// The GitHub boundary for a person's token (GITHUB_TOKEN) instead of an app installation: what the
// CLI's `planbot issues --dry-run --repo` reads the real repository through. Same client class as
// the app (Probot's Octokit: retries, throttling, the config plugin readConfigLayers needs), same
// boundary implementation (octokitGitHub), so the dry run reads exactly what the app reads.
import type { GitHub } from './github.js';
import { PlanbotOctokit } from './octokit.js';
import { octokitGitHub, type Octokit } from './octokit-github.js';
import { useRequestTimeout } from './request-timeout.js';

export const DEFAULT_API_URL = 'https://api.github.com';

export interface TokenGitHubOptions {
  token: string;
  /** https://api.github.com, or GitHub Enterprise Server's `https://HOST/api/v3`. */
  apiBaseUrl?: string;
  /** Refuse every request but GET/HEAD before it leaves the process: a dry run cannot write, whatever its code does. */
  readOnly?: boolean;
  /** Deadline per HTTP exchange. Default 30 s. */
  timeoutMs?: number;
  /** Where the client's own warnings go (retries, rate limits). Default: nowhere. */
  warn?: (message: string) => void;
}

/** Thrown (before any network traffic) for a write on a read-only client. */
export class ReadOnlyViolation extends Error {
  constructor(readonly method: string, readonly url: string) {
    super(`refused ${method} ${url}: this GitHub client is read-only (dry run)`);
    this.name = 'ReadOnlyViolation';
  }
}

export function tokenGitHub(options: TokenGitHubOptions): GitHub {
  const warn = options.warn ?? (() => undefined);
  const octokit = new PlanbotOctokit({
    auth: { token: options.token },
    baseUrl: (options.apiBaseUrl ?? DEFAULT_API_URL).replace(/\/+$/, ''),
    log: { debug: () => undefined, info: () => undefined, warn: (...args: unknown[]) => warn(text(args)), error: (...args: unknown[]) => warn(text(args)) },
    // A person is waiting: two retries of a 5xx or a dropped connection (1 s, then 4 s), and a
    // primary rate limit fails at once with GitHub's message instead of sleeping until the reset.
    retry: { retries: 2 },
    throttle: { onRateLimit: () => false },
  }) as unknown as Octokit;
  if (options.readOnly) {
    octokit.hook.before('request', (request) => {
      const method = String(request.method).toUpperCase();
      if (method === 'GET' || method === 'HEAD' || isGraphqlQuery(request)) return;
      throw new ReadOnlyViolation(method, String(request.url));
    });
  }
  useRequestTimeout(octokit, options.timeoutMs ?? 30_000);
  return octokitGitHub(octokit);
}

/** A GraphQL read (the Project board): POSTed like a mutation, but it changes nothing. */
function isGraphqlQuery(request: { url?: unknown; query?: unknown }): boolean {
  return /\/graphql$/.test(String(request.url)) && typeof request.query === 'string' && !/(^|[\s}])mutation\b/.test(request.query);
}

/** Octokit's loggers pass (object, message) or (message): keep the words. */
function text(args: unknown[]): string {
  return args.filter((arg) => typeof arg === 'string').join(' ') || JSON.stringify(args[0]);
}
