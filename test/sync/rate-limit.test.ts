// A secondary rate limit that reaches the job (Probot 14 does not retry it inside Octokit) fails
// the delivery loudly, and the queue's retry of it finishes the sync without duplicates. The real
// app over the in-memory GitHub; waiting a limit out inside Octokit is the boundary's behaviour
// (test/github/secondary-rate-limit.test.ts).
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTestApp, resetNock } from '../helpers/probot.js';
import { HEAD_SHA, pullRequestPayload } from '../helpers/payloads-checks.js';
import { MemoryGitHub } from '../helpers/memory-github.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const BRANCH = '001-user-auth';
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

function repository(): MemoryGitHub {
  const github = new MemoryGitHub({ firstNumber: 11 }).setConfig('checks:\n  enabled: false\n').createBranch(BRANCH);
  github.setFile(PLAN_PATH, readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8'), BRANCH).pointBranch(BRANCH, HEAD_SHA);
  github.addPull({ number: 7, head: { ref: BRANCH, sha: HEAD_SHA } }, [PLAN_PATH]);
  return github;
}

function delivery() {
  const payload = pullRequestPayload('opened', { number: 7, headRef: BRANCH });
  payload.repository.html_url = 'https://github.com/acme/web';
  return { id: 'rate-limited-1', name: 'pull_request', payload } as any;
}

beforeEach(resetNock);

describe('secondary rate limits', () => {
  it('a limit on an issue create fails the job loudly, and its retry finishes without duplicates', async () => {
    const github = repository();
    github.fail('createIssue', 403, { message: SECONDARY, headers: { 'retry-after': '1' } });
    const { probot } = createTestApp({ github: () => github });
    const first = delivery();
    // The error (with its retry-after) reaches the queue, whose retry policy waits it out.
    await expect(probot.receive(first)).rejects.toMatchObject({ errors: [expect.objectContaining({ status: 403 })] });
    expect(github.issues).toEqual([]);
    expect(github.lines((call) => call.method === 'createIssue')).toEqual(['createIssue → error']);

    await probot.receive(first);
    expect(github.issues.map((issue) => issue.title)).toEqual([
      '001-user-auth · Phase 0: Research & Design',
      '001-user-auth · Phase 1: Foundation',
      '001-user-auth · Phase 2: Core Implementation',
      '001-user-auth: implementation plan',
    ]);
    expect(github.issue(14).subIssues).toEqual([11, 12, 13]);
    expect(github.lines((call) => call.method === 'createIssue')).toEqual(['createIssue → error', ...Array(4).fill('createIssue')]);
  });
});
