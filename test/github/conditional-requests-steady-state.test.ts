// What a steady-state pull request event costs over HTTP: the reads an issue sync makes (config,
// changed files, plan.md and tasks.md at the head SHA, the issue listing), sent twice through the
// boundary with ETags on. The second time, the config, the files and the listing are 304s (free
// against the rate limit) and the files at the commit SHA, present or absent, cost no request.
// (The sync's own calls are asserted in test/sync/handle.test.ts over the in-memory GitHub.)
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createHash } from 'node:crypto';
import { ProbotOctokit } from 'probot';
import { ConditionalCache, useConditionalRequests } from '../../src/github/conditional-requests.js';
import { octokitGitHub, type Octokit } from '../../src/github/octokit-github.js';
import { resetNock } from '../helpers/probot.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const WHERE = { owner: 'acme', repo: 'web' };
const PLAN = '# Plan\n\n### Phase 1: Setup\n\n- [ ] Task\n';

/** acme/web over nock: every GET answered with an ETag, and 304 to a matching If-None-Match. Returns `path → status` per request. */
function steadyGitHub(): string[] {
  const seen: string[] = [];
  const answers: Record<string, [number, unknown]> = {
    '/repos/acme/web/contents/.github%2Fplanbot.yml': [200, 'checks:\n  enabled: false\n'],
    '/repos/acme/web/pulls/7/files?per_page=100': [200, [{ filename: 'specs/001-x/plan.md', status: 'modified' }]],
    [`/repos/acme/web/contents/specs%2F001-x%2Fplan.md?ref=${SHA}`]: [200, { type: 'file', encoding: 'base64', size: PLAN.length, sha: 'b1', content: Buffer.from(PLAN).toString('base64') }],
    [`/repos/acme/web/contents/specs%2F001-x%2Ftasks.md?ref=${SHA}`]: [404, { message: 'Not Found' }],
    '/repos/acme/web/issues?labels=planbot&state=all&per_page=100': [200, []],
  };
  nock('https://api.github.com')
    .persist()
    .get(/^\/repos\/acme\/web\//)
    .reply(function (uri) {
      const [status, body] = answers[uri] ?? [404, { message: 'Not Found' }];
      const etag = `"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
      const answered = status === 200 && this.req.headers['if-none-match'] === etag ? 304 : status;
      seen.push(`${uri} ${answered}`);
      if (answered !== 200) return [answered, answered === 304 ? '' : (body as object)];
      return [200, body as object, { etag, ...(typeof body === 'string' ? { 'content-type': 'text/plain' } : {}) }];
    });
  return seen;
}

/** One event's reads, through a fresh client of the installation (as each job gets one). */
async function syncReads(cache: ConditionalCache) {
  const octokit = new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({ auth: { token: 't' } } as any) as unknown as Octokit;
  useConditionalRequests(octokit, cache, '7');
  const github = octokitGitHub(octokit);
  const layers = await github.readConfigLayers(WHERE, '.github/planbot.yml');
  const files = await github.listPullFiles(WHERE, 7);
  const plan = await github.readFile(WHERE, 'specs/001-x/plan.md', SHA);
  const tasks = await github.readFile(WHERE, 'specs/001-x/tasks.md', SHA);
  const issues = await github.listLabelledIssues(WHERE, 'planbot');
  return { config: layers[0].config, files: files.map((file) => file.filename), plan: plan?.content, tasks, issues };
}

beforeEach(resetNock);

describe('the steady state of a pull request event', () => {
  it('costs three 304s the second time, with the same answers', async () => {
    const seen = steadyGitHub();
    const cache = new ConditionalCache();
    const first = await syncReads(cache);
    expect(first).toEqual({ config: { checks: { enabled: false } }, files: ['specs/001-x/plan.md'], plan: PLAN, tasks: null, issues: [] });
    expect(seen.map((line) => line.split(' ')[1])).toEqual(['200', '200', '200', '404', '200']);

    seen.length = 0;
    expect(await syncReads(cache)).toEqual(first);
    expect(seen).toEqual([
      '/repos/acme/web/contents/.github%2Fplanbot.yml 304',
      '/repos/acme/web/pulls/7/files?per_page=100 304',
      '/repos/acme/web/issues?labels=planbot&state=all&per_page=100 304',
    ]);
  });
});
