// Conditional GETs: remember each response's ETag and send If-None-Match next time.
// GitHub answers 304 when nothing changed, and a 304 does not count against the rate limit,
// so a steady-state event costs (almost) nothing. The cache is per process, scoped by installation.
import { LRUCache } from 'lru-cache';
import type { Octokit } from './files.js';

interface CachedResponse {
  etag: string;
  status: number;
  url: string;
  headers: Record<string, unknown>;
  data: unknown;
}

export class ConditionalCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  hits = 0;
  misses = 0;

  constructor(maxEntries = 10_000) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(key: string): CachedResponse | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: CachedResponse): void {
    this.entries.set(key, value);
  }

  clear(): void {
    this.entries.clear();
  }
}

const wrapped = new WeakSet<object>();

/** Installs the conditional-request hook on one octokit instance (idempotent). */
export function useConditionalRequests(octokit: Octokit, cache: ConditionalCache, scope: string): void {
  if (wrapped.has(octokit)) return;
  wrapped.add(octokit);
  octokit.hook.wrap('request', async (request, options) => {
    if (String(options.method).toUpperCase() !== 'GET') return request(options);
    const endpoint = octokit.request.endpoint.parse(options as any);
    const key = `${scope} ${endpoint.url} ${String(endpoint.headers.accept ?? '')}`;
    const cached = cache.get(key);
    if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag };
    try {
      const response = await request(options);
      const etag = response.headers.etag;
      if (typeof etag === 'string' && etag) {
        cache.set(key, {
          etag,
          status: response.status,
          url: response.url,
          headers: { ...response.headers },
          data: structuredClone(response.data),
        });
      }
      cache.misses++;
      return response;
    } catch (error) {
      if ((error as { status?: number }).status === 304 && cached) {
        cache.hits++;
        // Callers may mutate what they get; hand out a copy.
        return { status: 200, url: cached.url, headers: cached.headers, data: structuredClone(cached.data) } as any;
      }
      throw error;
    }
  });
}
