// The boundary's Projects methods over Probot's Octokit, on the wire (nock): POST /graphql with the
// documents and variables planbot means, and issues' node ids from REST.
import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { octokitGitHub } from '../../src/github/octokit-github.js';

const API = 'https://api.github.com';
const octokit = () => new ProbotOctokit({ auth: { token: 'test' }, retry: { enabled: false }, throttle: { enabled: false } });

afterEach(() => nock.cleanAll());

describe('octokitGitHub Projects', () => {
  it('reads the board and sets a field through POST /graphql', async () => {
    const bodies: any[] = [];
    nock(API)
      .post('/graphql', (body) => (bodies.push(body), true))
      .reply(200, { data: { rateLimit: { cost: 1, remaining: 10, resetAt: 'x' }, owner: { projectV2: { id: 'PVT_1', title: 'Roadmap', fields: { nodes: [] }, items: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } } } })
      .post('/graphql', (body) => (bodies.push(body), true))
      .reply(200, { data: { updateProjectV2ItemFieldValue: { projectV2Item: { id: 'PVTI_1' } } } });
    const github = octokitGitHub(octokit());
    expect(await github.readProjectBoard({ ownerType: 'organization', login: 'acme', number: 2 })).toEqual({ id: 'PVT_1', title: 'Roadmap', fields: [], items: [], pointsRemaining: 10 });
    await github.setProjectItemField('PVT_1', 'PVTI_1', 'F_phase', { number: 3 });
    expect(bodies.map((body) => [body.query.match(/^(query|mutation) (\w+)/)[2], body.variables])).toEqual([
      ['PlanbotOrgBoard', { login: 'acme', number: 2, cursor: null }],
      ['PlanbotSetField', { projectId: 'PVT_1', itemId: 'PVTI_1', fieldId: 'F_phase', value: { number: 3 } }],
    ]);
    expect(nock.isDone()).toBe(true);
  });

  it('answers "unavailable" when the installation was not granted the Projects permission', async () => {
    nock(API)
      .post('/graphql')
      .reply(200, { data: { owner: { projectV2: null } }, errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration', path: ['owner', 'projectV2'] }] });
    expect(await octokitGitHub(octokit()).readProjectBoard({ ownerType: 'organization', login: 'acme', number: 2 })).toEqual({
      unavailable: 'forbidden',
      message: 'Resource not accessible by integration',
    });
  });

  it('gives issues their node id', async () => {
    nock(API).get('/repos/acme/web/issues/4').reply(200, { id: 5004, node_id: 'I_kwDOA', number: 4, title: 't', body: 'b', state: 'open', labels: [], user: { type: 'User' } });
    expect((await octokitGitHub(octokit()).getIssue({ owner: 'acme', repo: 'web' }, 4))?.nodeId).toBe('I_kwDOA');
  });
});
