// Issue 13: a permanent refusal (GitHub 4xx other than rate limits) of one write in the middle of
// an issue sync. The sync's other writes still go out; the refusal is shown on the head's
// `planbot / plan` check with GitHub's reason, and the job is given up, not retried (the same
// write would be refused again).
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTestApp, resetNock } from '../helpers/probot.js';
import { pullRequestPayload } from '../helpers/payloads-checks.js';
import { resetUnsupportedNotes } from '../../src/github/issues-api-support.js';
import { decide } from '../../src/queue/retry-policy.js';
import { interactApp } from '../helpers/interact-nock.js';
import { HUMAN, issueCommentPayload } from '../helpers/payloads-interact.js';
import { FakeGitHub } from './fake-github.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const PLAN = readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8');
const NEW_HEAD = 'b'.repeat(40);
const RENAMED = PLAN.replace('### Phase 0: Research & Design', '### Phase 0: Discovery').replace('### Phase 1: Foundation', '### Phase 1: Groundwork').replace('### Phase 2: Core Implementation', '### Phase 2: Core');
const REFUSAL = { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'title', code: 'custom', message: 'title is not allowed here' }] };

let ids = 0;
function prDelivery(fake: FakeGitHub, action: 'opened' | 'synchronize', headSha?: string) {
  const payload = pullRequestPayload(action, { number: 7, headRef: '001-user-auth', headSha });
  payload.repository.html_url = 'https://github.com/acme/web';
  fake.branchHeads.set('001-user-auth', payload.pull_request.head.sha);
  return { id: `refused-${++ids}`, name: 'pull_request', payload } as any;
}

beforeEach(() => {
  resetNock();
  resetUnsupportedNotes();
});

describe('a write GitHub refuses for good, in the middle of a sync', () => {
  it('the other writes still apply, the plan check shows the reason, and the job is not retried', async () => {
    const fake = new FakeGitHub({ firstNumber: 11 }).install();
    fake.config = 'checks:\n  enabled: false\n';
    fake.files.set(PLAN_PATH, PLAN);
    fake.pullFiles.set(7, [PLAN_PATH]);
    const { probot, logs } = createTestApp();
    await probot.receive(prDelivery(fake, 'opened'));
    expect(fake.issues.map((issue) => issue.number)).toEqual([11, 12, 13, 14]);

    // Three phases renamed: three phase issues and the tracking issue to update. GitHub refuses
    // the second update every time it is sent.
    fake.files.set(PLAN_PATH, RENAMED);
    fake.faults.push({ method: 'PATCH', path: /\/issues\/12$/, status: 422, body: REFUSAL, times: 10 });
    fake.checkRuns.push({ id: 900, name: 'planbot / plan', head_sha: NEW_HEAD, status: 'completed', conclusion: 'success', output: { title: 'Plan complete', summary: '## Plan completeness' } });
    fake.log = [];

    const delivery = prDelivery(fake, 'synchronize', NEW_HEAD);
    const error = await probot.receive(delivery).then(
      () => null,
      (failure: any) => failure,
    );

    // Every write was sent once, in order; only the refused one failed.
    expect(fake.lines((request) => request.method !== 'GET')).toEqual([
      'PATCH /repos/acme/web/issues/11',
      'PATCH /repos/acme/web/issues/12 → 422',
      'PATCH /repos/acme/web/issues/13',
      'PATCH /repos/acme/web/issues/14',
      'PATCH /repos/acme/web/check-runs/900',
    ]);
    expect(fake.issue(11).title).toBe('001-user-auth · Phase 0: Discovery');
    expect(fake.issue(12).title).toBe('001-user-auth · Phase 1: Foundation');
    expect(fake.issue(13).title).toBe('001-user-auth · Phase 2: Core');
    expect(fake.issue(14).body).toContain('Phase 2: Core');
    // Shown where people look: the plan check fails with GitHub's reason.
    const run = fake.checkRuns[0];
    expect(run.conclusion).toBe('failure');
    expect(run.output.title).toBe('Issue sync refused (422) · Plan complete');
    expect(run.output.summary).toContain('GitHub answered **422**: Validation Failed: title custom title is not allowed here');
    expect(run.output.summary).toContain('Retrying will not help');
    // The job ends with the refusal, which the queue gives up on instead of retrying.
    const failure = (error as { errors?: unknown[] })?.errors?.[0] ?? error;
    expect(failure).toMatchObject({ status: 422 });
    expect(decide(failure, 1, { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000, maxRateLimitDelayMs: 3_600_000 })).toEqual({ kind: 'give-up', reason: 'client-error' });
    expect(logs.filter((line) => line.msg === 'issue sync stopped on a failed write; the job is retried')).toEqual([]);
  });

  it('`/planbot sync` meeting it: the other writes apply, and the reply says what failed and that retrying will not help', async () => {
    const fake = new FakeGitHub({ firstNumber: 11 }).install();
    fake.config = 'checks:\n  enabled: false\n';
    fake.files.set(PLAN_PATH, PLAN);
    fake.pullFiles.set(7, [PLAN_PATH]);
    const replies: string[] = [];
    const route = fake.handle.bind(fake);
    fake.handle = (method, uri, body, headers) => {
      const path = new URL(uri, 'https://api.github.com').pathname;
      if (path === '/repos/acme/web/collaborators/octocat/permission') return [200, { permission: 'write', role_name: 'write' }, {}];
      if (path.startsWith('/repos/acme/web/issues/comments/777/reactions')) return method === 'POST' ? [201, { id: 501, content: body.content }, {}] : [204, '', {}];
      if (path === '/repos/acme/web/issues/7/comments' && method === 'POST') return (replies.push(body.body), [201, { id: 900 }, {}]);
      if (path === '/repos/acme/web/pulls/7' && method === 'GET') {
        const repo = { id: 1, full_name: 'acme/web' };
        return [200, { number: 7, state: 'open', user: HUMAN, head: { ref: '001-user-auth', sha: NEW_HEAD, repo }, base: { ref: 'main', sha: 'c'.repeat(40), repo } }, {}];
      }
      return route(method, uri, body, headers);
    };
    const { probot } = interactApp();
    await probot.receive(prDelivery(fake, 'opened'));
    fake.files.set(PLAN_PATH, RENAMED);
    fake.branchHeads.set('001-user-auth', NEW_HEAD);
    fake.faults.push({ method: 'PATCH', path: /\/issues\/12$/, status: 422, body: REFUSAL, times: 10 });
    fake.log = [];

    const payload = issueCommentPayload({ comment: '/planbot sync', issue: { number: 7, body: 'Adds login.', pullRequest: true, user: HUMAN } });
    await probot.receive({ id: `refused-${++ids}`, name: 'issue_comment', payload } as any).catch(() => undefined);

    expect(fake.lines((request) => request.method === 'PATCH')).toEqual([
      'PATCH /repos/acme/web/issues/11',
      'PATCH /repos/acme/web/issues/12 → 422',
      'PATCH /repos/acme/web/issues/13',
      'PATCH /repos/acme/web/issues/14',
    ]);
    expect(fake.issue(13).title).toBe('001-user-auth · Phase 2: Core');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('GitHub refused a write with 422 (Validation Failed: title custom title is not allowed here)');
    expect(replies[0]).toContain('Retrying will not help');
  });
});
