import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ProbotOctokit } from 'probot';
import { appIdentity, botLoginOf, isOwnEvent, isSelf, LOOKUP_RETRY_MS, useSelfIdentity } from '../../src/app/self.js';
import { resetNock } from '../helpers/probot.js';

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
    useSelfIdentity({ login: async () => (lookups++, 'planbot[bot]') });
    await expect(isOwnEvent({ sender: { login: 'octocat', type: 'User' } })).resolves.toBe(false);
    await expect(isOwnEvent({})).resolves.toBe(false);
    expect(lookups).toBe(0);
    await expect(isOwnEvent({ sender: { login: 'planbot[bot]', type: 'Bot' } })).resolves.toBe(true);
    await expect(isOwnEvent({ sender: { login: 'dependabot[bot]', type: 'Bot' } })).resolves.toBe(false);
    expect(lookups).toBe(2);
  });
});
