// Links from issues to the plan. The web host comes from the repository payload's html_url, so
// GitHub Enterprise Server links point at the right host.

export interface RepoWeb {
  /** e.g. `https://github.com/acme/web` or `https://ghe.example.com/acme/web`. */
  url: string;
}

/** The repository's web address from a webhook payload, else derived from the API base URL. */
export function repositoryWebUrl(
  payload: { repository?: { html_url?: string | null } | null } | null | undefined,
  where: { owner: string; repo: string },
  apiBaseUrl = 'https://api.github.com',
): string {
  const fromPayload = payload?.repository?.html_url;
  if (fromPayload) return fromPayload.replace(/\/+$/, '');
  const api = new URL(apiBaseUrl);
  // api.github.com → github.com; GHES serves the API under https://host/api/v3.
  const host = api.host === 'api.github.com' ? 'github.com' : api.host;
  return `${api.protocol}//${host}/${where.owner}/${where.repo}`;
}

function encodeSegments(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** `…/blob/<branch>/<path>#L<line>`. */
export function blobUrl(repoUrl: string, branch: string, path: string, line?: number | null): string {
  const anchor = line ? `#L${line}` : '';
  return `${repoUrl}/blob/${encodeSegments(branch)}/${encodeSegments(path)}${anchor}`;
}
