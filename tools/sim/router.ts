// Route table for the simulated REST API: GitHub's path templates (`/repos/{owner}/{repo}/...`)
// compiled to matchers. A `{name+}` parameter spans slashes (file paths, refs).
import type { SimRepo, SimUser } from './state.js';

export interface SimRequest {
  method: string;
  /** Path without the `/api/v3` prefix and without the query, as sent (still percent-encoded). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  headers: Record<string, string | string[] | undefined>;
  /** Who is calling: the app's bot user for installation tokens, null for app (JWT) calls. */
  actor: SimUser | null;
  installationId: number | null;
  appId: number | null;
}

export interface SimResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An error answer in GitHub's shape: `{ message, documentation_url, errors? }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export function notFound(): HttpError {
  return new HttpError(404, 'Not Found');
}

export function validationFailed(field: string, code: string, message?: string, resource = 'Issue'): HttpError {
  return new HttpError(422, 'Validation Failed', [{ resource, field, code, ...(message ? { message } : {}) }]);
}

export type Handler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

/** A handler that works inside one repository; `repo` already checked against the caller's installation. */
export type RepoHandler = (request: SimRequest, repo: SimRepo) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  keys: string[];
  literals: number;
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): void {
    const keys: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        const param = /^\{(\w+)(\+?)\}$/.exec(segment);
        if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        keys.push(param[1]);
        return param[2] ? '(.+)' : '([^/]+)';
      })
      .join('/');
    const literals = template.split('/').filter((segment) => segment && !segment.startsWith('{')).length;
    this.routes.push({ method, template, regex: new RegExp(`^${source}$`), keys, literals, handler });
    // More literal segments first: `/issues/comments/{id}` wins over `/issues/{number}/...`.
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  match(method: string, path: string): { handler: Handler; template: string; params: Record<string, string> } | { allowed: string[] } | null {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = safeDecode(found[index + 1]);
      });
      return { handler: route.handler, template: route.template, params };
    }
    return allowed.length ? { allowed } : null;
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Reads `per_page` (default 30, at most 100) and `page` (default 1) as GitHub does. */
export function pageParams(query: URLSearchParams): { perPage: number; page: number } {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page')) || 30));
  const page = Math.max(1, Number(query.get('page')) || 1);
  return { perPage, page };
}

/** Slices one page and builds GitHub's `Link` header (next, last, first, prev). */
export function paginate<T>(items: T[], request: SimRequest, selfUrl: string): { items: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageParams(request.query);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (target: number, rel: string) => {
    const query = new URLSearchParams(request.query);
    query.set('per_page', String(perPage));
    query.set('page', String(target));
    return `<${selfUrl}?${query.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(Math.min(page - 1, last), 'prev'));
  return { items: items.slice((page - 1) * perPage, page * perPage), headers: links.length ? { link: links.join(', ') } : {} };
}
