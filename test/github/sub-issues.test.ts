import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { addSubIssue, listSubIssueNumbers } from '../../src/github/sub-issues.js';
import { recordRequests, resetNock, testOctokit } from '../helpers/probot.js';

const octokit = () => new (testOctokit())({ auth: { token: 't' } } as any) as any;
const where = { owner: 'acme', repo: 'web' };

beforeEach(resetNock);

describe('sub-issues', () => {
  it("link a child by its database id under the parent's number, and list the children", async () => {
    const requests = recordRequests();
    nock('https://api.github.com')
      .post('/repos/acme/web/issues/14/sub_issues')
      .reply(201, {})
      .get('/repos/acme/web/issues/14/sub_issues')
      .query({ per_page: '100' })
      .reply(200, [{ number: 11 }, { number: 12 }]);
    await addSubIssue(octokit(), where, 14, 5011);
    expect(await listSubIssueNumbers(octokit(), where, 14)).toEqual([11, 12]);
    expect(requests.map((request) => [request.method, request.path, request.body])).toEqual([
      ['POST', '/repos/acme/web/issues/14/sub_issues', { sub_issue_id: 5011 }],
      ['GET', '/repos/acme/web/issues/14/sub_issues?per_page=100', undefined],
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
