import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createIssue, getIssue, listLabelledIssues, toIssueSnapshot, updateIssue } from '../../src/github/issues.js';
import { recordRequests, resetNock, testOctokit } from '../helpers/probot.js';

const API = 'https://api.github.com';
const where = { owner: 'acme', repo: 'web' };
const octokit = () => new (testOctokit())({ auth: { token: 't' } } as any) as any;
const issue = (number: number, extra: object = {}) => ({ id: 5000 + number, number, title: `#${number}`, body: 'b', state: 'open', user: { type: 'Bot' }, labels: [{ name: 'planbot' }], ...extra });

beforeEach(resetNock);

describe('issue snapshots', () => {
  it('keep what the sync needs, and tell "not reported" (undefined) from "none" (null)', () => {
    expect(toIssueSnapshot(issue(1, { parent_issue_url: null, issue_dependencies_summary: { total_blocked_by: 2 }, sub_issues_summary: { total: 3 }, state_reason: 'completed', state: 'closed' }))).toEqual({
      id: 5001,
      number: 1,
      title: '#1',
      body: 'b',
      state: 'closed',
      stateReason: 'completed',
      labels: ['planbot'],
      htmlUrl: '',
      byBot: true,
      parentIssueUrl: null,
      blockedByCount: 2,
      subIssuesCount: 3,
    });
    const old = toIssueSnapshot({ ...issue(2), user: { type: 'User' }, body: null });
    expect(old).toMatchObject({ parentIssueUrl: undefined, blockedByCount: undefined, byBot: false, body: '' });
    expect(toIssueSnapshot({ ...issue(3), user: { type: 'User' }, performed_via_github_app: { id: 1 } }).byBot).toBe(true);
  });
});

describe('listLabelledIssues', () => {
  it('pages through every open and closed issue with the label, leaving pull requests out', async () => {
    const requests = recordRequests();
    nock(API)
      .get('/repos/acme/web/issues')
      .query({ labels: 'planbot', state: 'all', per_page: '100' })
      .reply(200, [issue(3), { ...issue(2), pull_request: {} }], { link: `<${API}/repos/acme/web/issues?labels=planbot&state=all&per_page=100&page=2>; rel="next"` })
      .get('/repos/acme/web/issues')
      .query({ labels: 'planbot', state: 'all', per_page: '100', page: '2' })
      .reply(200, [issue(1)]);
    const found = await listLabelledIssues(octokit(), where, 'planbot');
    expect(found.map((item) => item.number)).toEqual([3, 1]);
    expect(requests).toHaveLength(2);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('writes', () => {
  it('create sends assignees and milestone only when there are some; update sends only what changes', async () => {
    const requests = recordRequests();
    nock(API).post('/repos/acme/web/issues').twice().reply(201, issue(7)).patch('/repos/acme/web/issues/7').reply(200, issue(7));
    await createIssue(octokit(), where, { title: 't', body: 'b', labels: ['planbot'], assignees: [], milestone: null });
    await createIssue(octokit(), where, { title: 't', body: 'b', labels: ['planbot'], assignees: ['a'], milestone: 2 });
    await updateIssue(octokit(), where, 7, { state: 'closed', stateReason: 'not_planned' });
    expect(requests.map((request) => request.body)).toEqual([
      { title: 't', body: 'b', labels: ['planbot'] },
      { title: 't', body: 'b', labels: ['planbot'], assignees: ['a'], milestone: 2 },
      { state: 'closed', state_reason: 'not_planned' },
    ]);
  });

  it('getIssue is null for a deleted or transferred issue', async () => {
    nock(API).get('/repos/acme/web/issues/4').reply(404, { message: 'Not Found' }).get('/repos/acme/web/issues/5').reply(410, { message: 'Gone' }).get('/repos/acme/web/issues/6').reply(200, issue(60));
    expect(await getIssue(octokit(), where, 4)).toBeNull();
    expect(await getIssue(octokit(), where, 5)).toBeNull();
    expect(await getIssue(octokit(), where, 6)).toBeNull();
  });
});
