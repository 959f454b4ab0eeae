import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';

// The feature modules are replaced by recorders: these tests are about which of them an event reaches.
const reached: string[] = [];
const recorder = (name: string) => async () => void reached.push(name);
jest.unstable_mockModule('../../src/checks/handle.js', () => ({
  onPullRequest: recorder('checks.onPullRequest'),
  onReview: recorder('checks.onReview'),
  onRerequested: recorder('checks.onRerequested'),
  onExternalCheck: recorder('checks.onExternalCheck'),
  onMergeGroup: recorder('checks.onMergeGroup'),
}));
jest.unstable_mockModule('../../src/sync/handle.js', () => ({ onPush: recorder('sync.onPush'), onPullRequest: recorder('sync.onPullRequest') }));
jest.unstable_mockModule('../../src/skeleton/handle.js', () => ({ onBranchCreated: recorder('skeleton.onBranchCreated') }));

const { ProbotOctokit } = await import('probot');
const { appIdentity, botLoginOf, LOOKUP_RETRY_MS } = await import('../../src/app/self.js');
const { isOwnEvent, isSelf } = await import('../../src/job/identity.js');
const { createTestApp, recordRequests, resetNock } = await import('../helpers/probot.js');
const { webhookExample } = await import('../helpers/webhook-examples.js');
const { BOT, HUMAN } = await import('../helpers/payloads-interact.js');

const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
const app = { auth: async () => new Octokit({ auth: 'app-jwt' }) } as any;
const silent = { warn: () => undefined };

describe('isSelf', () => {
  it('is true only for a Bot sender with planbot’s login (case-insensitive)', () => {
    expect(isSelf({ login: 'planbot[bot]', type: 'Bot' }, 'planbot[bot]')).toBe(true);
    expect(isSelf({ login: 'PlanBot[bot]', type: 'Bot' }, 'planbot[bot]')).toBe(true);
    expect(isSelf({ login: 'github-actions[bot]', type: 'Bot' }, 'planbot[bot]')).toBe(false);
    // A user cannot be the bot, whatever their name.
    expect(isSelf({ login: 'planbot[bot]', type: 'User' }, 'planbot[bot]')).toBe(false);
    expect(isSelf({ login: 'planbot[bot]', type: 'Bot' }, null)).toBe(false);
    expect(isSelf(undefined, 'planbot[bot]')).toBe(false);
  });

  it('normalises a slug to the bot login', () => {
    expect(botLoginOf('planbot')).toBe('planbot[bot]');
    expect(botLoginOf(' planbot[bot] ')).toBe('planbot[bot]');
  });
});

describe('appIdentity', () => {
  beforeEach(resetNock);

  it('uses BOT_LOGIN without any request', async () => {
    const identity = appIdentity(app, silent, { BOT_LOGIN: 'my-planbot' });
    await expect(identity.login()).resolves.toBe('my-planbot[bot]');
  });

  it('otherwise learns the slug from GET /app once per process', async () => {
    const scope = nock('https://api.github.com').get('/app').once().reply(200, { id: 1, slug: 'acme-planbot' });
    const identity = appIdentity(app, silent, {});
    const [first, second] = await Promise.all([identity.login(), identity.login()]);
    expect([first, second, await identity.login()]).toEqual(['acme-planbot[bot]', 'acme-planbot[bot]', 'acme-planbot[bot]']);
    expect(scope.isDone()).toBe(true);
  });

  it('logs a failed lookup, answers null, and tries again only after the retry delay', async () => {
    let clock = 0;
    const warnings: string[] = [];
    const identity = appIdentity(app, { warn: (_obj: unknown, msg?: string) => warnings.push(String(msg)) } as any, {}, () => clock);
    nock('https://api.github.com').get('/app').reply(401, { message: 'A JSON web token could not be decoded' });
    await expect(identity.login()).resolves.toBeNull();
    clock += LOOKUP_RETRY_MS - 1;
    await expect(identity.login()).resolves.toBeNull(); // no request: nock would fail an unmatched one
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('BOT_LOGIN');
    clock += 1;
    nock('https://api.github.com').get('/app').reply(200, { slug: 'planbot' });
    await expect(identity.login()).resolves.toBe('planbot[bot]');
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('isOwnEvent', () => {
  beforeEach(resetNock);

  it('never looks the login up for human senders', async () => {
    let lookups = 0;
    const identity = { login: async () => (lookups++, 'planbot[bot]') };
    await expect(isOwnEvent({ sender: { login: 'octocat', type: 'User' } }, identity)).resolves.toBe(false);
    await expect(isOwnEvent({}, identity)).resolves.toBe(false);
    expect(lookups).toBe(0);
    await expect(isOwnEvent({ sender: { login: 'planbot[bot]', type: 'Bot' } }, identity)).resolves.toBe(true);
    await expect(isOwnEvent({ sender: { login: 'dependabot[bot]', type: 'Bot' } }, identity)).resolves.toBe(false);
    expect(lookups).toBe(2);
  });
});

describe('dispatch: planbot’s own events trigger nothing further', () => {
  beforeEach(() => {
    resetNock();
    reached.length = 0;
  });
  const app = () => createTestApp({ env: { ...process.env, BOT_LOGIN: 'planbot[bot]' } });
  const push = (sender: object) => ({ ...webhookExample('push', (p) => p.ref.startsWith('refs/heads/')), created: false, deleted: false, sender });
  const synchronize = (sender: object) => ({ ...webhookExample('pull_request', (p) => p.action === 'synchronize'), sender });

  it('planbot’s own commit: the push reaches nothing and costs no request', async () => {
    const { probot } = app();
    const requests = recordRequests();
    await probot.receive({ id: 'p-own', name: 'push', payload: push(BOT) as any });
    expect(reached).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('the pull request synchronize of that commit still gets check runs, but no issue sync', async () => {
    const { probot } = app();
    await probot.receive({ id: 's-own', name: 'pull_request', payload: synchronize(BOT) as any });
    expect(reached).toEqual(['checks.onPullRequest']);
  });

  it('a person’s push and synchronize reach the checks and the sync as usual', async () => {
    const { probot } = app();
    await probot.receive({ id: 'p-human', name: 'push', payload: push(HUMAN) as any });
    await probot.receive({ id: 's-human', name: 'pull_request', payload: synchronize(HUMAN) as any });
    expect(reached).toEqual(['sync.onPush', 'checks.onPullRequest', 'sync.onPullRequest']);
  });

  it('another bot’s push (github-actions) is not planbot’s own', async () => {
    const { probot } = app();
    await probot.receive({ id: 'p-actions', name: 'push', payload: push({ login: 'github-actions[bot]', id: 41898282, type: 'Bot' }) as any });
    expect(reached).toEqual(['sync.onPush']);
  });

  it('without BOT_LOGIN, learns the login from GET /app once, on the first bot-sent event', async () => {
    const { probot } = createTestApp({ env: { ...process.env, BOT_LOGIN: '' } });
    const requests = recordRequests();
    nock('https://api.github.com').get('/app').once().reply(200, { id: 1, slug: 'planbot' });
    await probot.receive({ id: 'p-own-1', name: 'push', payload: push(BOT) as any });
    await probot.receive({ id: 'p-own-2', name: 'push', payload: push(BOT) as any });
    await probot.receive({ id: 'p-human-2', name: 'push', payload: push(HUMAN) as any });
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /app']);
    expect(reached).toEqual(['sync.onPush']);
  });
});
