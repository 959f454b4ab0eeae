// The boundary over Octokit: each method sends GitHub exactly the request it should (method, path,
// query, body) and turns GitHub's answer into the interface's types, absence into null/false.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { octokitGitHub, toIssueSnapshot } from '../../src/github/octokit-github.js';
import { FileTooLargeError, MAX_FILE_BYTES, NotTextError } from '../../src/github/errors.js';
import type { GitHub } from '../../src/github/github.js';
import { ProbotOctokit } from 'probot';

const API = 'https://api.github.com';
const where = { owner: 'acme', repo: 'web' };
const next = (path: string) => ({ link: `<${API}${path}>; rel="next"` });
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const issue = (number: number, extra: object = {}) => ({ id: 5000 + number, number, title: `#${number}`, body: 'b', state: 'open', state_reason: null, html_url: `https://github.com/acme/web/issues/${number}`, user: { type: 'Bot' }, labels: [{ name: 'planbot' }], ...extra });
const snapshot = (number: number) => ({ id: 5000 + number, number, title: `#${number}`, body: 'b', state: 'open', stateReason: null, labels: ['planbot'], htmlUrl: `https://github.com/acme/web/issues/${number}`, byBot: true, parentIssueUrl: undefined, blockedByCount: undefined, subIssuesCount: undefined });
const pull = (number: number) => ({ number, state: 'open', head: { sha: `h${number}`, ref: `b${number}` }, base: { ref: 'main' } });

/** One request the boundary is expected to send, and GitHub's answer to it. */
interface Exchange {
  /** `METHOD /path?query`, as sent. */
  request: string;
  body?: unknown;
  /** Asked for the raw media type (what the config plugin asks for). */
  raw?: boolean;
  reply: [number, unknown?, Record<string, string>?];
}

interface Case {
  name: string;
  call: (github: GitHub) => Promise<unknown>;
  exchanges: Exchange[];
  /** What the call resolves to; omit when it rejects. */
  result?: unknown;
  rejects?: unknown;
}

let seen: Array<{ request: string; body: unknown; raw?: boolean }>;
let replies: Exchange['reply'][];

beforeEach(() => {
  nock.cleanAll();
  nock.disableNetConnect();
  seen = [];
  replies = [];
  for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
    nock(API)
      .persist()
      .intercept(() => true, method)
      .reply(function (uri, body) {
        const raw = String(this.req.headers.accept ?? '').includes('raw') || undefined;
        seen.push({ request: `${method} ${decodeURIComponent(uri)}`, body: typeof body === 'string' && body ? JSON.parse(body) : body || undefined, raw });
        const reply = replies.shift();
        if (!reply) return [599, { message: `unexpected ${method} ${uri}` }];
        return [reply[0], (reply[1] ?? '') as any, reply[2] ?? {}];
      });
  }
});

// No retries or throttling: every request reaches the interceptors exactly once.
const client = (options: object = {}) => new ProbotOctokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { enabled: false }, ...options } as any) as any;
const boundary = () => octokitGitHub(client());

async function run(entry: Case): Promise<void> {
  replies = entry.exchanges.map((exchange) => exchange.reply);
  const outcome = entry.call(boundary());
  if ('rejects' in entry) await expect(outcome).rejects.toEqual(entry.rejects);
  else expect(await outcome).toEqual(entry.result);
  expect(seen).toEqual(entry.exchanges.map((exchange) => ({ request: exchange.request, body: exchange.body, raw: exchange.raw })));
}

const cases: Record<string, Case[]> = {
  'repositories and files': [
    { name: 'getRepository', call: (g) => g.getRepository(where), exchanges: [{ request: 'GET /repos/acme/web', reply: [200, { default_branch: 'trunk', html_url: 'https://github.com/acme/web', id: 1 }] }], result: { default_branch: 'trunk', html_url: 'https://github.com/acme/web' } },
    { name: 'branchExists: yes', call: (g) => g.branchExists(where, 'feat/x'), exchanges: [{ request: 'GET /repos/acme/web/branches/feat/x', reply: [200, { name: 'feat/x' }] }], result: true },
    { name: 'branchExists: 404 is no', call: (g) => g.branchExists(where, 'gone'), exchanges: [{ request: 'GET /repos/acme/web/branches/gone', reply: [404, { message: 'Branch not found' }] }], result: false },
    { name: 'branchExists: other refusals throw', call: (g) => g.branchExists(where, 'x'), exchanges: [{ request: 'GET /repos/acme/web/branches/x', reply: [403, { message: 'Forbidden' }] }], rejects: expect.objectContaining({ status: 403 }) },
    {
      name: 'readFile: decodes the file at the ref',
      call: (g) => g.readFile(where, 'specs/a b/plan.md', 'abc'),
      exchanges: [{ request: 'GET /repos/acme/web/contents/specs/a b/plan.md?ref=abc', reply: [200, { type: 'file', encoding: 'base64', size: 6, sha: 'blob1', content: b64('# Plan') }] }],
      result: { path: 'specs/a b/plan.md', ref: 'abc', sha: 'blob1', size: 6, content: '# Plan' },
    },
    { name: 'readFile: 404 is null', call: (g) => g.readFile(where, 'p.md', 'main'), exchanges: [{ request: 'GET /repos/acme/web/contents/p.md?ref=main', reply: [404, { message: 'Not Found' }] }], result: null },
    { name: 'readFile: a directory is null', call: (g) => g.readFile(where, 'specs', 'main'), exchanges: [{ request: 'GET /repos/acme/web/contents/specs?ref=main', reply: [200, [{ type: 'file', name: 'x' }]] }], result: null },
    {
      name: 'readFile: over 1 MB, the content comes from the blob',
      call: (g) => g.readFile(where, 'big.md', 'main'),
      exchanges: [
        { request: 'GET /repos/acme/web/contents/big.md?ref=main', reply: [200, { type: 'file', encoding: 'none', size: 2_000_000, sha: 'blob9', content: '' }] },
        { request: 'GET /repos/acme/web/git/blobs/blob9', reply: [200, { sha: 'blob9', encoding: 'base64', content: b64('long') }] },
      ],
      result: { path: 'big.md', ref: 'main', sha: 'blob9', size: 2_000_000, content: 'long' },
    },
    { name: 'readFile: too large', call: (g) => g.readFile(where, 'huge.md', 'main'), exchanges: [{ request: 'GET /repos/acme/web/contents/huge.md?ref=main', reply: [200, { type: 'file', encoding: 'none', size: MAX_FILE_BYTES + 1, sha: 's', content: '' }] }], rejects: new FileTooLargeError('huge.md', MAX_FILE_BYTES + 1) },
    { name: 'readFile: invalid UTF-8 is refused', call: (g) => g.readFile(where, 'bad.md', 'main'), exchanges: [{ request: 'GET /repos/acme/web/contents/bad.md?ref=main', reply: [200, { type: 'file', encoding: 'base64', size: 2, sha: 's', content: Buffer.from([0xc3, 0x28]).toString('base64') }] }], rejects: new NotTextError('bad.md') },
    { name: 'readFile: lenient reads invalid UTF-8 as U+FFFD, marked lossy', call: (g) => g.readFile(where, 'bad.md', 'main', { lenient: true }), exchanges: [{ request: 'GET /repos/acme/web/contents/bad.md?ref=main', reply: [200, { type: 'file', encoding: 'base64', size: 2, sha: 's', content: Buffer.from([0x61, 0xff]).toString('base64') }] }], result: { path: 'bad.md', ref: 'main', sha: 's', size: 2, content: 'a\uFFFD', lossy: true } },
    {
      name: 'writeFile: updates, naming the blob it replaces',
      call: (g) => g.writeFile(where, { path: 'specs/plan.md', branch: 'feat', content: 'ü', message: 'Tick', sha: 'old' }),
      exchanges: [{ request: 'PUT /repos/acme/web/contents/specs/plan.md', body: { message: 'Tick', branch: 'feat', content: b64('ü'), sha: 'old' }, reply: [200, { content: { sha: 'new' }, commit: { sha: 'c1' } }] }],
      result: { commitSha: 'c1', blobSha: 'new' },
    },
    {
      name: 'writeFile: creates (no sha)',
      call: (g) => g.writeFile(where, { path: 'a.md', branch: 'main', content: 'x', message: 'Add' }),
      exchanges: [{ request: 'PUT /repos/acme/web/contents/a.md', body: { message: 'Add', branch: 'main', content: b64('x') }, reply: [201, { content: { sha: 'n' }, commit: { sha: 'c2' } }] }],
      result: { commitSha: 'c2', blobSha: 'n' },
    },
    { name: 'writeFile: a stale sha throws with 409', call: (g) => g.writeFile(where, { path: 'a.md', branch: 'main', content: 'x', message: 'm', sha: 'stale' }), exchanges: [{ request: 'PUT /repos/acme/web/contents/a.md', body: { message: 'm', branch: 'main', content: b64('x'), sha: 'stale' }, reply: [409, { message: 'a.md does not match stale' }] }], rejects: expect.objectContaining({ status: 409 }) },
    {
      name: 'compareFiles',
      call: (g) => g.compareFiles(where, 'b1', 'h1'),
      exchanges: [{ request: 'GET /repos/acme/web/compare/b1...h1', reply: [200, { files: [{ filename: 'a.md', status: 'removed', additions: 3 }, { filename: 'b.md', status: 'added' }] }] }],
      result: [{ filename: 'a.md', status: 'removed' }, { filename: 'b.md', status: 'added' }],
    },
    { name: 'compareFiles: no files', call: (g) => g.compareFiles(where, 'b1', 'h1'), exchanges: [{ request: 'GET /repos/acme/web/compare/b1...h1', reply: [200, {}] }], result: [] },
    { name: 'readRawText', call: (g) => g.readRawText(where, '.github/planbot.yml'), exchanges: [{ request: 'GET /repos/acme/web/contents/.github/planbot.yml', raw: true, reply: [200, 'checks: {}\n', { 'content-type': 'text/plain' }] }], result: 'checks: {}\n' },
    { name: 'readRawText: 404 is null', call: (g) => g.readRawText(where, 'x.yml'), exchanges: [{ request: 'GET /repos/acme/web/contents/x.yml', raw: true, reply: [404, { message: 'Not Found' }] }], result: null },
    {
      name: "readConfigLayers: none in the repository, then the organisation's .github",
      call: (g) => g.readConfigLayers(where, '.github/planbot.yml'),
      exchanges: [
        { request: 'GET /repos/acme/web/contents/.github/planbot.yml', raw: true, reply: [404, { message: 'Not Found' }] },
        { request: 'GET /repos/acme/.github/contents/.github/planbot.yml', raw: true, reply: [200, 'issues:\n  enabled: false\n', { 'content-type': 'text/plain' }] },
      ],
      result: [
        { owner: 'acme', repo: 'web', path: '.github/planbot.yml', url: `${API}/repos/acme/web/contents/.github%2Fplanbot.yml`, config: null },
        { owner: 'acme', repo: '.github', path: '.github/planbot.yml', url: `${API}/repos/acme/.github/contents/.github%2Fplanbot.yml`, config: { issues: { enabled: false } } },
      ],
    },
  ],
  'pull requests': [
    { name: 'getPull', call: (g) => g.getPull(where, 7), exchanges: [{ request: 'GET /repos/acme/web/pulls/7', reply: [200, pull(7)] }], result: pull(7) },
    {
      name: 'listOpenPulls: every page, head before state',
      call: (g) => g.listOpenPulls(where, { head: 'acme:feat' }),
      exchanges: [
        { request: 'GET /repos/acme/web/pulls?head=acme:feat&state=open&per_page=100', reply: [200, [pull(1)], next('/repos/acme/web/pulls?head=acme%3Afeat&state=open&per_page=100&page=2')] },
        { request: 'GET /repos/acme/web/pulls?head=acme:feat&state=open&per_page=100&page=2', reply: [200, [pull(2)]] },
      ],
      result: [pull(1), pull(2)],
    },
    { name: 'listOpenPulls: a limit reads the first page only', call: (g) => g.listOpenPulls(where, { limit: 5 }), exchanges: [{ request: 'GET /repos/acme/web/pulls?state=open&per_page=5', reply: [200, [pull(3)], next('/repos/acme/web/pulls?state=open&per_page=5&page=2')] }], result: [pull(3)] },
    { name: 'listPullsForCommit', call: (g) => g.listPullsForCommit(where, 'abc', 2), exchanges: [{ request: 'GET /repos/acme/web/commits/abc/pulls?per_page=2', reply: [200, [pull(4)]] }], result: [pull(4)] },
    {
      name: 'listPullFiles: every page',
      call: (g) => g.listPullFiles(where, 7),
      exchanges: [
        { request: 'GET /repos/acme/web/pulls/7/files?per_page=100', reply: [200, [{ filename: 'a', status: 'modified', patch: '@@' }], next('/repos/acme/web/pulls/7/files?per_page=100&page=2')] },
        { request: 'GET /repos/acme/web/pulls/7/files?per_page=100&page=2', reply: [200, [{ filename: 'b', status: 'removed' }]] },
      ],
      result: [{ filename: 'a', status: 'modified' }, { filename: 'b', status: 'removed' }],
    },
    { name: 'listReviews', call: (g) => g.listReviews(where, 7), exchanges: [{ request: 'GET /repos/acme/web/pulls/7/reviews?per_page=100', reply: [200, [{ user: { id: 1 }, state: 'APPROVED' }]] }], result: [{ user: { id: 1 }, state: 'APPROVED' }] },
  ],
  'check runs and statuses': [
    {
      name: 'listCheckRuns: the latest of every name, every page',
      call: (g) => g.listCheckRuns(where, 'abc'),
      exchanges: [
        { request: 'GET /repos/acme/web/commits/abc/check-runs?filter=latest&per_page=100', reply: [200, { total_count: 2, check_runs: [{ id: 1, name: 'a' }] }, next('/repos/acme/web/commits/abc/check-runs?filter=latest&per_page=100&page=2')] },
        { request: 'GET /repos/acme/web/commits/abc/check-runs?filter=latest&per_page=100&page=2', reply: [200, { total_count: 2, check_runs: [{ id: 2, name: 'b' }] }] },
      ],
      result: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }],
    },
    {
      name: 'createCheckRun: completed at once, with everything given',
      call: (g) =>
        g.createCheckRun(where, {
          name: 'plan',
          headSha: 'abc',
          conclusion: 'failure',
          externalId: 'ext',
          detailsUrl: 'https://d',
          output: { title: 'T', summary: 'S', text: 'X', annotations: [{ path: 'p.md', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' }] },
          actions: [{ label: 'Re-run', description: 'd', identifier: 'rerun' }],
        }),
      exchanges: [
        {
          request: 'POST /repos/acme/web/check-runs',
          body: { name: 'plan', head_sha: 'abc', status: 'completed', conclusion: 'failure', external_id: 'ext', details_url: 'https://d', output: { title: 'T', summary: 'S', text: 'X', annotations: [{ path: 'p.md', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' }] }, actions: [{ label: 'Re-run', description: 'd', identifier: 'rerun' }] },
          reply: [201, { id: 42 }],
        },
      ],
      result: { id: 42 },
    },
    {
      name: 'createCheckRun: no annotations, actions, external id or details: none sent',
      call: (g) => g.createCheckRun(where, { name: 'plan', headSha: 'abc', conclusion: 'success', output: { title: 'T', summary: 'S', annotations: [] }, actions: [] }),
      exchanges: [{ request: 'POST /repos/acme/web/check-runs', body: { name: 'plan', head_sha: 'abc', status: 'completed', conclusion: 'success', output: { title: 'T', summary: 'S' } }, reply: [201, { id: 43 }] }],
      result: { id: 43 },
    },
    {
      name: 'updateCheckRun: a conclusion completes the run',
      call: (g) => g.updateCheckRun(where, 42, { conclusion: 'success', output: { title: 'T', summary: 'S', annotations: [] }, actions: [] }),
      exchanges: [{ request: 'PATCH /repos/acme/web/check-runs/42', body: { status: 'completed', conclusion: 'success', output: { title: 'T', summary: 'S' }, actions: [] }, reply: [200, { id: 42 }] }],
      result: undefined,
    },
    {
      name: 'updateCheckRun: appending annotations sends only the output',
      call: (g) => g.updateCheckRun(where, 42, { output: { title: 'T', summary: 'S', annotations: [{ path: 'p', start_line: 2, end_line: 3, annotation_level: 'notice', title: 't', message: 'm' }] } }),
      exchanges: [{ request: 'PATCH /repos/acme/web/check-runs/42', body: { output: { title: 'T', summary: 'S', annotations: [{ path: 'p', start_line: 2, end_line: 3, annotation_level: 'notice', title: 't', message: 'm' }] } }, reply: [200, { id: 42 }] }],
      result: undefined,
    },
    {
      name: 'listCommitStatuses: context and state of each',
      call: (g) => g.listCommitStatuses(where, 'abc'),
      exchanges: [{ request: 'GET /repos/acme/web/commits/abc/status?per_page=100', reply: [200, { state: 'pending', statuses: [{ context: 'ci/coverage', state: 'success', id: 1, description: 'ok' }] }] }],
      result: [{ context: 'ci/coverage', state: 'success' }],
    },
  ],
  'issues and their relations': [
    {
      name: 'listLabelledIssues: open and closed, every page, pull requests left out',
      call: (g) => g.listLabelledIssues(where, 'planbot'),
      exchanges: [
        { request: 'GET /repos/acme/web/issues?labels=planbot&state=all&per_page=100', reply: [200, [issue(3), issue(2, { pull_request: {} })], next('/repos/acme/web/issues?labels=planbot&state=all&per_page=100&page=2')] },
        { request: 'GET /repos/acme/web/issues?labels=planbot&state=all&per_page=100&page=2', reply: [200, [issue(1)]] },
      ],
      result: [snapshot(3), snapshot(1)],
    },
    { name: 'getIssue', call: (g) => g.getIssue(where, 3), exchanges: [{ request: 'GET /repos/acme/web/issues/3', reply: [200, issue(3)] }], result: snapshot(3) },
    { name: 'getIssue: a pull request is null', call: (g) => g.getIssue(where, 3), exchanges: [{ request: 'GET /repos/acme/web/issues/3', reply: [200, issue(3, { pull_request: {} })] }], result: null },
    { name: 'getIssue: transferred (answered with another number) is null', call: (g) => g.getIssue(where, 3), exchanges: [{ request: 'GET /repos/acme/web/issues/3', reply: [200, issue(12)] }], result: null },
    { name: 'getIssue: 404 is null', call: (g) => g.getIssue(where, 3), exchanges: [{ request: 'GET /repos/acme/web/issues/3', reply: [404, { message: 'Not Found' }] }], result: null },
    { name: 'getIssue: 410 (deleted) is null', call: (g) => g.getIssue(where, 3), exchanges: [{ request: 'GET /repos/acme/web/issues/3', reply: [410, { message: 'This issue was deleted' }] }], result: null },
    { name: 'getIssue: 403 throws', call: (g) => g.getIssue(where, 3), exchanges: [{ request: 'GET /repos/acme/web/issues/3', reply: [403, { message: 'Forbidden' }] }], rejects: expect.objectContaining({ status: 403 }) },
    {
      name: 'createIssue: assignees and milestone only when given',
      call: (g) => g.createIssue(where, { title: 'T', body: 'B', labels: ['planbot'], assignees: [], milestone: null }),
      exchanges: [{ request: 'POST /repos/acme/web/issues', body: { title: 'T', body: 'B', labels: ['planbot'] }, reply: [201, issue(9)] }],
      result: snapshot(9),
    },
    {
      name: 'createIssue: with assignees and a milestone',
      call: (g) => g.createIssue(where, { title: 'T', body: 'B', labels: [], assignees: ['octocat'], milestone: 4 }),
      exchanges: [{ request: 'POST /repos/acme/web/issues', body: { title: 'T', body: 'B', labels: [], assignees: ['octocat'], milestone: 4 }, reply: [201, issue(9)] }],
      result: snapshot(9),
    },
    {
      name: 'updateIssue: only the changed fields, state_reason as GitHub names it',
      call: (g) => g.updateIssue(where, 9, { state: 'closed', stateReason: 'not_planned' }),
      exchanges: [{ request: 'PATCH /repos/acme/web/issues/9', body: { state: 'closed', state_reason: 'not_planned' }, reply: [200, issue(9)] }],
      result: snapshot(9),
    },
    { name: 'updateIssue: title and body', call: (g) => g.updateIssue(where, 9, { title: 'N', body: '' }), exchanges: [{ request: 'PATCH /repos/acme/web/issues/9', body: { title: 'N', body: '' }, reply: [200, issue(9)] }], result: snapshot(9) },
    { name: 'addLabels', call: (g) => g.addLabels(where, 9, ['a', 'b']), exchanges: [{ request: 'POST /repos/acme/web/issues/9/labels', body: { labels: ['a', 'b'] }, reply: [200, [{ name: 'a' }]] }], result: undefined },
    { name: 'createLabel', call: (g) => g.createLabel(where, { name: 'planbot', color: '5319e7', description: 'd' }), exchanges: [{ request: 'POST /repos/acme/web/labels', body: { name: 'planbot', color: '5319e7', description: 'd' }, reply: [201, { name: 'planbot' }] }], result: true },
    {
      name: 'createLabel: already there is false',
      call: (g) => g.createLabel(where, { name: 'planbot', color: 'c', description: 'd' }),
      exchanges: [{ request: 'POST /repos/acme/web/labels', body: { name: 'planbot', color: 'c', description: 'd' }, reply: [422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] }] }],
      result: false,
    },
    {
      name: 'createLabel: another 422 throws',
      call: (g) => g.createLabel(where, { name: 'x', color: 'zz', description: 'd' }),
      exchanges: [{ request: 'POST /repos/acme/web/labels', body: { name: 'x', color: 'zz', description: 'd' }, reply: [422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'invalid', field: 'color' }] }] }],
      rejects: expect.objectContaining({ status: 422 }),
    },
    { name: 'createComment', call: (g) => g.createComment(where, 9, 'hi'), exchanges: [{ request: 'POST /repos/acme/web/issues/9/comments', body: { body: 'hi' }, reply: [201, { id: 1 }] }], result: undefined },
    { name: 'addSubIssue: takes the child database id', call: (g) => g.addSubIssue(where, 1, 5002), exchanges: [{ request: 'POST /repos/acme/web/issues/1/sub_issues', body: { sub_issue_id: 5002 }, reply: [201, issue(1)] }], result: undefined },
    {
      name: 'listSubIssueNumbers: every page',
      call: (g) => g.listSubIssueNumbers(where, 1),
      exchanges: [
        { request: 'GET /repos/acme/web/issues/1/sub_issues?per_page=100', reply: [200, [issue(2)], next('/repos/acme/web/issues/1/sub_issues?per_page=100&page=2')] },
        { request: 'GET /repos/acme/web/issues/1/sub_issues?per_page=100&page=2', reply: [200, [issue(5)]] },
      ],
      result: [2, 5],
    },
    { name: 'addBlockedBy', call: (g) => g.addBlockedBy(where, 3, 5002), exchanges: [{ request: 'POST /repos/acme/web/issues/3/dependencies/blocked_by', body: { issue_id: 5002 }, reply: [201, issue(2)] }], result: undefined },
    { name: 'removeBlockedBy', call: (g) => g.removeBlockedBy(where, 3, 5002), exchanges: [{ request: 'DELETE /repos/acme/web/issues/3/dependencies/blocked_by/5002', reply: [200, issue(3)] }], result: undefined },
    { name: 'listBlockedByNumbers', call: (g) => g.listBlockedByNumbers(where, 3), exchanges: [{ request: 'GET /repos/acme/web/issues/3/dependencies/blocked_by?per_page=100', reply: [200, [issue(2), issue(1)]] }], result: [2, 1] },
  ],
  'comments, reactions and people': [
    { name: 'reactToComment', call: (g) => g.reactToComment(where, 77, 'eyes'), exchanges: [{ request: 'POST /repos/acme/web/issues/comments/77/reactions', body: { content: 'eyes' }, reply: [201, { id: 9, content: 'eyes' }] }], result: 9 },
    { name: 'removeCommentReaction', call: (g) => g.removeCommentReaction(where, 77, 9), exchanges: [{ request: 'DELETE /repos/acme/web/issues/comments/77/reactions/9', reply: [204] }], result: undefined },
    { name: 'collaboratorPermission', call: (g) => g.collaboratorPermission(where, 'bob'), exchanges: [{ request: 'GET /repos/acme/web/collaborators/bob/permission', reply: [200, { permission: 'write', role_name: 'maintain', user: { login: 'bob' } }] }], result: { permission: 'write', role_name: 'maintain' } },
    { name: 'collaboratorPermission: no collaborator is null', call: (g) => g.collaboratorPermission(where, 'eve'), exchanges: [{ request: 'GET /repos/acme/web/collaborators/eve/permission', reply: [404, { message: 'Not Found' }] }], result: null },
  ],
  'the installation': [
    {
      name: 'listInstallationRepositories: every page',
      call: (g) => g.listInstallationRepositories(),
      exchanges: [
        { request: 'GET /installation/repositories?per_page=100', reply: [200, { total_count: 2, repositories: [{ id: 1, name: 'web', full_name: 'acme/web' }] }, next('/installation/repositories?per_page=100&page=2')] },
        { request: 'GET /installation/repositories?per_page=100&page=2', reply: [200, { total_count: 2, repositories: [{ id: 2, name: 'api', full_name: 'acme/api' }] }] },
      ],
      result: [{ id: 1, name: 'web', full_name: 'acme/web' }, { id: 2, name: 'api', full_name: 'acme/api' }],
    },
  ],
};

for (const [section, entries] of Object.entries(cases)) {
  describe(section, () => {
    it.each(entries.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => run(entry));
  });
}

describe('issue snapshots', () => {
  it('keep what the sync needs, and tell "not reported" (undefined) from "none" (null)', () => {
    expect(toIssueSnapshot(issue(1, { parent_issue_url: null, issue_dependencies_summary: { total_blocked_by: 2 }, sub_issues_summary: { total: 3 }, state_reason: 'completed', state: 'closed' }))).toEqual({
      ...snapshot(1),
      state: 'closed',
      stateReason: 'completed',
      parentIssueUrl: null,
      blockedByCount: 2,
      subIssuesCount: 3,
    });
    const old = toIssueSnapshot({ ...issue(2), user: { type: 'User' }, body: null, html_url: undefined });
    expect(old).toMatchObject({ parentIssueUrl: undefined, blockedByCount: undefined, byBot: false, body: '', htmlUrl: '' });
    expect(toIssueSnapshot({ ...issue(3), user: { type: 'User' }, performed_via_github_app: { id: 1 } }).byBot).toBe(true);
  });
});

describe('the client', () => {
  it('reports the latest rate-limit reading (null before any answer), from errors too', async () => {
    const github = boundary();
    expect(github.rateLimit()).toBeNull();
    replies = [
      [200, { default_branch: 'main' }, { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '1700000000' }],
      [404, { message: 'Not Found' }, { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4998', 'x-ratelimit-reset': '1700000001' }],
    ];
    await github.getRepository(where);
    expect(github.rateLimit()).toEqual({ limit: 5000, remaining: 4999, reset: 1700000000 });
    expect(await github.branchExists(where, 'x')).toBe(false);
    expect(github.rateLimit()).toEqual({ limit: 5000, remaining: 4998, reset: 1700000001 });
  });

  it('is one boundary per client, and names its base URL', () => {
    const octokit = client({ baseUrl: 'https://ghe.example/api/v3' });
    expect(octokitGitHub(octokit)).toBe(octokitGitHub(octokit));
    expect(octokitGitHub(octokit).apiBaseUrl).toBe('https://ghe.example/api/v3');
    expect(boundary().apiBaseUrl).toBe(API);
  });
});
