// Issue 13, item 3: a permanent refusal of the issue sync (GitHub 422: retrying cannot help) turns
// the head's `planbot / plan` check to failure with GitHub's reason, instead of leaving it green.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';
import pino from 'pino';
import { RequestError } from '@octokit/request-error';

const refused = new RequestError('Validation Failed', 422, {
  request: { method: 'POST', url: 'https://api.github.com/repos/acme/web/issues', headers: {} },
  response: {
    status: 422,
    url: '',
    headers: {},
    data: { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }] },
  },
});
const syncPullRequestPlans = jest.fn(async (): Promise<never> => {
  throw refused;
});
// Every export, since modules the handler loads import them too; only syncPullRequestPlans is called.
jest.unstable_mockModule('../../src/sync/sync-pull-request.js', () => ({ syncPullRequestPlans, syncPullRequest: jest.fn(), pullRequestSyncTargets: jest.fn() }));

const { onPullRequest } = await import('../../src/sync/handle.js');
const { ProbotOctokit } = await import('probot');
const { resetNock } = await import('../helpers/probot.js');
const { jobFromContext } = await import('../helpers/job.js');

const SHA = 'a'.repeat(40);
const API = 'https://api.github.com';

function job() {
  const octokit = new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({ auth: { token: 't' } } as any);
  return jobFromContext({
    id: 'd1',
    name: 'pull_request',
    octokit,
    log: pino({ level: 'silent' }) as any,
    payload: { repository: { name: 'web', owner: { login: 'acme' } }, pull_request: { number: 1, head: { sha: SHA, ref: '001-x' } } } as any,
  });
}

beforeEach(resetNock);

describe('a permanent refusal of the issue sync', () => {
  it('fails the head’s planbot / plan check with GitHub’s reason, and is not retried quietly', async () => {
    const patches: any[] = [];
    nock(API)
      .get(`/repos/acme/web/commits/${SHA}/check-runs`)
      .query(true)
      .reply(200, {
        total_count: 2,
        check_runs: [
          { id: 5, name: 'planbot / plan', status: 'completed', conclusion: 'success', output: { title: 'Plan complete', summary: '## Plan completeness\n\n✅ fine\n' } },
          { id: 6, name: 'planbot / quality gates', status: 'completed', conclusion: 'success', output: { title: 'x', summary: 'y' } },
        ],
      })
      .patch('/repos/acme/web/check-runs/5', (body) => (patches.push(body), true))
      .reply(200, { id: 5 });

    await expect(onPullRequest(job())).rejects.toBe(refused);

    expect(nock.pendingMocks()).toEqual([]);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Issue sync refused (422) · Plan complete' } });
    expect(patches[0].output.summary).toContain('GitHub answered **422**: Validation Failed: body custom body is too long (maximum is 65536 characters)');
    expect(patches[0].output.summary).toContain('Retrying will not help');
    expect(patches[0].output.summary).toContain('## Plan completeness');
  });

  it('a passing fault (502) changes no check: the queue retries it', async () => {
    syncPullRequestPlans.mockImplementationOnce(async () => {
      throw new RequestError('Bad Gateway', 502, { request: { method: 'POST', url: 'https://api.github.com/x', headers: {} } });
    });
    await expect(onPullRequest(job())).rejects.toMatchObject({ status: 502 });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
