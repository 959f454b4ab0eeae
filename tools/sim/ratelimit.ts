// The primary rate limit, per installation: `x-ratelimit-*` headers on every answer, 403 once the
// hourly quota is spent. Conditional requests answered 304 are free, as on GitHub.

const WINDOW_MS = 60 * 60 * 1000;

interface Window {
  used: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  /** `resource` is what `x-ratelimit-resource` says: `core` for REST, `graphql` for the points budget. */
  constructor(
    private limit = 5000,
    private readonly resource = 'core',
  ) {}

  setLimit(limit: number): void {
    this.limit = limit;
  }

  private window(key: string): Window {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= Date.now()) {
      window = { used: 0, resetAt: Date.now() + WINDOW_MS };
      this.windows.set(key, window);
    }
    return window;
  }

  exhausted(key: string): boolean {
    return this.window(key).used >= this.limit;
  }

  /** Counts one request (unless free), or `points` of GraphQL's budget, and returns the headers to send. */
  take(key: string, free: boolean, points = 1): Record<string, string> {
    const window = this.window(key);
    if (!free) window.used += points;
    return this.headers(window);
  }

  /** What GraphQL's `rateLimit` object shows. */
  usage(key: string): { limit: number; used: number; remaining: number; resetAt: string } {
    const window = this.window(key);
    return { limit: this.limit, used: window.used, remaining: Math.max(0, this.limit - window.used), resetAt: new Date(window.resetAt).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  peek(key: string): Record<string, string> {
    return this.headers(this.window(key));
  }

  remaining(key: string): number {
    const window = this.window(key);
    return Math.max(0, this.limit - window.used);
  }

  private headers(window: Window): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - window.used)),
      'x-ratelimit-used': String(window.used),
      'x-ratelimit-reset': String(Math.ceil(window.resetAt / 1000)),
      'x-ratelimit-resource': this.resource,
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
