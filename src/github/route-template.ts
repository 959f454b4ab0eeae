// The route template of a GitHub request, for the `route` metrics label. Octokit's REST methods
// pass the template (`/repos/{owner}/{repo}/pulls/{pull_number}/files`), but pagination follows
// GitHub's `link` header with full URLs (`https://…/repos/acme/web/pulls/1/files?page=2`): one
// series per pull request, and repository names in /metrics. Those are matched back to the
// template of the same endpoint, taken from Octokit's own endpoint list (octokit.rest).

interface Template {
  method: string;
  route: string;
  pattern: RegExp;
  /** Literal characters: the more, the more specific (`/issues/comments` before `/issues/{n}`). */
  literal: number;
}

let templates: Template[] | null = null;

/**
 * Answers by method and path: a scan tests up to a thousand patterns, and the same few paths come
 * back on every event (≈ 4 % of the app's CPU under load). Bounded: paths hold numbers and names.
 */
const matched = new Map<string, string>();
const MAX_MATCHED = 5_000;

/** Every `METHOD /route` Octokit knows, read once from an Octokit's `rest` namespace. */
function loadTemplates(rest: unknown): Template[] {
  const found = new Map<string, Template>();
  for (const scope of Object.values((rest ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const method of Object.values(scope ?? {})) {
      const defaults = (method as { endpoint?: { DEFAULTS?: { method?: string; url?: string } } })?.endpoint?.DEFAULTS;
      if (!defaults?.url || !defaults.method) continue;
      const key = `${defaults.method} ${defaults.url}`;
      if (found.has(key)) continue;
      const source = defaults.url
        .split(/(\{[^}]+\})/)
        .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      found.set(key, {
        method: defaults.method,
        route: defaults.url,
        pattern: new RegExp(`^${source}$`),
        literal: defaults.url.replace(/\{[^}]+\}/g, '').length,
      });
    }
  }
  return [...found.values()].sort((a, b) => b.literal - a.literal);
}

/**
 * The template for `url`: as given when it already is one, else the matching endpoint's route,
 * else `other`. Never a full URL, a query string or a repository name.
 */
export function routeTemplate(method: string, url: string, context: { rest?: unknown; baseUrl?: string } = {}): string {
  // Octokit's methods pass the template itself.
  if (url.includes('{') && !url.includes('://') && !url.includes('?')) return url;
  templates ??= context.rest ? loadTemplates(context.rest) : null;
  if (!templates) return 'other';
  let path: string;
  try {
    path = new URL(url, 'http://github.invalid').pathname;
  } catch {
    return 'other';
  }
  const prefix = context.baseUrl ? new URL(context.baseUrl).pathname.replace(/\/+$/, '') : '';
  if (prefix && path.startsWith(`${prefix}/`)) path = path.slice(prefix.length);
  const upper = method.toUpperCase();
  const key = `${upper} ${path}`;
  let route = matched.get(key);
  if (route === undefined) {
    route = templates.find((template) => template.method === upper && template.pattern.test(path))?.route ?? 'other';
    if (matched.size >= MAX_MATCHED) matched.clear();
    matched.set(key, route);
  }
  return route;
}

