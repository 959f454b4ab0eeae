// The "Sync issues" and "Re-check" buttons on the `planbot / plan` check run (probot.receive + nock).
// The sync and the re-check are replaced by recorders: their own tests count their requests.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';

const recheckPullRequest = jest.fn(async (_context: unknown, _pull: number) => undefined);
const syncPullRequest = jest.fn(async (_context: unknown, _pull: number): Promise<any[]> => []);
jest.unstable_mockModule('../../src/checks/recheck.js', () => ({ recheckPullRequest }));
jest.unstable_mockModule('../../src/sync/sync-feature.js', () => ({ syncFeature: jest.fn(), featureSyncInput: jest.fn() }));
jest.unstable_mockModule('../../src/sync/sync-pull-request.js', () => ({ syncPullRequest, syncPullRequestPlans: jest.fn(), pullRequestSyncTargets: jest.fn() }));

const { recordRequests, resetNock } = await import('../helpers/probot.js');
const { API, rawReply, recordUnmatched } = await import('../helpers/github-contents.js');
const { checkRunActionPayload } = await import('../helpers/payloads-interact.js');
const { CONFIG, ORG_CONFIG, PERMISSION, interactApp: app, noConfig, requestLines: lines, role } = await import('../helpers/interact-nock.js');

let unmatched: string[];
beforeEach(() => {
  resetNock();
  unmatched = recordUnmatched(nock);
  recheckPullRequest.mockClear();
  syncPullRequest.mockClear();
});

describe('check_run.requested_action', () => {
  it('"Sync issues" syncs the pull request listed on the check run: config + permission, nothing else', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    role('write');

    await probot.receive({ id: 'b-sync', name: 'check_run', payload: checkRunActionPayload({ identifier: 'sync_issues', pullRequests: [7] }) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PERMISSION}`]);
    expect(syncPullRequest.mock.calls.map((call) => call[1])).toEqual([7]);
    expect(recheckPullRequest).not.toHaveBeenCalled();
  });

  it('"Re-check" on a fork’s pull request finds it from the check run’s external_id', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    role('admin');

    await probot.receive({ id: 'b-recheck', name: 'check_run', payload: checkRunActionPayload({ identifier: 'recheck', externalId: 'pr-9' }) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PERMISSION}`]);
    expect(recheckPullRequest.mock.calls.map((call) => call[1])).toEqual([9]);
    expect(syncPullRequest).not.toHaveBeenCalled();
  });

  it('"Re-check" without a listed pull request finds the open one whose head is the check run’s commit', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    role('write');
    nock(API)
      .get('/repos/acme/web/commits/head-sha-1/pulls')
      .query({ per_page: '10' })
      .reply(200, [
        { number: 3, state: 'closed', head: { sha: 'head-sha-1' } },
        { number: 11, state: 'open', head: { sha: 'head-sha-1' } },
      ]);

    await probot.receive({ id: 'b-recheck-sha', name: 'check_run', payload: checkRunActionPayload({ identifier: 'recheck' }) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PERMISSION}`, 'GET /repos/acme/web/commits/head-sha-1/pulls?per_page=10']);
    expect(recheckPullRequest.mock.calls.map((call) => call[1])).toEqual([11]);
  });

  it('does nothing when no open pull request has that commit', async () => {
    const { probot, logs } = app();
    noConfig();
    role('write');
    nock(API).get('/repos/acme/web/commits/head-sha-1/pulls').query(true).reply(200, []);

    await probot.receive({ id: 'b-none', name: 'check_run', payload: checkRunActionPayload({ identifier: 'sync_issues' }) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(syncPullRequest).not.toHaveBeenCalled();
    expect(logs.some((line) => line.msg === 'no open pull request for this check run; nothing to do')).toBe(true);
  });

  it('ignores a click by someone without write access (permission read only)', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    role('read');

    await probot.receive({ id: 'b-reader', name: 'check_run', payload: checkRunActionPayload({ identifier: 'recheck', pullRequests: [7] }) });

    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PERMISSION}`]);
    expect(recheckPullRequest).not.toHaveBeenCalled();
  });

  it('honours a stricter commands.permission', async () => {
    const { probot } = app();
    nock(API).get(CONFIG).reply(...rawReply('commands:\n  permission: maintain\n'));
    role('write');
    await probot.receive({ id: 'b-strict', name: 'check_run', payload: checkRunActionPayload({ identifier: 'recheck', pullRequests: [7] }) });
    expect(nock.pendingMocks()).toEqual([]);
    expect(recheckPullRequest).not.toHaveBeenCalled();
  });

  it.each([
    ['another check run', { identifier: 'recheck', name: 'planbot / quality gates', pullRequests: [7] }],
    ['an unknown action', { identifier: 'deploy', pullRequests: [7] }],
  ])('makes no request for %s', async (_name, input) => {
    const { probot } = app();
    const requests = recordRequests();
    await probot.receive({ id: 'b-other', name: 'check_run', payload: checkRunActionPayload(input) });
    expect(requests).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(recheckPullRequest).not.toHaveBeenCalled();
    expect(syncPullRequest).not.toHaveBeenCalled();
  });
});
