import { describe, expect, it } from '@jest/globals';
import { costOf, forInstallations, isWrite, requestLines, sumCosts } from '../../tools/bench/request-cost.js';
import type { RequestRecord } from '../../tools/sim/index.js';

let seq = 0;
function record(method: string, path: string, options: Partial<RequestRecord> = {}): RequestRecord {
  seq += 1;
  return {
    seq,
    method,
    path,
    route: null,
    status: 200,
    installationId: 7,
    write: method !== 'GET' && method !== 'HEAD',
    conditional304: false,
    fault: null,
    body: undefined,
    at: 0,
    ms: 0,
    ...options,
  };
}

describe('costOf', () => {
  it('counts requests, writes, 304s, and charges the rate limit for everything but the 304s', () => {
    const records = [
      record('GET', '/repos/o/r/contents/a', { status: 304, conditional304: true }),
      record('GET', '/repos/o/r/issues'),
      record('POST', '/repos/o/r/check-runs', { status: 201 }),
      record('PATCH', '/repos/o/r/issues/2'),
      record('GET', '/repos/o/r/contents/b', { status: 304, conditional304: true }),
    ];
    expect(costOf(records)).toEqual({ requests: 5, writes: 2, conditional304: 2, rateLimitCost: 3 });
  });

  it('does not count creating an installation token as a write (it changes nothing on GitHub)', () => {
    const token = record('POST', '/app/installations/7/access_tokens', { installationId: null, status: 201 });
    expect(isWrite(token)).toBe(false);
    expect(costOf([token])).toEqual({ requests: 1, writes: 0, conditional304: 0, rateLimitCost: 1 });
    expect(requestLines([token])[0].write).toBe(false);
  });

  it('is all zeros for no requests', () => {
    expect(costOf([])).toEqual({ requests: 0, writes: 0, conditional304: 0, rateLimitCost: 0 });
  });
});

it('sumCosts adds field by field', () => {
  expect(
    sumCosts([
      { requests: 5, writes: 1, conditional304: 3, rateLimitCost: 2 },
      { requests: 2, writes: 0, conditional304: 2, rateLimitCost: 0 },
    ]),
  ).toEqual({ requests: 7, writes: 1, conditional304: 5, rateLimitCost: 2 });
});

describe('forInstallations', () => {
  it('keeps the requests made with those installations’ tokens and the token creations for them', () => {
    const mine = record('GET', '/repos/o/r/issues', { installationId: 7 });
    const other = record('GET', '/repos/x/y/issues', { installationId: 8 });
    const myToken = record('POST', '/app/installations/7/access_tokens', { installationId: null });
    const otherToken = record('POST', '/app/installations/8/access_tokens', { installationId: null });
    const appCall = record('GET', '/app', { installationId: null });
    expect(forInstallations([mine, other, myToken, otherToken, appCall], new Set([7]))).toEqual([mine, myToken]);
  });
});

it('requestLines keeps what a reader needs and drops bodies and timings', () => {
  const line = requestLines([record('GET', '/repos/o/r/issues?per_page=100', { route: 'GET /repos/{owner}/{repo}/issues', status: 304, conditional304: true, body: { big: 'x' } })]);
  expect(line).toEqual([{ method: 'GET', path: '/repos/o/r/issues?per_page=100', route: 'GET /repos/{owner}/{repo}/issues', status: 304, conditional304: true, write: false }]);
});
