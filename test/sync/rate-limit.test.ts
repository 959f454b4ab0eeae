// A secondary rate limit is waited out, not dropped. The other tests run with throttling off so
// nock sees each request once; here Probot's throttling plugin is ON (with its write spacing set
// to zero so the test is quick) and GitHub answers the first issue create with a secondary limit.
import { beforeEach, describe, expect, it } from '@jest/globals';
import Bottleneck from 'bottleneck';
import { Probot } from 'probot';
import pino from 'pino';
import { readFileSync } from 'node:fs';
import { createPlanbot } from '../../src/app/index.js';
import { InlineQueue } from '../../src/queue/inline-queue.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { resetNock, testOctokit } from '../helpers/probot.js';
import { pullRequestPayload } from '../helpers/payloads-checks.js';
import { FakeGitHub } from './fake-github.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

function throttledApp(limited: Array<{ retryAfter: number; route: string }>, retrySecondary: boolean): Probot {
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
  probot.load(createPlanbot({ createQueue: (processor) => new InlineQueue(processor), metrics: createMetrics({ defaultMetrics: false }) }));
  return probot;
}

function repository(): FakeGitHub {
  const fake = new FakeGitHub({ firstNumber: 11 }).install();
  fake.config = 'checks:\n  enabled: false\n';
  fake.files.set(PLAN_PATH, readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8'));
  fake.pullFiles.set(7, [PLAN_PATH]);
  return fake;
}

function delivery() {
  const payload = pullRequestPayload('opened', { number: 7, headRef: '001-user-auth' });
  payload.repository.html_url = 'https://github.com/acme/web';
  return { id: 'rate-limited-1', name: 'pull_request', payload } as any;
}

beforeEach(resetNock);

describe('secondary rate limits', () => {
  for (const status of [403, 429]) {
    it(`a ${status} with retry-after on an issue create is waited out and the create happens exactly once`, async () => {
      const fake = repository();
      fake.faults.push({ method: 'POST', path: /^\/repos\/acme\/web\/issues$/, status, headers: { 'retry-after': '1' }, body: { message: SECONDARY } });
      const limited: Array<{ retryAfter: number; route: string }> = [];

      await throttledApp(limited, true).receive(delivery());

      expect(limited).toEqual([{ retryAfter: 1, route: 'POST /repos/{owner}/{repo}/issues' }]);
      expect(fake.lines((request) => request.method === 'POST' && request.path === '/repos/acme/web/issues')).toEqual([
        `POST /repos/acme/web/issues → ${status}`,
        'POST /repos/acme/web/issues',
        'POST /repos/acme/web/issues',
        'POST /repos/acme/web/issues',
        'POST /repos/acme/web/issues',
      ]);
      expect(fake.issues.map((issue) => issue.title)).toEqual([
        '001-user-auth · Phase 0: Research & Design',
        '001-user-auth · Phase 1: Foundation',
        '001-user-auth · Phase 2: Core Implementation',
        '001-user-auth: implementation plan',
      ]);
      expect(fake.issue(14).subIssues).toEqual([11, 12, 13]);
    });
  }

  it("with Probot 14's default (no retry on a secondary limit) the job fails loudly, and its retry finishes without duplicates", async () => {
    const fake = repository();
    fake.faults.push({ method: 'POST', path: /^\/repos\/acme\/web\/issues$/, status: 403, headers: { 'retry-after': '1' }, body: { message: SECONDARY }, times: 1 });
    const limited: Array<{ retryAfter: number; route: string }> = [];
    const probot = throttledApp(limited, false);
    const first = delivery();
    // The error (with its retry-after) reaches the queue, whose retry policy waits it out.
    await expect(probot.receive(first)).rejects.toMatchObject({ errors: [expect.objectContaining({ status: 403 })] });
    expect(fake.issues).toEqual([]);

    await probot.receive(first);
    expect(fake.issues.map((issue) => issue.title)).toHaveLength(4);
    expect(fake.lines((request) => request.method === 'POST' && request.path === '/repos/acme/web/issues')).toHaveLength(5);
  });
});
