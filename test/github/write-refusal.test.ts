import { describe, expect, it } from '@jest/globals';
import { classifyWriteFailure } from '../../src/github/write-refusal.js';

const httpError = (status: number, message: string, headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers, data: { message } } });

describe('classifyWriteFailure', () => {
  it('reads the create-without-sha 422 as "the file exists"', () => {
    expect(classifyWriteFailure(httpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.'))).toEqual({ kind: 'exists' });
    expect(classifyWriteFailure(httpError(422, 'sha was not supplied'))).toEqual({ kind: 'exists' });
  });

  it('treats a deleted branch, a conflict and rules or protection as final refusals', () => {
    expect(classifyWriteFailure(httpError(404, 'Branch 001-x not found'))).toEqual({ kind: 'refused', status: 404, reason: 'Branch 001-x not found' });
    expect(classifyWriteFailure(httpError(409, 'is at abc but expected def'))).toMatchObject({ kind: 'refused', status: 409 });
    expect(classifyWriteFailure(httpError(422, 'Branch 001-x not found'))).toMatchObject({ kind: 'refused', status: 422 });
    expect(classifyWriteFailure(httpError(403, 'Repository rule violations found\n\nCannot update'))).toEqual({
      kind: 'refused',
      status: 403,
      reason: 'Repository rule violations found Cannot update',
    });
  });

  it('retries server errors, rate limits and errors without a status (network)', () => {
    expect(classifyWriteFailure(httpError(500, 'boom'))).toEqual({ kind: 'retry' });
    expect(classifyWriteFailure(httpError(503, 'unavailable'))).toEqual({ kind: 'retry' });
    expect(classifyWriteFailure(httpError(429, 'Too many requests'))).toEqual({ kind: 'retry' });
    expect(classifyWriteFailure(httpError(403, 'forbidden', { 'x-ratelimit-remaining': '0' }))).toEqual({ kind: 'retry' });
    expect(classifyWriteFailure(httpError(403, 'You have exceeded a secondary rate limit'))).toEqual({ kind: 'retry' });
    expect(classifyWriteFailure(httpError(403, 'forbidden', { 'retry-after': '60' }))).toEqual({ kind: 'retry' });
    expect(classifyWriteFailure(new Error('socket hang up'))).toEqual({ kind: 'retry' });
  });
});
