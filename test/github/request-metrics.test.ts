import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { createMetrics } from '../../src/metrics/registry.js';
import { instrumentOctokit } from '../../src/github/request-metrics.js';
import { ConditionalCache, useConditionalRequests } from '../../src/github/conditional-requests.js';

function resetNock(): void {
  nock.cleanAll();
  nock.disableNetConnect();
}

const octokitFor = () => new ProbotOctokit({ auth: { token: 't' }, retry: { enabled: false }, throttle: { enabled: false } } as any);

describe('instrumentOctokit', () => {
  beforeEach(resetNock);

  it('counts requests by route template and status, and records the remaining rate limit', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const octokit = octokitFor();
    instrumentOctokit(octokit as any, metrics, '42');
    nock('https://api.github.com')
      .get('/repos/acme/web/contents/a.md')
      .reply(200, { content: '' }, { 'x-ratelimit-remaining': '4999' })
      .get('/repos/acme/api/contents/b.md')
      .reply(404, { message: 'Not Found' }, { 'x-ratelimit-remaining': '4998' })
      .post('/repos/acme/web/issues')
      .reply(201, { number: 1 });
    await octokit.rest.repos.getContent({ owner: 'acme', repo: 'web', path: 'a.md' });
    await expect(octokit.rest.repos.getContent({ owner: 'acme', repo: 'api', path: 'b.md' })).rejects.toMatchObject({ status: 404 });
    await octokit.rest.issues.create({ owner: 'acme', repo: 'web', title: 't' });
    expect(nock.pendingMocks()).toEqual([]);

    const text = await metrics.registry.metrics();
    expect(text).toContain('planbot_github_requests_total{method="GET",route="/repos/{owner}/{repo}/contents/{path}",status="200"} 1');
    expect(text).toContain('planbot_github_requests_total{method="GET",route="/repos/{owner}/{repo}/contents/{path}",status="404"} 1');
    expect(text).toContain('planbot_github_requests_total{method="POST",route="/repos/{owner}/{repo}/issues",status="201"} 1');
    expect(text).not.toContain('acme');
    expect(text).toContain('planbot_github_rate_limit_remaining{installation="42"} 4998');
  });

  it('labels paginated follow-up requests (full URLs from the link header) with the route template (issue 13)', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const octokit = octokitFor();
    instrumentOctokit(octokit as any, metrics, '42');
    nock('https://api.github.com')
      .get('/repos/acme/web/pulls/1/files')
      .query({ per_page: 100 })
      .reply(200, [{ filename: 'a' }], { link: '<https://api.github.com/repos/acme/web/pulls/1/files?per_page=100&page=2>; rel="next"' })
      .get('/repos/acme/web/pulls/1/files')
      .query({ per_page: 100, page: 2 })
      .reply(200, [{ filename: 'b' }]);
    const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: 'acme', repo: 'web', pull_number: 1, per_page: 100 });
    expect(files).toHaveLength(2);
    expect(nock.pendingMocks()).toEqual([]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('planbot_github_requests_total{method="GET",route="/repos/{owner}/{repo}/pulls/{pull_number}/files",status="200"} 2');
    expect(text).not.toMatch(/acme|http|per_page/);
  });

  it('counts a conditional request answered 304 as a 304 (installed before the ETag hook)', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const octokit = octokitFor();
    instrumentOctokit(octokit as any, metrics, '1');
    useConditionalRequests(octokit as any, new ConditionalCache(), '1');
    nock('https://api.github.com')
      .get('/repos/acme/web')
      .reply(200, { id: 1 }, { etag: '"v1"' })
      .get('/repos/acme/web')
      .matchHeader('if-none-match', '"v1"')
      .reply(304);
    await octokit.rest.repos.get({ owner: 'acme', repo: 'web' });
    const second = await octokit.rest.repos.get({ owner: 'acme', repo: 'web' });
    expect(second.data).toEqual({ id: 1 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('planbot_github_requests_total{method="GET",route="/repos/{owner}/{repo}",status="200"} 1');
    expect(text).toContain('planbot_github_requests_total{method="GET",route="/repos/{owner}/{repo}",status="304"} 1');
  });

  it('installs once per octokit', async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    const octokit = octokitFor();
    instrumentOctokit(octokit as any, metrics, '1');
    instrumentOctokit(octokit as any, metrics, '1');
    nock('https://api.github.com').get('/repos/acme/web').reply(200, {});
    await octokit.rest.repos.get({ owner: 'acme', repo: 'web' });
    expect(await metrics.registry.metrics()).toContain('route="/repos/{owner}/{repo}",status="200"} 1');
  });
});
