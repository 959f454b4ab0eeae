// Issue 13: a permanent refusal (GitHub 4xx other than rate limits) of one write in the middle of
// an issue sync. The sync's other writes still go out; the refusal is shown on the head's
// `planbot / plan` check with GitHub's reason, and the job is given up, not retried (the same
// write would be refused again). The real app over the in-memory GitHub.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTestApp, resetNock } from '../helpers/probot.js';
import { HEAD_SHA, pullRequestPayload } from '../helpers/payloads-checks.js';
import { resetUnsupportedNotes } from '../../src/github/issues-api-support.js';
import { decide } from '../../src/queue/retry-policy.js';
import { interactApp } from '../helpers/interact-nock.js';
import { HUMAN, issueCommentPayload } from '../helpers/payloads-interact.js';
import { MemoryGitHub, WRITE_METHODS } from '../helpers/memory-github.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const BRANCH = '001-user-auth';
const PLAN = readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8');
const NEW_HEAD = 'b'.repeat(40);
const RENAMED = PLAN.replace('### Phase 0: Research & Design', '### Phase 0: Discovery').replace('### Phase 1: Foundation', '### Phase 1: Groundwork').replace('### Phase 2: Core Implementation', '### Phase 2: Core');
const REFUSAL = { message: 'Validation Failed', errors: [{ resource: 'Issue', field: 'title', code: 'custom', message: 'title is not allowed here' }] };

let ids = 0;
function prDelivery(fake: MemoryGitHub, action: 'opened' | 'synchronize', headSha?: string) {
  const payload = pullRequestPayload(action, { number: 7, headRef: BRANCH, headSha });
  payload.repository.html_url = 'https://github.com/acme/web';
  fake.pointBranch(BRANCH, payload.pull_request.head.sha);
  return { id: `refused-${++ids}`, name: 'pull_request', payload } as any;
}

/** acme/web with the plan on the pull request's branch; issues numbered from 11. */
function repository(): MemoryGitHub {
  const fake = new MemoryGitHub({ firstNumber: 11 }).setConfig('checks:\n  enabled: false\n').createBranch(BRANCH).setFile(PLAN_PATH, PLAN, BRANCH);
  const repo = { id: 1, full_name: 'acme/web' };
  fake.addPull({ number: 7, user: HUMAN, head: { ref: BRANCH, sha: HEAD_SHA, repo }, base: { ref: 'main', sha: 'c'.repeat(40), repo } }, [PLAN_PATH]);
  return fake;
}

/** GitHub refuses the update of #12 every time it is sent. */
const refuseIssue12 = (fake: MemoryGitHub) => fake.fail('updateIssue', 422, { errors: REFUSAL.errors, times: 10, match: (args) => args[1] === 12 });

beforeEach(() => {
  resetNock();
  resetUnsupportedNotes();
});

describe('a write GitHub refuses for good, in the middle of a sync', () => {
  it('the other writes still apply, the plan check shows the reason, and the job is not retried', async () => {
    const fake = repository();
    const { probot, logs } = createTestApp({ github: () => fake });
    await probot.receive(prDelivery(fake, 'opened'));
    expect(fake.issues.map((issue) => issue.number)).toEqual([11, 12, 13, 14]);

    // Three phases renamed: three phase issues and the tracking issue to update. GitHub refuses
    // the second update every time it is sent.
    fake.setFile(PLAN_PATH, RENAMED, BRANCH);
    refuseIssue12(fake);
    const run = fake.addCheckRun({ name: 'planbot / plan', headSha: NEW_HEAD, app: { id: fake.appId }, output: { title: 'Plan complete', summary: '## Plan completeness', text: null, annotations_count: 0 } });
    fake.calls = [];

    const delivery = prDelivery(fake, 'synchronize', NEW_HEAD);
    const error = await probot.receive(delivery).then(
      () => null,
      (failure: any) => failure,
    );

    // Every write was sent once, in order; only the refused one failed.
    expect(fake.lines((call) => WRITE_METHODS.has(call.method))).toEqual([
      'updateIssue 11',
      'updateIssue 12 → error', // the 422
      'updateIssue 13',
      'updateIssue 14',
      `updateCheckRun ${run.id}`,
    ]);
    expect(fake.issue(11).title).toBe('001-user-auth · Phase 0: Discovery');
    expect(fake.issue(12).title).toBe('001-user-auth · Phase 1: Foundation');
    expect(fake.issue(13).title).toBe('001-user-auth · Phase 2: Core');
    expect(fake.issue(14).body).toContain('Phase 2: Core');
    // Shown where people look: the plan check fails with GitHub's reason.
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
    const fake = repository();
    fake.permissions.set('octocat', { permission: 'write', role_name: 'write' });
    const { probot } = interactApp({ github: () => fake });
    await probot.receive(prDelivery(fake, 'opened'));
    // A push moved the branch (and the pull request's head) to a renamed plan.
    fake.setFile(PLAN_PATH, RENAMED, BRANCH).pointBranch(BRANCH, NEW_HEAD);
    fake.pulls[0].head.sha = NEW_HEAD;
    refuseIssue12(fake);
    fake.calls = [];

    const payload = issueCommentPayload({ comment: '/planbot sync', issue: { number: 7, body: 'Adds login.', pullRequest: true, user: HUMAN } });
    await probot.receive({ id: `refused-${++ids}`, name: 'issue_comment', payload } as any).catch(() => undefined);

    expect(fake.lines((call) => call.method === 'updateIssue')).toEqual(['updateIssue 11', 'updateIssue 12 → error', 'updateIssue 13', 'updateIssue 14']);
    expect(fake.issue(13).title).toBe('001-user-auth · Phase 2: Core');
    const replies = fake.comments.filter((comment) => comment.issue === 7).map((comment) => comment.body);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('GitHub refused a write with 422 (Validation Failed: title custom title is not allowed here)');
    expect(replies[0]).toContain('Retrying will not help');
  });
});
