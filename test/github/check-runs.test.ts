// The boundary's check-run listing (what the checks' diff compares against). Posting is tested in
// test/checks/apply.test.ts.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { octokitGitHub } from '../../src/github/octokit-github.js';
import { resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { API } from '../checks/github-mock.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';

describe('listCheckRuns', () => {
  beforeEach(resetNock);

  it('lists the latest runs of a commit across pages', async () => {
    nock(API)
      .get(`/repos/acme/web/commits/${SHA}/check-runs`)
      .query({ filter: 'latest', per_page: '100' })
      .reply(200, { total_count: 2, check_runs: [{ id: 1, name: 'a' }] }, { link: `<${API}/repos/acme/web/commits/${SHA}/check-runs?filter=latest&per_page=100&page=2>; rel="next"` })
      .get(`/repos/acme/web/commits/${SHA}/check-runs`)
      .query({ filter: 'latest', per_page: '100', page: '2' })
      .reply(200, { total_count: 2, check_runs: [{ id: 2, name: 'b' }] });
    const { context } = await createTestContext();
    const runs = await octokitGitHub(context.octokit).listCheckRuns({ owner: 'acme', repo: 'web' }, SHA);
    expect(runs.map((run) => run.name)).toEqual(['a', 'b']);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
