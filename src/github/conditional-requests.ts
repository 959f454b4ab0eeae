// Conditional GETs: remember each response's ETag and send If-None-Match next time.
// GitHub answers 304 when nothing changed, and a 304 does not count against the rate limit,
// so a steady-state event costs (almost) nothing. The cache is per process, scoped by installation.
import { LRUCache } from 'lru-cache';
import type { Octokit } from './octokit-github.js';

interface CachedResponse {
  etag: string;
  status: number;
  url: string;
  headers: Record<string, unknown>;
  data: unknown;
}

/**
 * GitHub sends no ETag with a 404, so "this repository has no .github/planbot.yml" would cost two
 * full requests (repository, then the organisation's .github) on every event. planbot remembers
 * the absence of a config file for a short while instead; a push that adds one clears it at once.
 */
export const CONFIG_ABSENCE_TTL_MS = 5 * 60 * 1000;
const CONFIG_FILE_URL = /\/repos\/([^/]+)\/([^/]+)\/contents\/\.github(?:%2F|\/)planbot\.yml(?:\?|$)/i;

const liveCaches = new Set<WeakRef<ConditionalCache>>();

/**
 * A file read at a full commit SHA, or a blob by its SHA, can never change: once planbot holds the
 * answer it needs no request at all, not even a conditional one.
 */
const IMMUTABLE_READ = /\/contents\/[^?]*\?(?:[^#]*&)?ref=[0-9a-f]{40}(?:&|$)|\/git\/blobs\/[0-9a-f]{40}(?:\?|$)/;

export function isImmutableRead(url: string): boolean {
  return IMMUTABLE_READ.test(url);
}

/** Forgets remembered config absences for a repository in every cache of this process. */
export function forgetConfigAbsence(owner: string, repo: string): void {
  for (const ref of liveCaches) {
    const cache = ref.deref();
    if (cache) cache.forgetAbsences(`/repos/${owner}/${repo}/`.toLowerCase());
    else liveCaches.delete(ref);
  }
}

export class ConditionalCache {
  private readonly entries: LRUCache<string, CachedResponse>;
  private readonly absences: LRUCache<string, true>;
  /** Files absent at a full commit SHA: that never changes, so no TTL (e.g. the tasks.md probe of every PR event). */
  private readonly immutableAbsences: LRUCache<string, true>;
  hits = 0;
  misses = 0;

  constructor(maxEntries = 10_000, absenceTtlMs = CONFIG_ABSENCE_TTL_MS) {
    this.entries = new LRUCache({ max: maxEntries });
    this.absences = new LRUCache({ max: maxEntries, ttl: absenceTtlMs });
    this.immutableAbsences = new LRUCache({ max: maxEntries });
    liveCaches.add(new WeakRef(this));
  }

  isKnownAbsent(key: string): boolean {
    return this.absences.get(key) === true;
  }

  rememberAbsent(key: string): void {
    this.absences.set(key, true);
  }

  isKnownAbsentForGood(key: string): boolean {
    return this.immutableAbsences.get(key) === true;
  }

  rememberAbsentForGood(key: string): void {
    this.immutableAbsences.set(key, true);
  }

  forgetAbsences(urlFragment: string): void {
    for (const key of [...this.absences.keys()]) if (key.toLowerCase().includes(urlFragment)) this.absences.delete(key);
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
    const configFile = CONFIG_FILE_URL.test(endpoint.url);
    const immutable = isImmutableRead(endpoint.url);
    if ((configFile && cache.isKnownAbsent(key)) || (immutable && cache.isKnownAbsentForGood(key))) {
      cache.hits++;
      throw Object.assign(new Error(`Not Found (remembered): ${endpoint.url}`), { status: 404, remembered: true });
    }
    const cached = cache.get(key);
    if (cached && immutable) {
      cache.hits++;
      return { status: 200, url: cached.url, headers: cached.headers, data: structuredClone(cached.data) } as any;
    }
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
      if (configFile && (error as { status?: number }).status === 404) cache.rememberAbsent(key);
      if (immutable && isFileAbsent(error)) cache.rememberAbsentForGood(key);
      throw error;
    }
  });
}

/**
 * A plain 404 at a commit SHA: the commit exists and the file is not in it. "No commit found for
 * the ref" is not remembered: a just-pushed commit may not be readable everywhere yet.
 */
function isFileAbsent(error: unknown): boolean {
  const { status, message, response } = error as { status?: number; message?: string; response?: { data?: { message?: string } } };
  return status === 404 && !/no commit found/i.test(`${message ?? ''} ${response?.data?.message ?? ''}`);
}
