// What a slice of the simulator's request log cost: every request, the writes, the conditional
// requests answered 304 (free against GitHub's primary rate limit) and what is left: the
// rate-limit cost. Also which requests belong to one installation, so runs in parallel in other
// installations do not blur the count.
import type { RequestRecord } from '../sim/index.js';

export interface RequestCost {
  /** HTTP requests the app sent to GitHub. */
  requests: number;
  /** Requests other than GET/HEAD, except creating an installation token (an app-JWT call that changes nothing). */
  writes: number;
  /** GETs answered 304 Not Modified (free). */
  conditional304: number;
  /** Requests counted against the primary rate limit: requests − conditional304. */
  rateLimitCost: number;
}

/** One request as the bench JSON shows it. */
export interface RequestLine {
  method: string;
  path: string;
  route: string | null;
  status: number;
  conditional304: boolean;
  write: boolean;
}

const TOKEN_PATH = /^\/app\/installations\/(\d+)\/access_tokens/;

/** A request that changes something on GitHub (creating an installation token does not). */
export function isWrite(record: RequestRecord): boolean {
  return record.write && !TOKEN_PATH.test(record.path);
}

export function costOf(records: readonly RequestRecord[]): RequestCost {
  const conditional304 = records.filter((record) => record.conditional304).length;
  return {
    requests: records.length,
    writes: records.filter(isWrite).length,
    conditional304,
    rateLimitCost: records.length - conditional304,
  };
}

export function sumCosts(costs: readonly RequestCost[]): RequestCost {
  const total: RequestCost = { requests: 0, writes: 0, conditional304: 0, rateLimitCost: 0 };
  for (const cost of costs) {
    total.requests += cost.requests;
    total.writes += cost.writes;
    total.conditional304 += cost.conditional304;
    total.rateLimitCost += cost.rateLimitCost;
  }
  return total;
}

export function requestLines(records: readonly RequestRecord[]): RequestLine[] {
  return records.map((record) => ({
    method: record.method,
    path: record.path,
    route: record.route,
    status: record.status,
    conditional304: record.conditional304,
    write: isWrite(record),
  }));
}

/**
 * Requests made for `installationIds`: with an installation token, plus the app-JWT request
 * that creates such a token (its path names the installation).
 */
export function forInstallations(records: readonly RequestRecord[], installationIds: ReadonlySet<number>): RequestRecord[] {
  return records.filter((record) => {
    if (record.installationId !== null) return installationIds.has(record.installationId);
    const token = TOKEN_PATH.exec(record.path);
    return token !== null && installationIds.has(Number(token[1]));
  });
}
