import { describe, expect, it } from '@jest/globals';
import { paginate, Router, type SimRequest } from '../../tools/sim/router.js';

const request = (query = ''): SimRequest => ({ method: 'GET', path: '/x', params: {}, query: new URLSearchParams(query), body: undefined, headers: {}, actor: null, installationId: null, appId: null });

describe('Router', () => {
  it('prefers the route with more literal segments and decodes parameters', () => {
    const router = new Router();
    const byNumber = () => ({ status: 200, body: 'number' });
    const comments = () => ({ status: 200, body: 'comment' });
    router.add('GET', '/repos/{owner}/{repo}/issues/{issue_number}', byNumber);
    router.add('GET', '/repos/{owner}/{repo}/issues/comments/{comment_id}', comments);
    const match = router.match('GET', '/repos/acme/web/issues/comments/5');
    expect(match && 'handler' in match ? match.handler : null).toBe(comments);
    const issue = router.match('GET', '/repos/acme/we%20b/issues/12');
    expect(issue && 'params' in issue ? issue.params : null).toEqual({ owner: 'acme', repo: 'we b', issue_number: '12' });
  });

  it('lets a {name+} parameter span slashes, encoded or not', () => {
    const router = new Router();
    router.add('GET', '/repos/{owner}/{repo}/contents/{path+}', () => ({ status: 200 }));
    for (const path of ['/repos/a/b/contents/specs/001-x/plan.md', '/repos/a/b/contents/specs%2F001-x%2Fplan.md']) {
      const match = router.match('GET', path);
      expect(match && 'params' in match ? match.params.path : null).toBe('specs/001-x/plan.md');
    }
  });

  it('tells an unknown path from a known path with another method', () => {
    const router = new Router();
    router.add('GET', '/repos/{owner}/{repo}', () => ({ status: 200 }));
    expect(router.match('GET', '/nope')).toBeNull();
    expect(router.match('DELETE', '/repos/a/b')).toEqual({ allowed: ['GET'] });
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 45 }, (_, index) => index);

  it('defaults to 30 per page with next/last links', () => {
    const page = paginate(items, request(), 'http://sim/api/v3/x');
    expect(page.items).toEqual(items.slice(0, 30));
    expect(page.headers.link).toBe('<http://sim/api/v3/x?per_page=30&page=2>; rel="next", <http://sim/api/v3/x?per_page=30&page=2>; rel="last"');
  });

  it('serves later pages with first/prev links, keeps other query parameters, caps per_page at 100', () => {
    const page = paginate(items, request('state=all&per_page=20&page=3'), 'http://sim/x');
    expect(page.items).toEqual(items.slice(40));
    expect(page.headers.link).toBe('<http://sim/x?state=all&per_page=20&page=1>; rel="first", <http://sim/x?state=all&per_page=20&page=2>; rel="prev"');
    expect(paginate(Array.from({ length: 150 }), request('per_page=500'), 'http://sim/x').items).toHaveLength(100);
  });

  it('sends no Link header when everything fits on one page', () => {
    expect(paginate([1, 2], request(), 'http://sim/x').headers).toEqual({});
  });
});
