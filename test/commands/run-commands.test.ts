// Slash commands, driven the way GitHub drives them (probot.receive + nock). The check evaluation
// and the issue sync are other modules with their own request-level tests: here they are replaced
// by recorders, so these tests count exactly the requests the command handling itself makes.
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';

const recheckPullRequest = jest.fn(async (_context: unknown, _pull: number) => undefined);
const syncPullRequest = jest.fn(async (_context: unknown, _pull: number): Promise<any[]> => [{ status: 'synced', message: 'Synced.' }]);
const syncFeature = jest.fn(async (_context: unknown, _target: unknown, _preloaded?: unknown): Promise<any> => ({ status: 'synced', message: 'Synced.' }));
jest.unstable_mockModule('../../src/checks/recheck.js', () => ({ recheckPullRequest }));
jest.unstable_mockModule('../../src/sync/sync-feature.js', () => ({ syncFeature, featureSyncInput: jest.fn() }));
jest.unstable_mockModule('../../src/sync/sync-pull-request.js', () => ({ syncPullRequest, syncPullRequestPlans: jest.fn(), pullRequestSyncTargets: jest.fn() }));

const { recordRequests, resetNock } = await import('../helpers/probot.js');
const { API, contentsPath, createdReply, decodedContent, fileReply, rawReply, recordUnmatched } = await import('../helpers/github-contents.js');
const { BOT, HUMAN, issueCommentPayload } = await import('../helpers/payloads-interact.js');
const { renderMarker } = await import('../../src/sync/marker.js');
const { helpText } = await import('../../src/commands/commands.js');
const { resetReplyBudget } = await import('../../src/commands/reply-budget.js');

const { CONFIG, ORG_CONFIG, PERMISSION, interactApp: app, noConfig, requestLines: lines, role } = await import('../helpers/interact-nock.js');
const REACTIONS = '/repos/acme/web/issues/comments/777/reactions';
const PLAN_PATH = 'specs/001-user-auth/plan.md';
const PHASE_ISSUE = {
  number: 12,
  body: `${renderMarker({ feature: '001-user-auth', phase: '1', tracking: false, source: 'plan', path: PLAN_PATH, branch: 'feat/001-user-auth' })}\n**Phase 1: Foundation**\n\n- [ ] T001 Set up`,
};
const PULL = { number: 7, body: 'Adds login.', pullRequest: true, user: HUMAN };

const reactions = (...contents: string[]) => {
  const scope = nock(API);
  contents.forEach((content, index) => scope.post(REACTIONS, { content }).reply(201, { id: 500 + index, content }));
  return scope;
};
const removeEyes = () => nock(API).delete(`${REACTIONS}/500`).reply(204);
const replyTo = (issue: number) => nock(API).post(`/repos/acme/web/issues/${issue}/comments`).reply(201, { id: 900 });
/** The acknowledgement of a successful command: 👀, then 🚀, then 👀 removed. */
const ACK_DONE = [`POST ${REACTIONS}`, `POST ${REACTIONS}`, `DELETE ${REACTIONS}/500`];

/** A command by someone with `permission`, acknowledged 👀 → `result` (with a reply on `replyOn`) → 👀 removed. */
function acknowledged(result: 'rocket' | 'confused', options: { permission?: string; replyOn?: number } = {}): void {
  noConfig();
  role(options.permission ?? 'write');
  reactions('eyes', result);
  if (options.replyOn) replyTo(options.replyOn);
  removeEyes();
}

/** A command by someone without write access: config, role, one polite reply. */
function refused(permission: string, replyOn = 7): void {
  noConfig();
  role(permission);
  replyTo(replyOn);
}

const comment = (text: string, issue: object = PULL) => issueCommentPayload({ comment: text, issue: issue as any });
const replyBody = (requests: ReturnType<typeof recordRequests>, issue = 7) =>
  (requests.find((request) => request.path.endsWith(`/issues/${issue}/comments`))?.body as { body: string } | undefined)?.body;

let unmatched: string[];
beforeEach(() => {
  resetNock();
  unmatched = recordUnmatched(nock);
  resetReplyBudget();
  recheckPullRequest.mockClear();
  syncPullRequest.mockClear();
  syncFeature.mockClear();
});

describe('/planbot check', () => {
  it('re-evaluates the pull request for a writer, acknowledged with 👀 → 🚀 and no comment', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('rocket');

    await probot.receive({ id: 'c-check', name: 'issue_comment', payload: comment('/planbot check') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PERMISSION}`, ...ACK_DONE]);
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.body)).toEqual([
      { content: 'eyes' },
      { content: 'rocket' },
    ]);
    expect(recheckPullRequest.mock.calls.map((call) => call[1])).toEqual([7]);
  });

  it('answers a reader politely and changes nothing', async () => {
    const { probot } = app();
    const requests = recordRequests();
    refused('read');

    await probot.receive({ id: 'c-check-reader', name: 'issue_comment', payload: comment('/planbot check') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PERMISSION}`, 'POST /repos/acme/web/issues/7/comments']);
    expect(requests[3].body).toEqual({
      body:
        '@octocat thanks for asking! `/planbot check` can only be run by people with write access to acme/web ' +
        '(your role here is read), so I have not changed anything. A maintainer can run it for you.',
    });
    expect(recheckPullRequest).not.toHaveBeenCalled();
  });

  it('counts a maintainer with a custom role by its base permission, and triage as not enough', async () => {
    const { probot } = app();
    noConfig();
    role('write', 'release-manager');
    reactions('eyes', 'rocket');
    removeEyes();
    await probot.receive({ id: 'c-custom', name: 'issue_comment', payload: comment('/planbot check') });
    expect(recheckPullRequest).toHaveBeenCalledTimes(1);

    // The absent config is remembered by the app's conditional-request cache: no config read this time.
    role('read', 'triage');
    replyTo(7);
    await probot.receive({ id: 'c-triage', name: 'issue_comment', payload: comment('/planbot check') });
    expect(recheckPullRequest).toHaveBeenCalledTimes(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('in a phase issue, re-checks the feature’s open pull request, found by its head branch', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('rocket', { permission: 'maintain' });
    nock(API).get('/repos/acme/web/pulls').query({ head: 'acme:feat/001-user-auth', state: 'open', per_page: '10' }).reply(200, [{ number: 31 }]);

    await probot.receive({ id: 'c-check-issue', name: 'issue_comment', payload: comment('/planbot check', PHASE_ISSUE) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([
      `GET ${CONFIG}`,
      `GET ${ORG_CONFIG}`,
      `GET ${PERMISSION}`,
      `POST ${REACTIONS}`,
      'GET /repos/acme/web/pulls?head=acme%3Afeat%2F001-user-auth&state=open&per_page=10',
      `POST ${REACTIONS}`,
      `DELETE ${REACTIONS}/500`,
    ]);
    expect(recheckPullRequest.mock.calls.map((call) => call[1])).toEqual([31]);
  });

  it('in a phase issue without an open pull request, says so with 😕 and a reply', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('confused', { permission: 'admin', replyOn: 12 });
    nock(API).get('/repos/acme/web/pulls').query(true).reply(200, []);

    await probot.receive({ id: 'c-check-nopr', name: 'issue_comment', payload: comment('/planbot check', PHASE_ISSUE) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.find((request) => request.path === REACTIONS && (request.body as any).content !== 'eyes')?.body).toEqual({ content: 'confused' });
    expect(replyBody(requests, 12)).toBe('@octocat `/planbot check`: there is no open pull request for `feat/001-user-auth`, and planbot’s checks run on pull requests.');
    expect(recheckPullRequest).not.toHaveBeenCalled();
  });

  it('reports a failure with 😕 and the reason, and does not fail the delivery', async () => {
    const { probot, logs } = app();
    acknowledged('confused', { replyOn: 7 });
    recheckPullRequest.mockRejectedValueOnce(Object.assign(new Error('Server Error'), { status: 502 }));
    const requests = recordRequests();

    await probot.receive({ id: 'c-check-502', name: 'issue_comment', payload: comment('/planbot check') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(replyBody(requests)).toBe('@octocat `/planbot check`: it failed: GitHub answered 502. Try again in a moment.');
    expect(logs.find((line) => line.msg === 'command failed')?.deliveryId).toBe('c-check-502');
  });
});

describe('/planbot sync', () => {
  it('syncs the pull request’s plans for a writer', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('rocket');

    await probot.receive({ id: 'c-sync', name: 'issue_comment', payload: comment('Plan updated.\n/planbot sync') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PERMISSION}`, ...ACK_DONE]);
    expect(syncPullRequest.mock.calls.map((call) => call[1])).toEqual([7]);
  });

  it('answers a reader politely and syncs nothing', async () => {
    const { probot } = app();
    const requests = recordRequests();
    refused('none');

    await probot.receive({ id: 'c-sync-reader', name: 'issue_comment', payload: comment('/planbot sync') });

    expect(lines(requests).filter((line) => !line.startsWith('GET'))).toEqual(['POST /repos/acme/web/issues/7/comments']);
    expect((requests.at(-1)!.body as { body: string }).body).toContain('`/planbot sync` can only be run by people with write access');
    expect(syncPullRequest).not.toHaveBeenCalled();
  });

  it('says why when the sync could not run', async () => {
    const { probot } = app();
    acknowledged('confused', { replyOn: 7 });
    syncPullRequest.mockResolvedValueOnce([{ status: 'no-plan', message: 'There is no plan at specs/001-user-auth/plan.md on abc123.' }]);
    const requests = recordRequests();

    await probot.receive({ id: 'c-sync-noplan', name: 'issue_comment', payload: comment('/planbot sync') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(replyBody(requests)).toBe('@octocat `/planbot sync`: There is no plan at specs/001-user-auth/plan.md on abc123.');
  });

  it('says there was nothing to sync when the pull request yields no plan (none, or a fork)', async () => {
    const { probot } = app();
    acknowledged('confused', { replyOn: 7 });
    syncPullRequest.mockResolvedValueOnce([]);
    const requests = recordRequests();

    await probot.receive({ id: 'c-sync-empty', name: 'issue_comment', payload: comment('/planbot sync') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(replyBody(requests)).toBe(
      '@octocat `/planbot sync`: there was nothing to sync: this pull request carries no plan, or it comes from a fork (whose plans are synced once merged).',
    );
  });

  it('says issue sync is off instead of syncing when issues.enabled is false', async () => {
    const { probot } = app();
    nock(API).get(CONFIG).reply(...rawReply('issues:\n  enabled: false\n'));
    role('write');
    reactions('eyes', 'confused');
    replyTo(7);
    removeEyes();
    const requests = recordRequests();

    await probot.receive({ id: 'c-sync-off', name: 'issue_comment', payload: comment('/planbot sync') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(syncPullRequest).not.toHaveBeenCalled();
    expect(replyBody(requests)).toBe(
      '@octocat `/planbot sync`: issue sync is turned off here (`issues.enabled: false`).',
    );
  });

  it('in a phase issue, syncs that feature from its branch with the plan it already read', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('rocket');
    nock(API)
      .get(contentsPath('acme', 'web', PLAN_PATH))
      .query({ ref: 'feat/001-user-auth' })
      .reply(...fileReply(PLAN_PATH, '# Plan\n', 'plan-blob'));

    await probot.receive({ id: 'c-sync-issue', name: 'issue_comment', payload: comment('/planbot sync', PHASE_ISSUE) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([
      `GET ${CONFIG}`,
      `GET ${ORG_CONFIG}`,
      `GET ${PERMISSION}`,
      `POST ${REACTIONS}`,
      `GET ${contentsPath('acme', 'web', PLAN_PATH)}?ref=feat%2F001-user-auth`,
      `POST ${REACTIONS}`,
      `DELETE ${REACTIONS}/500`,
    ]);
    expect(syncFeature).toHaveBeenCalledTimes(1);
    const [, target, preloaded] = syncFeature.mock.calls[0] as [unknown, any, any];
    expect(target).toEqual({
      owner: 'acme',
      repo: 'web',
      feature: '001-user-auth',
      planPath: PLAN_PATH,
      ref: 'feat/001-user-auth',
      branchForLinks: 'feat/001-user-auth',
      // ticks made in the issue are committed to the branch the plan was read from
      commitBranch: 'feat/001-user-auth',
      // a person asked: the Project board (when configured) is read even if nothing changed
      refreshBoard: true,
    });
    expect(preloaded.plan).toEqual({ content: '# Plan\n', blobSha: 'plan-blob' });
  });

  it('refuses with the problems when the configuration is invalid, while check still runs', async () => {
    const { probot } = app();
    nock(API).get(CONFIG).reply(...rawReply('issues:\n  enabled: perhaps\n'));
    nock(API).get(CONFIG).reply(...rawReply('issues:\n  enabled: perhaps\n')); // the problem's line lookup
    role('write');
    reactions('eyes', 'confused');
    replyTo(7);
    removeEyes();
    const requests = recordRequests();

    await probot.receive({ id: 'c-bad-config', name: 'issue_comment', payload: comment('/planbot sync\n/planbot check') });

    expect(syncPullRequest).not.toHaveBeenCalled();
    expect(recheckPullRequest.mock.calls.map((call) => call[1])).toEqual([7]);
    const reply = replyBody(requests);
    expect(reply).toMatch(/^@octocat `\/planbot sync`: `\.github\/planbot\.yml` is invalid, so I did nothing: `issues\.enabled`: /);
    expect(requests.filter((request) => request.method === 'PUT' || request.method === 'PATCH')).toEqual([]);
  });
});

describe('/planbot init', () => {
  const pullData = (headRepo = 'acme/web') => ({
    number: 7,
    head: { ref: 'feat/002-export', sha: 'head-sha', repo: { full_name: headRepo } },
    base: { ref: 'main', repo: { full_name: 'acme/web' } },
  });
  const SKELETON = contentsPath('acme', 'web', 'specs/002-export/plan.md');
  const SPEC_KIT = contentsPath('acme', 'web', '.specify/templates/plan-template.md');

  it('commits the skeleton to the pull request’s branch when it has no plan', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('rocket');
    nock(API).get('/repos/acme/web/pulls/7').reply(200, pullData());
    nock(API).get(SPEC_KIT).query({ ref: 'feat/002-export' }).reply(404, { message: 'Not Found' });
    nock(API).put(SKELETON).reply(...createdReply('specs/002-export/plan.md'));

    await probot.receive({ id: 'c-init', name: 'issue_comment', payload: comment('/planbot init') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(lines(requests)).toEqual([
      `GET ${CONFIG}`,
      `GET ${ORG_CONFIG}`,
      `GET ${PERMISSION}`,
      `POST ${REACTIONS}`,
      'GET /repos/acme/web/pulls/7',
      `GET ${SPEC_KIT}?ref=feat%2F002-export`,
      `PUT ${SKELETON}`,
      `POST ${REACTIONS}`,
      `DELETE ${REACTIONS}/500`,
    ]);
    const put = requests[6].body as Record<string, string>;
    expect(put.branch).toBe('feat/002-export');
    expect(put.message).toBe('docs(plan): add plan skeleton for 002-export');
    expect(decodedContent(put)).toMatch(/^# Implementation Plan: Export\n\n\*\*Branch\*\*: `002-export`/);
  });

  it('tells the writer the plan already exists, with 🚀 and nothing committed', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('rocket', { replyOn: 7 });
    nock(API).get('/repos/acme/web/pulls/7').reply(200, pullData());
    // No existence read: the create without sha is refused because the plan is there, and nothing changes.
    nock(API).get(SPEC_KIT).query({ ref: 'feat/002-export' }).reply(404, { message: 'Not Found' });
    nock(API).put(SKELETON).reply(422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });

    await probot.receive({ id: 'c-init-exists', name: 'issue_comment', payload: comment('/planbot init') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.filter((request) => request.method === 'PUT').map((request) => 'sha' in (request.body as object))).toEqual([false]);
    expect(replyBody(requests)).toBe('@octocat `/planbot init`: `specs/002-export/plan.md` already exists on `feat/002-export`; nothing to commit.');
  });

  it('on a branch with no feature id, writes the plan of each spec directory the pull request changes (spec-kit 1.0)', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('rocket', { replyOn: 7 });
    const dirPlan = contentsPath('acme', 'web', 'specs/003-login-page/plan.md');
    const otherPlan = contentsPath('acme', 'web', 'apps/web/specs/004-search/plan.md');
    nock(API).get('/repos/acme/web/pulls/7').reply(200, { ...pullData(), head: { ...pullData().head, ref: 'feature/login-page' } });
    nock(API)
      .get('/repos/acme/web/pulls/7/files')
      .query({ per_page: '100' })
      .reply(200, [
        { filename: 'specs/003-login-page/spec.md', status: 'added' },
        { filename: 'apps/web/specs/004-search/tasks.md', status: 'modified' },
        { filename: 'src/login.ts', status: 'added' },
      ]);
    nock(API).get(SPEC_KIT).query({ ref: 'feature/login-page' }).reply(404, { message: 'Not Found' });
    // A monorepo project's plan starts from that project's own spec-kit template.
    const webTemplate = contentsPath('acme', 'web', 'apps/web/.specify/templates/plan-template.md');
    nock(API).get(webTemplate).query({ ref: 'feature/login-page' }).reply(...fileReply('apps/web/.specify/templates/plan-template.md', '# Web plan: [FEATURE]\n'));
    nock(API).put(dirPlan).reply(...createdReply('specs/003-login-page/plan.md'));
    // 004-search already has its plan: the create is refused, nothing is overwritten.
    nock(API).put(otherPlan).reply(422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });

    await probot.receive({ id: 'c-init-dirs', name: 'issue_comment', payload: comment('/planbot init') });

    expect(nock.pendingMocks()).toEqual([]);
    const puts = requests.filter((request) => request.method === 'PUT');
    expect(puts.map((put) => [put.path, (put.body as Record<string, string>).branch, 'sha' in (put.body as object)])).toEqual([
      [dirPlan, 'feature/login-page', false],
      [otherPlan, 'feature/login-page', false],
    ]);
    expect((puts[0].body as Record<string, string>).message).toBe('docs(plan): add plan skeleton for 003-login-page');
    expect(decodedContent(puts[0].body as Record<string, string>)).toMatch(/^# Implementation Plan: Login Page\n\n\*\*Branch\*\*: `003-login-page`/);
    expect(decodedContent(puts[1].body as Record<string, string>)).toBe('# Web plan: Search\n');
    expect(replyBody(requests)).toBe('@octocat `/planbot init`: `apps/web/specs/004-search/plan.md` already exists on `feature/login-page`; nothing to commit there.');
  });

  it('on a branch with no feature id and no spec directory, says why and writes nothing', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('confused', { replyOn: 7 });
    nock(API).get('/repos/acme/web/pulls/7').reply(200, { ...pullData(), head: { ...pullData().head, ref: 'fix-typo' } });
    nock(API).get('/repos/acme/web/pulls/7/files').query({ per_page: '100' }).reply(200, [{ filename: 'README.md', status: 'modified' }]);

    await probot.receive({ id: 'c-init-none', name: 'issue_comment', payload: comment('/planbot init') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);
    expect(replyBody(requests)).toContain('`fix-typo` is not a feature branch and this pull request changes no spec directory');
  });

  it('refuses a fork’s pull request without writing', async () => {
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('confused', { replyOn: 7 });
    nock(API).get('/repos/acme/web/pulls/7').reply(200, pullData('mallory/web'));

    await probot.receive({ id: 'c-init-fork', name: 'issue_comment', payload: comment('/planbot init') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);
    expect(replyBody(requests)).toContain('comes from a fork');
  });

  it('answers a reader politely and commits nothing', async () => {
    const { probot } = app();
    const requests = recordRequests();
    refused('read');

    await probot.receive({ id: 'c-init-reader', name: 'issue_comment', payload: comment('/planbot init') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PERMISSION}`, 'POST /repos/acme/web/issues/7/comments']);
  });

  it('explains that init belongs in a pull request when written in a phase issue', async () => {
    const { probot } = app();
    acknowledged('confused', { replyOn: 12 });
    const requests = recordRequests();

    await probot.receive({ id: 'c-init-issue', name: 'issue_comment', payload: comment('/planbot init', PHASE_ISSUE) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(replyBody(requests, 12)).toBe(
      '@octocat `/planbot init`: it works in a pull request: it commits the plan skeleton to the pull request’s branch.',
    );
  });
});

describe('/planbot help and unknown commands', () => {
  it('answers help with the command list, for anyone, without a permission check or reactions', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    replyTo(7);

    await probot.receive({ id: 'c-help', name: 'issue_comment', payload: comment('/planbot help') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, 'POST /repos/acme/web/issues/7/comments']);
    expect(requests[2].body).toEqual({ body: `@octocat ${helpText()}` });
  });

  it('answers an unknown command with the help text naming it', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    replyTo(12);

    await probot.receive({ id: 'c-unknown', name: 'issue_comment', payload: comment('/planbot deploy', PHASE_ISSUE) });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.at(-1)!.body).toEqual({ body: `@octocat ${helpText(['deploy'])}` });
  });
});

describe('spam and fairness (issue 13)', () => {
  it('20 `/planbot help` comments from one person on one issue get one reply; the rest are counted', async () => {
    const metrics = (await import('../../src/metrics/registry.js')).createMetrics({ defaultMetrics: false });
    const { createTestApp } = await import('../helpers/probot.js');
    const { probot } = createTestApp({ env: { ...process.env, BOT_LOGIN: 'planbot[bot]' }, metrics });
    const requests = recordRequests();
    for (let i = 0; i < 20; i++) noConfig();
    replyTo(7);
    for (let i = 0; i < 20; i++) await probot.receive({ id: `c-help-${i}`, name: 'issue_comment', payload: comment('/planbot help') });
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(1);
    expect(await metrics.registry.metrics()).toContain('planbot_command_replies_dropped_total{reason="help-per-person"} 19');
  });

  it('a person without access gets one refusal per issue per hour, however often they ask', async () => {
    const { probot } = app();
    const requests = recordRequests();
    for (let i = 0; i < 3; i++) {
      noConfig();
      role('read');
    }
    replyTo(7);
    for (let i = 0; i < 3; i++) await probot.receive({ id: `c-refused-${i}`, name: 'issue_comment', payload: comment('/planbot sync') });
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/repos/acme/web/issues/7/comments']);
    expect(syncPullRequest).not.toHaveBeenCalled();
  });

  it('a permanent refusal from GitHub is replied as such: what failed, and that retrying will not help', async () => {
    const { RequestError } = await import('@octokit/request-error');
    syncPullRequest.mockRejectedValueOnce(
      new RequestError('Validation Failed', 422, {
        request: { method: 'POST', url: 'https://api.github.com/repos/acme/web/issues', headers: {} },
        response: { status: 422, url: '', headers: {}, data: { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'body', code: 'custom', message: 'body is too long (maximum is 65536 characters)' }] } },
      }),
    );
    const { probot } = app();
    const requests = recordRequests();
    acknowledged('confused', { replyOn: 7 });
    await probot.receive({ id: 'c-sync-422', name: 'issue_comment', payload: comment('/planbot sync') });
    const body = replyBody(requests)!;
    expect(body).toContain('422');
    expect(body).toContain('body is too long');
    expect(body).toContain('Retrying will not help');
    expect(body).not.toMatch(/try again in a moment/i);
  });

  it('`/planbot sync` while another replica syncs the feature really retries, and succeeds once it is free', async () => {
    const { setBusyDelays } = await import('../../src/commands/while-busy.js');
    setBusyDelays([10, 10, 10]);
    try {
      const busy = () => new Error('feature acme/web#001-user-auth@specs/001-user-auth/plan.md is still being synced elsewhere after 1000 ms; will retry');
      syncPullRequest.mockRejectedValueOnce(busy()).mockRejectedValueOnce(busy());
      const { probot } = app();
      const requests = recordRequests();
      acknowledged('rocket');
      await probot.receive({ id: 'c-sync-busy', name: 'issue_comment', payload: comment('/planbot sync') });
      expect(syncPullRequest).toHaveBeenCalledTimes(3);
      expect(replyBody(requests)).toBeUndefined();
      expect(nock.pendingMocks()).toEqual([]);
    } finally {
      setBusyDelays([2_000, 5_000, 10_000]);
    }
  });

  it('if the feature stays busy, the reply says the sync did not run, never that it will retry', async () => {
    const { setBusyDelays } = await import('../../src/commands/while-busy.js');
    setBusyDelays([5]);
    try {
      const busy = () => new Error('feature x is still being synced elsewhere after 1000 ms; will retry');
      syncPullRequest.mockRejectedValueOnce(busy()).mockRejectedValueOnce(busy());
      const { probot } = app();
      const requests = recordRequests();
      acknowledged('confused', { replyOn: 7 });
      await probot.receive({ id: 'c-sync-still-busy', name: 'issue_comment', payload: comment('/planbot sync') });
      const body = replyBody(requests)!;
      expect(body).toContain('did not start');
      expect(body).not.toMatch(/will retry/);
    } finally {
      setBusyDelays([2_000, 5_000, 10_000]);
    }
  });
});

describe('comments planbot does not act on: zero requests', () => {
  it.each([
    ['a command in a fenced code block', '```\n/planbot sync\n```'],
    ['a command in a quote', '> /planbot sync\n\nWhy did this run?'],
    ['a command mid-sentence', 'I will run /planbot sync later'],
    ['no command at all', 'LGTM'],
  ])('%s', async (_name, comment) => {
    const { probot } = app();
    const requests = recordRequests();
    await probot.receive({ id: 'c-ignored', name: 'issue_comment', payload: issueCommentPayload({ comment, issue: PULL }) });
    expect(requests).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it('a comment by a bot, including planbot itself', async () => {
    const { probot } = app();
    const requests = recordRequests();
    const other = { login: 'renovate[bot]', id: 2, type: 'Bot' };
    await probot.receive({ id: 'c-bot', name: 'issue_comment', payload: issueCommentPayload({ comment: '/planbot sync', issue: PULL, sender: other }) });
    await probot.receive({ id: 'c-self', name: 'issue_comment', payload: issueCommentPayload({ comment: '/planbot sync', issue: PULL, sender: BOT }) });
    expect(requests).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it('a command on an issue that is neither a pull request nor planbot’s', async () => {
    const { probot } = app();
    const requests = recordRequests();
    await probot.receive({
      id: 'c-plain-issue',
      name: 'issue_comment',
      payload: issueCommentPayload({ comment: '/planbot sync', issue: { number: 40, body: 'Bug report', user: HUMAN } }),
    });
    // A marker pasted into someone else's issue does not make it planbot's.
    await probot.receive({
      id: 'c-forged',
      name: 'issue_comment',
      payload: issueCommentPayload({ comment: '/planbot sync', issue: { ...PHASE_ISSUE, user: HUMAN } }),
    });
    expect(requests).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it('only reads the config when commands are turned off', async () => {
    const { probot } = app();
    const requests = recordRequests();
    nock(API).get(CONFIG).reply(...rawReply('commands:\n  enabled: false\n'));
    await probot.receive({ id: 'c-off', name: 'issue_comment', payload: comment('/planbot sync') });
    expect(lines(requests)).toEqual([`GET ${CONFIG}`]);
    expect(syncPullRequest).not.toHaveBeenCalled();
  });
});
