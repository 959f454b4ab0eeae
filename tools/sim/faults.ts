// Fault injection: server errors and secondary rate limits at chosen rates, drawn from a seeded
// generator so that one seed and one request sequence always give the same faults.

export interface FaultOptions {
  /** Share of requests answered 500/502/503 (0–1). */
  serverErrorRate?: number;
  /** Share of requests answered 403 "secondary rate limit" with `retry-after` (0–1). */
  rateLimitRate?: number;
  /** Seed for the generator; same seed + same requests = same faults. */
  seed?: number;
  /** Seconds sent in `retry-after` with a secondary rate limit. Default 1. */
  retryAfterSeconds?: number;
  /** Only `graphql` requests (POST /graphql) or only `rest` ones draw faults. Default: all. */
  only?: RequestKind;
}

export type RequestKind = 'graphql' | 'rest';

export type Fault = { kind: 'server-error'; status: number } | { kind: 'rate-limit'; retryAfter: number };

/** mulberry32: tiny, fast, good enough to spread faults; not for anything secret. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVER_ERRORS = [500, 502, 503];

export class FaultInjector {
  private options: Required<Omit<FaultOptions, 'only'>> & Pick<FaultOptions, 'only'> = { serverErrorRate: 0, rateLimitRate: 0, seed: 1, retryAfterSeconds: 1 };
  private random = seededRandom(1);

  constructor(options: FaultOptions = {}) {
    this.set(options);
  }

  /** Replaces the settings and restarts the sequence from the seed. */
  set(options: FaultOptions): void {
    for (const rate of [options.serverErrorRate, options.rateLimitRate]) {
      if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new RangeError(`fault rates are between 0 and 1, got ${rate}`);
    }
    this.options = {
      serverErrorRate: options.serverErrorRate ?? 0,
      rateLimitRate: options.rateLimitRate ?? 0,
      seed: options.seed ?? 1,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      only: options.only,
    };
    this.random = seededRandom(this.options.seed);
  }

  get active(): boolean {
    return this.options.serverErrorRate > 0 || this.options.rateLimitRate > 0;
  }

  /** Draws for one request. Two draws per request keep the error status independent of the rate. */
  next(kind: RequestKind = 'rest'): Fault | null {
    // Requests of the other kind draw nothing, so the sequence for the chosen kind stays as seeded.
    if (!this.active || (this.options.only && this.options.only !== kind)) return null;
    const roll = this.random();
    const pick = this.random();
    if (roll < this.options.serverErrorRate) {
      return { kind: 'server-error', status: SERVER_ERRORS[Math.floor(pick * SERVER_ERRORS.length)] };
    }
    if (roll < this.options.serverErrorRate + this.options.rateLimitRate) {
      return { kind: 'rate-limit', retryAfter: this.options.retryAfterSeconds };
    }
    return null;
  }
}
