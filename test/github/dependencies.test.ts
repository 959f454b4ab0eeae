import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { addBlockedBy, listBlockedByNumbers, removeBlockedBy } from '../../src/github/dependencies.js';
import { recordRequests, resetNock, testOctokit } from '../helpers/probot.js';

const octokit = () => new (testOctokit())({ auth: { token: 't' } } as any) as any;
const where = { owner: 'acme', repo: 'web' };

beforeEach(resetNock);

describe('blocked-by dependencies', () => {
  it("add, list and remove by the blocking issue's database id", async () => {
    const requests = recordRequests();
    nock('https://api.github.com')
      .post('/repos/acme/web/issues/12/dependencies/blocked_by')
      .reply(201, {})
      .get('/repos/acme/web/issues/12/dependencies/blocked_by')
      .query({ per_page: '100' })
      .reply(200, [{ number: 11 }])
      .delete('/repos/acme/web/issues/12/dependencies/blocked_by/5011')
      .reply(200, {});
    await addBlockedBy(octokit(), where, 12, 5011);
    expect(await listBlockedByNumbers(octokit(), where, 12)).toEqual([11]);
    await removeBlockedBy(octokit(), where, 12, 5011);
    expect(requests.map((request) => [request.method, request.path, request.body])).toEqual([
      ['POST', '/repos/acme/web/issues/12/dependencies/blocked_by', { issue_id: 5011 }],
      ['GET', '/repos/acme/web/issues/12/dependencies/blocked_by?per_page=100', undefined],
      ['DELETE', '/repos/acme/web/issues/12/dependencies/blocked_by/5011', undefined],
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
