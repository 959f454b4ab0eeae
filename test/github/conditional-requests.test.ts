import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { ConditionalCache, useConditionalRequests } from '../../src/github/conditional-requests.js';
import { resetNock } from '../helpers/probot.js';

function client() {
  return new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({ auth: 'x' } as any);
}

describe('conditional requests', () => {
  beforeEach(resetNock);

  it('sends If-None-Match on a repeat GET and serves the cached body on 304', async () => {
    const cache = new ConditionalCache();
    const seenHeaders: Array<string | undefined> = [];
    nock('https://api.github.com')
      .get('/repos/acme/web/issues')
      .query(true)
      .times(2)
      .reply(function () {
        const tag = this.req.headers['if-none-match'] as string | undefined;
        seenHeaders.push(tag);
        return tag === '"v1"' ? [304, ''] : [200, [{ number: 1 }], { etag: '"v1"' }];
      });
    const first = client();
    useConditionalRequests(first as any, cache, '7');
    const a = await first.rest.issues.listForRepo({ owner: 'acme', repo: 'web', labels: 'planbot' });
    const second = client();
    useConditionalRequests(second as any, cache, '7');
    const b = await second.rest.issues.listForRepo({ owner: 'acme', repo: 'web', labels: 'planbot' });
    expect(seenHeaders).toEqual([undefined, '"v1"']);
    expect(a.data).toEqual([{ number: 1 }]);
    expect(b.data).toEqual([{ number: 1 }]);
    expect(cache.hits).toBe(1);
  });

  it('keeps installations apart and never conditions writes', async () => {
    const cache = new ConditionalCache();
    const seen: Array<string | undefined> = [];
    nock('https://api.github.com')
      .get('/repos/acme/web/labels/planbot')
      .times(2)
      .reply(function () {
        seen.push(this.req.headers['if-none-match'] as string | undefined);
        return [200, { name: 'planbot' }, { etag: '"l1"' }];
      })
      .post('/repos/acme/web/labels')
      .reply(function () {
        seen.push(`POST:${this.req.headers['if-none-match'] ?? 'none'}`);
        return [201, { name: 'x' }];
      });
    const a = client();
    useConditionalRequests(a as any, cache, '1');
    await a.rest.issues.getLabel({ owner: 'acme', repo: 'web', name: 'planbot' });
    const b = client();
    useConditionalRequests(b as any, cache, '2');
    await b.rest.issues.getLabel({ owner: 'acme', repo: 'web', name: 'planbot' });
    await b.rest.issues.createLabel({ owner: 'acme', repo: 'web', name: 'x' });
    expect(seen).toEqual([undefined, undefined, 'POST:none']);
  });
});

describe('remembered config absence', () => {
  beforeEach(resetNock);

  it('answers a repeat read of a missing .github/planbot.yml without a request, until a push forgets it', async () => {
    const { forgetConfigAbsence } = await import('../../src/github/conditional-requests.js');
    const cache = new ConditionalCache();
    let calls = 0;
    nock('https://api.github.com')
      .get('/repos/acme/web/contents/.github%2Fplanbot.yml')
      .times(2)
      .reply(() => {
        calls++;
        return [404, { message: 'Not Found' }];
      });
    const read = async () => {
      const octokit = client();
      useConditionalRequests(octokit as any, cache, '7');
      return octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: 'acme', repo: 'web', path: '.github/planbot.yml' }).then(
        () => 200,
        (error: any) => error.status,
      );
    };
    expect(await read()).toBe(404);
    expect(await read()).toBe(404);
    expect(calls).toBe(1);
    forgetConfigAbsence('acme', 'web');
    expect(await read()).toBe(404);
    expect(calls).toBe(2);
  });

  it('does not remember other missing files', async () => {
    const cache = new ConditionalCache();
    let calls = 0;
    nock('https://api.github.com')
      .get('/repos/acme/web/contents/specs%2F001-x%2Fplan.md')
      .times(2)
      .reply(() => {
        calls++;
        return [404, { message: 'Not Found' }];
      });
    for (let i = 0; i < 2; i++) {
      const octokit = client();
      useConditionalRequests(octokit as any, cache, '7');
      await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner: 'acme', repo: 'web', path: 'specs/001-x/plan.md' }).catch(() => undefined);
    }
    expect(calls).toBe(2);
  });
});

describe('immutable reads', () => {
  beforeEach(resetNock);

  it('answers a repeat read of a file at a commit SHA from the cache with no request; a branch ref still asks', async () => {
    const { isImmutableRead } = await import('../../src/github/conditional-requests.js');
    const sha = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
    const cache = new ConditionalCache();
    const seen: string[] = [];
    nock('https://api.github.com')
      .get('/repos/acme/web/contents/specs%2F001-x%2Fplan.md')
      .query(true)
      .times(3)
      .reply(function (uri) {
        seen.push(`${uri} ${this.req.headers['if-none-match'] ?? '-'}`);
        return this.req.headers['if-none-match'] ? [304, ''] : [200, { type: 'file', content: 'eA==' }, { etag: '"p1"' }];
      });
    const read = async (ref: string) => {
      const octokit = client();
      useConditionalRequests(octokit as any, cache, '7');
      return (await octokit.rest.repos.getContent({ owner: 'acme', repo: 'web', path: 'specs/001-x/plan.md', ref })).data;
    };
    expect(await read(sha)).toEqual({ type: 'file', content: 'eA==' });
    expect(await read(sha)).toEqual({ type: 'file', content: 'eA==' });
    await read('001-x');
    await read('001-x');
    expect(seen).toEqual([
      `/repos/acme/web/contents/specs%2F001-x%2Fplan.md?ref=${sha} -`,
      '/repos/acme/web/contents/specs%2F001-x%2Fplan.md?ref=001-x -',
      '/repos/acme/web/contents/specs%2F001-x%2Fplan.md?ref=001-x "p1"',
    ]);
    expect(isImmutableRead(`/repos/a/b/git/blobs/${sha}`)).toBe(true);
    expect(isImmutableRead('/repos/a/b/contents/x.md?ref=main')).toBe(false);
    expect(isImmutableRead(`/repos/a/b/contents/x.md?ref=${sha.slice(0, 39)}`)).toBe(false);
  });
});

describe('files absent at a commit SHA', () => {
  beforeEach(resetNock);

  it('remembers a 404 at a commit SHA for good, but not at a branch, nor a commit GitHub cannot find yet', async () => {
    const sha = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
    const unknown = 'fc26c3e57ca3a959ca5aad62de7213c562f8c822';
    const cache = new ConditionalCache(10, 1);
    const seen: string[] = [];
    nock('https://api.github.com')
      .get('/repos/acme/web/contents/specs%2F001-x%2Ftasks.md')
      .query(true)
      .times(6)
      .reply((uri) => {
        seen.push(uri);
        return [404, { message: uri.includes(unknown) ? `No commit found for the ref ${unknown}` : 'Not Found' }];
      });
    const read = async (ref: string) => {
      const octokit = client();
      useConditionalRequests(octokit as any, cache, '7');
      return octokit.rest.repos.getContent({ owner: 'acme', repo: 'web', path: 'specs/001-x/tasks.md', ref }).then(
        () => 200,
        (error: any) => error.status,
      );
    };
    for (const ref of [sha, sha, '001-x', '001-x', unknown, unknown]) expect(await read(ref)).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await read(sha)).toBe(404);
    expect(seen).toEqual([
      `/repos/acme/web/contents/specs%2F001-x%2Ftasks.md?ref=${sha}`,
      '/repos/acme/web/contents/specs%2F001-x%2Ftasks.md?ref=001-x',
      '/repos/acme/web/contents/specs%2F001-x%2Ftasks.md?ref=001-x',
      `/repos/acme/web/contents/specs%2F001-x%2Ftasks.md?ref=${unknown}`,
      `/repos/acme/web/contents/specs%2F001-x%2Ftasks.md?ref=${unknown}`,
    ]);
  });
});
