import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import pino from 'pino';
import { Probot } from 'probot';
import { PlanbotOctokit, SECONDARY_LIMIT_RETRIES, secondaryLimitPolicy } from '../../src/github/octokit.js';
import { resetNock } from '../helpers/probot.js';

const SECONDARY = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };

/** planbot's Octokit as Probot builds it, with retry-after counted in milliseconds to keep the test fast. */
async function octokitAsProbotBuildsIt() {
  const probot = new Probot({
    githubToken: 'test-token',
    log: pino({ level: 'silent' }),
    Octokit: PlanbotOctokit.defaults((options: any) => ({
      ...options,
      retry: { enabled: false },
      throttle: { ...options.throttle, retryAfterBaseValue: 1 },
    })) as typeof PlanbotOctokit,
  });
  return probot.auth();
}

describe('PlanbotOctokit', () => {
  beforeEach(resetNock);

  it('waits out a secondary rate limit and sends the write once more, not the whole job', async () => {
    const bodies: unknown[] = [];
    nock('https://api.github.com')
      .post('/repos/acme/web/issues', (body) => (bodies.push(body), true))
      .reply(403, SECONDARY, { 'retry-after': '2' })
      .post('/repos/acme/web/issues', (body) => (bodies.push(body), true))
      .reply(201, { number: 5 });
    const octokit = await octokitAsProbotBuildsIt();
    const { status, data } = await octokit.rest.issues.create({ owner: 'acme', repo: 'web', title: 'Phase 1' });
    expect([status, data]).toEqual([201, { number: 5 }]);
    expect(bodies).toEqual([{ title: 'Phase 1' }, { title: 'Phase 1' }]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  // Reads: no write spacing from the throttle, so the retries below cost no wall time.

  it(`gives up after ${SECONDARY_LIMIT_RETRIES} retries and lets the error reach the queue`, async () => {
    let calls = 0;
    nock('https://api.github.com')
      .get('/repos/acme/web/issues/1')
      .times(SECONDARY_LIMIT_RETRIES + 2)
      .reply(() => (calls++, [403, SECONDARY, { 'retry-after': '1' }]));
    const octokit = await octokitAsProbotBuildsIt();
    await expect(octokit.rest.issues.get({ owner: 'acme', repo: 'web', issue_number: 1 })).rejects.toMatchObject({ status: 403 });
    expect(calls).toBe(SECONDARY_LIMIT_RETRIES + 1);
  });

  it('leaves long waits to the queue', () => {
    expect(secondaryLimitPolicy(60, 0)).toBe(true);
    expect(secondaryLimitPolicy(600, 0)).toBe(false);
    expect(secondaryLimitPolicy(1, SECONDARY_LIMIT_RETRIES)).toBe(false);
  });
});
