// A secondary rate limit on a write is waited out inside the boundary, not dropped: with Probot's
// throttling plugin ON (write spacing zero so the test is quick), GitHub answers the first issue
// create with a secondary limit (403 or 429 with retry-after) and the create is sent once more and
// succeeds once. Without a retry (Probot 14's default), the refusal reaches the caller (the job,
// whose queue retries it: test/sync/rate-limit.test.ts shows the retry makes no duplicates).
import { beforeEach, describe, expect, it } from '@jest/globals';
import Bottleneck from 'bottleneck';
import nock from 'nock';
import pino from 'pino';
import { Probot } from 'probot';
import { octokitGitHub, type Octokit } from '../../src/github/octokit-github.js';
import { resetNock, testOctokit } from '../helpers/probot.js';

const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const WHERE = { owner: 'acme', repo: 'web' };
const ISSUE = { title: 'Phase 1', body: 'tasks', labels: ['planbot'], assignees: [], milestone: null };

async function throttledGitHub(limited: Array<{ retryAfter: number; route: string }>, retrySecondary: boolean) {
  const group = (options: Bottleneck.ConstructorOptions) => new Bottleneck.Group(options);
  const probot = new Probot({
    githubToken: 'test-token',
    log: pino({ level: 'silent' }),
    Octokit: testOctokit({
      throttle: {
        enabled: true,
        // retry-after is in seconds; scale it down so "1 second" takes 10 ms here.
        retryAfterBaseValue: 10,
        global: group({ maxConcurrent: 10 }),
        write: group({ maxConcurrent: 1, minTime: 0 }),
        notifications: group({ maxConcurrent: 1, minTime: 0 }),
        onSecondaryRateLimit: (retryAfter: number, options: { method: string; url: string }) => {
          limited.push({ retryAfter, route: `${options.method} ${options.url}` });
          return retrySecondary;
        },
        onRateLimit: () => true,
      },
    }),
  });
  return octokitGitHub((await probot.auth()) as unknown as Octokit);
}

/** GitHub: the first create is limited with `status`, later ones succeed. Returns the statuses answered. */
function issuesEndpoint(status: number): number[] {
  const answered: number[] = [];
  nock('https://api.github.com')
    .post('/repos/acme/web/issues')
    .reply(() => (answered.push(status), [status, { message: SECONDARY }, { 'retry-after': '1' }]))
    .post('/repos/acme/web/issues')
    .reply(() => (answered.push(201), [201, { id: 5011, number: 11, title: 'Phase 1', body: 'tasks', state: 'open', labels: [{ name: 'planbot' }], html_url: 'https://github.com/acme/web/issues/11' }]));
  return answered;
}

beforeEach(resetNock);

describe('secondary rate limits at the boundary', () => {
  for (const status of [403, 429]) {
    it(`a ${status} with retry-after on an issue create is waited out and the create succeeds once`, async () => {
      const answered = issuesEndpoint(status);
      const limited: Array<{ retryAfter: number; route: string }> = [];
      const github = await throttledGitHub(limited, true);

      const created = await github.createIssue(WHERE, ISSUE);

      expect(created).toMatchObject({ number: 11, title: 'Phase 1' });
      expect(limited).toEqual([{ retryAfter: 1, route: 'POST /repos/{owner}/{repo}/issues' }]);
      expect(answered).toEqual([status, 201]);
    });
  }

  it("with Probot 14's default (no retry on a secondary limit) the refusal reaches the caller, and nothing more is sent", async () => {
    const answered = issuesEndpoint(403);
    const limited: Array<{ retryAfter: number; route: string }> = [];
    const github = await throttledGitHub(limited, false);

    await expect(github.createIssue(WHERE, ISSUE)).rejects.toMatchObject({ status: 403 });
    expect(answered).toEqual([403]);
    expect(limited).toHaveLength(1);
  });
});
