// Counts every GitHub request a job makes, by route template (e.g.
// `/repos/{owner}/{repo}/contents/{path}`, never the expanded URL that pagination follows:
// cardinality stays low and no repository name shows in /metrics; src/github/route-template.ts) and
// status, and records the installation's remaining rate limit from the response headers.
// Install it before the conditional-request hook so a 304 is counted as a 304.
import type { Octokit } from './octokit-github.js';
import { routeTemplate } from './route-template.js';

type HookableOctokit = Pick<Octokit, 'hook'>;

/** The two series this hook feeds (src/metrics/registry.ts has them), so the boundary needs no metrics import. */
export interface RequestMetrics {
  githubRequests: { inc(labels: { method: string; route: string; status: string }): void };
  rateLimitRemaining: { set(labels: { installation: string }, value: number): void };
}

const instrumented = new WeakSet<object>();

export function instrumentOctokit(octokit: HookableOctokit, metrics: RequestMetrics, installation: string): void {
  if (instrumented.has(octokit)) return;
  instrumented.add(octokit);
  octokit.hook.wrap('request', async (request, options) => {
    const method = String(options.method ?? 'GET').toUpperCase();
    const route = routeTemplate(method, String(options.url ?? 'other'), {
      rest: (octokit as { rest?: unknown }).rest,
      baseUrl: String(options.baseUrl ?? ''),
    });
    const labels = { method, route };
    try {
      const response = await request(options);
      metrics.githubRequests.inc({ ...labels, status: String(response.status) });
      recordRateLimit(metrics, installation, response.headers);
      return response;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      metrics.githubRequests.inc({ ...labels, status: typeof status === 'number' ? String(status) : 'error' });
      recordRateLimit(metrics, installation, (error as { response?: { headers?: Record<string, unknown> } }).response?.headers);
      throw error;
    }
  });
}

function recordRateLimit(metrics: RequestMetrics, installation: string, headers: Record<string, unknown> | undefined): void {
  const remaining = Number(headers?.['x-ratelimit-remaining']);
  if (headers?.['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining)) {
    metrics.rateLimitRemaining.set({ installation }, remaining);
  }
}
