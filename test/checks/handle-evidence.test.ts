// Evidence for gates end to end: reviews, changed files, other checks; and the events that
// re-evaluate them (reviews, check runs, statuses) at the smallest cost.
import './without-sync.js';
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ConditionalCache } from '../../src/github/conditional-requests.js';
import { HEAD_SHA, checkRunPayload, pullRequestPayload, pullRequestResource, reviewPayload, statusPayload } from '../helpers/payloads-checks.js';
import {
  API,
  CHECK_RUNS,
  REPO_CONFIG,
  contentsPath,
  createdRuns,
  fixture,
  mockCheckRunWrites,
  mockConfig,
  mockPlan,
  mockPullFiles,
  requestLines,
} from './github-mock.js';

const { createTestApp, recordRequests, resetNock } = await import('../helpers/probot.js');

const PATH = 'specs/001-user-auth/plan.md';
const FILES = 'GET /repos/acme/web/pulls/7/files?per_page=100';
const READ = `GET ${contentsPath(PATH)}?ref=${HEAD_SHA}`;
const REVIEWS = 'GET /repos/acme/web/pulls/7/reviews?per_page=100';
const RUNS = `GET /repos/acme/web/commits/${HEAD_SHA}/check-runs?filter=latest&per_page=100`;
const STATUS = `GET /repos/acme/web/commits/${HEAD_SHA}/status?per_page=100`;
const CREATE = `POST ${CHECK_RUNS}`;

const REVIEW_CONFIG = 'gates:\n  evidence:\n    code review:\n      review:\n        approvals: 2\n';
const CHECK_CONFIG = 'gates:\n  evidence:\n    Unit Tests:\n      check: coverage\n';
const FILES_CONFIG = 'gates:\n  evidence:\n    DOCUMENTATION:\n      files: ["README.md", "docs/**"]\n';

const review = (id: number, state: string) => ({ id: id * 10, user: { id, login: `user${id}` }, state });

function mockReviews(reviews: object[]): void {
  nock(API).get('/repos/acme/web/pulls/7/reviews').query({ per_page: '100' }).reply(200, reviews);
}

function mockCommitRuns(runs: object[]): void {
  nock(API)
    .get(`/repos/acme/web/commits/${HEAD_SHA}/check-runs`)
    .query({ filter: 'latest', per_page: '100' })
    .reply(200, { total_count: runs.length, check_runs: runs });
}

/** The check runs GitHub would list after planbot posted `bodies`. */
const asListed = (bodies: any[]) =>
  bodies.map((body, index) => ({
    id: index + 1,
    name: body.name,
    status: 'completed',
    conclusion: body.conclusion,
    external_id: body.external_id,
    output: { title: body.output.title, summary: body.output.summary, text: null, annotations_count: body.output.annotations?.length ?? 0 },
  }));

function mockPullRequestReads(options: { files?: string[]; etags?: boolean } = {}): void {
  mockPullFiles(7, options.files ?? [PATH], options.etags ? '"files-v1"' : undefined);
  mockPlan(PATH, fixture('complete-plan.md'), HEAD_SHA, options.etags ? '"plan-v1"' : undefined);
}

describe('gate evidence', () => {
  beforeEach(resetNock);

  it('review: counts each reviewer’s latest review; a claimed ✅ without enough approvals is flagged', async () => {
    const requests = recordRequests();
    mockConfig(REVIEW_CONFIG);
    mockPullRequestReads();
    mockReviews([review(1, 'APPROVED'), review(2, 'APPROVED'), review(2, 'DISMISSED'), review(3, 'COMMENTED'), review(1, 'COMMENTED')]);
    mockCheckRunWrites();

    await createTestApp().probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);

    // Reviews are fetched because a gate has review evidence; no check runs or statuses are.
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, READ, REVIEWS, CREATE, CREATE]);
    const gates = createdRuns(requests).get('planbot / quality gates');
    expect(gates.conclusion).toBe('failure');
    expect(gates.output.summary).toContain(
      '> [!WARNING]\n> The plan marks **Code Review** as passed, but the evidence does not support it: 1 of 2 required approvals.',
    );
    expect(gates.output.summary).toContain('| Code Review | All PRs reviewed | ⏳ pending | ✅ | 1 of 2 required approvals |');
    expect(gates.output.annotations).toEqual([
      {
        path: PATH,
        start_line: 66,
        end_line: 66,
        annotation_level: 'warning',
        title: 'gate-evidence-disagrees',
        message: 'The plan marks **Code Review** as passed, but the evidence does not support it: 1 of 2 required approvals.',
      },
    ]);
  });

  it('files: the gate passes when the pull request changes a matching file, at no extra request', async () => {
    const requests = recordRequests();
    mockConfig(FILES_CONFIG);
    mockPullRequestReads({ files: [PATH, 'docs/auth/sign-in.md'] });
    mockCheckRunWrites();
    await createTestApp().probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, READ, CREATE, CREATE]);
    const gates = createdRuns(requests).get('planbot / quality gates');
    expect(gates.conclusion).toBe('success');
    expect(gates.output.summary).toContain('| Documentation | README updated | ✅ pass | ✅ | changes `docs/auth/sign-in.md` |');
  });

  it('files: no matching change leaves the gate pending and flags the claimed ✅', async () => {
    const requests = recordRequests();
    mockConfig(FILES_CONFIG);
    mockPullRequestReads({ files: [PATH] });
    mockCheckRunWrites();
    await createTestApp().probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);
    const gates = createdRuns(requests).get('planbot / quality gates');
    expect(gates.conclusion).toBe('failure');
    expect(gates.output.summary).toContain('no changed file matches `README.md`, `docs/**`');
  });

  it('check: another check run’s failure fails the gate; the runs are listed once', async () => {
    const requests = recordRequests();
    mockConfig(CHECK_CONFIG);
    mockPullRequestReads();
    mockCommitRuns([{ id: 3, name: 'coverage', status: 'completed', conclusion: 'failure', output: {} }]);
    mockCheckRunWrites();
    await createTestApp().probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, READ, RUNS, CREATE, CREATE]);
    const gates = createdRuns(requests).get('planbot / quality gates');
    expect(gates.conclusion).toBe('failure');
    expect(gates.output.summary).toContain('| Unit Tests | >80% coverage | ❌ fail | ✅ | `coverage` (check run) concluded failure |');
  });

  it('check: falls back to a commit status of that name when no check run has it', async () => {
    const requests = recordRequests();
    mockConfig(CHECK_CONFIG);
    mockPullRequestReads();
    mockCommitRuns([{ id: 3, name: 'lint', status: 'completed', conclusion: 'success', output: {} }]);
    nock(API)
      .get(`/repos/acme/web/commits/${HEAD_SHA}/status`)
      .query({ per_page: '100' })
      .reply(200, { state: 'success', statuses: [{ context: 'coverage', state: 'success' }], total_count: 1 });
    mockCheckRunWrites();
    await createTestApp().probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, READ, RUNS, STATUS, CREATE, CREATE]);
    expect(createdRuns(requests).get('planbot / quality gates')).toMatchObject({ conclusion: 'success' });
  });
});

describe('re-evaluation on reviews, check runs and statuses', () => {
  beforeEach(resetNock);

  it('an approval re-posts only the gates run; the unchanged plan run is not written again', async () => {
    const cache = new ConditionalCache();
    const { probot } = createTestApp({ conditionalCache: cache });
    const first = recordRequests();
    mockConfig(REVIEW_CONFIG);
    mockPullRequestReads({ etags: true });
    mockReviews([review(1, 'APPROVED')]);
    mockCheckRunWrites();
    await probot.receive({ id: 'd1', name: 'pull_request', payload: pullRequestPayload('opened') } as any);
    const posted = [...createdRuns(first).values()];
    expect(posted.map((run) => run.conclusion)).toEqual(['success', 'failure']);

    nock.cleanAll();
    const requests = recordRequests();
    mockConfig(REVIEW_CONFIG);
    // The plan at the same head SHA is served from the cache: no request at all.
    mockPullFiles(7, [PATH], '"files-v1"');
    mockCommitRuns(asListed(posted));
    mockReviews([review(1, 'APPROVED'), review(2, 'APPROVED')]);
    mockCheckRunWrites();
    await probot.receive({ id: 'd2', name: 'pull_request_review', payload: reviewPayload('submitted', 'approved') } as any);

    // The runs on the commit are listed while the plans load (right after the config read).
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, RUNS, FILES, REVIEWS, CREATE]);
    const gates = createdRuns(requests).get('planbot / quality gates');
    expect(gates).toMatchObject({ conclusion: 'success', head_sha: HEAD_SHA, external_id: 'pr-7' });
    expect(gates.output.summary).toContain('| Code Review | All PRs reviewed | ✅ pass | ✅ | 2 of 2 required approvals |');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a comment-only review costs nothing', async () => {
    const requests = recordRequests();
    await createTestApp().probot.receive({ id: 'd1', name: 'pull_request_review', payload: reviewPayload('submitted', 'commented') } as any);
    expect(requests).toEqual([]);
  });

  it('a review when no gate counts approvals costs only the config read', async () => {
    const requests = recordRequests();
    mockConfig(CHECK_CONFIG);
    await createTestApp().probot.receive({ id: 'd1', name: 'pull_request_review', payload: reviewPayload('dismissed', 'dismissed') } as any);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`]);
  });

  it('planbot’s own completed check runs are ignored without a request', async () => {
    const requests = recordRequests();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'check_run',
      payload: checkRunPayload('completed', { name: 'planbot / quality gates', pulls: [{ number: 7, headRef: '001-user-auth' }] }),
    } as any);
    expect(requests).toEqual([]);
  });

  it('a completed check no evidence names costs only the config read', async () => {
    const requests = recordRequests();
    mockConfig(CHECK_CONFIG);
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'check_run',
      payload: checkRunPayload('completed', { name: 'lint', pulls: [{ number: 7, headRef: '001-user-auth' }] }),
    } as any);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`]);
  });

  it('the named check completing re-evaluates the pull requests listed in the payload', async () => {
    const requests = recordRequests();
    mockConfig(CHECK_CONFIG);
    mockPullRequestReads();
    mockCommitRuns([{ id: 3, name: 'coverage', status: 'completed', conclusion: 'success', output: {} }]);
    mockCheckRunWrites();
    await createTestApp().probot.receive({
      id: 'd1',
      name: 'check_run',
      payload: checkRunPayload('completed', { name: 'coverage', pulls: [{ number: 7, headRef: '001-user-auth' }] }),
    } as any);
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, RUNS, FILES, READ, CREATE, CREATE]);
    expect(createdRuns(requests).get('planbot / quality gates')).toMatchObject({ conclusion: 'success', head_sha: HEAD_SHA });
  });

  it('a fork’s check run (no pull_requests in the payload) finds its pull request through the commit', async () => {
    const requests = recordRequests();
    mockConfig(CHECK_CONFIG);
    nock(API)
      .get(`/repos/acme/web/commits/${HEAD_SHA}/pulls`)
      .query({ per_page: '100' })
      .reply(200, [pullRequestResource({ fork: 'contrib/web-fork' }), pullRequestResource({ number: 8, headSha: 'a'.repeat(40) })]);
    mockPullRequestReads();
    mockCommitRuns([{ id: 3, name: 'coverage', status: 'completed', conclusion: 'success', output: {} }]);
    mockCheckRunWrites();
    await createTestApp().probot.receive({ id: 'd1', name: 'check_run', payload: checkRunPayload('completed', { name: 'coverage' }) } as any);
    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      `GET /repos/acme/web/commits/${HEAD_SHA}/pulls?per_page=100`,
      RUNS,
      FILES,
      READ,
      CREATE,
      CREATE,
    ]);
  });

  it('a status on a merge queue commit re-evaluates that merge group', async () => {
    const groupSha = '2ffea6db159f6b6c47a24e778fb9ef40cf6b1c7d';
    const requests = recordRequests();
    mockConfig('gates:\n  evidence:\n    Unit Tests:\n      check: ci/coverage\n');
    nock(API).get('/repos/acme/web/pulls/7').reply(200, pullRequestResource());
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('complete-plan.md'), groupSha);
    nock(API)
      .get(`/repos/acme/web/commits/${groupSha}/check-runs`)
      .query({ filter: 'latest', per_page: '100' })
      .reply(200, { total_count: 0, check_runs: [] })
      .get(`/repos/acme/web/commits/${groupSha}/status`)
      .query({ per_page: '100' })
      .reply(200, { state: 'success', statuses: [{ context: 'ci/coverage', state: 'success' }], total_count: 1 });
    mockCheckRunWrites();
    const payload = statusPayload({ context: 'ci/coverage', state: 'success', sha: groupSha, branches: [`gh-readonly-queue/main/pr-7-${HEAD_SHA}`] });
    await createTestApp().probot.receive({ id: 'd1', name: 'status', payload } as any);
    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/7',
      `GET /repos/acme/web/commits/${groupSha}/check-runs?filter=latest&per_page=100`,
      FILES,
      `GET ${contentsPath(PATH)}?ref=${groupSha}`,
      `GET /repos/acme/web/commits/${groupSha}/status?per_page=100`,
      CREATE,
      CREATE,
    ]);
    const gates = createdRuns(requests).get('planbot / quality gates');
    expect(gates).toMatchObject({ head_sha: groupSha, conclusion: 'success' });
    expect(gates.actions).toBeUndefined();
  });

  it('a commit status named by evidence re-evaluates; a pending status costs nothing', async () => {
    const statusConfig = 'gates:\n  evidence:\n    Unit Tests:\n      check: ci/coverage\n';
    const idle = recordRequests();
    await createTestApp().probot.receive({ id: 'd0', name: 'status', payload: statusPayload({ context: 'ci/coverage', state: 'pending' }) } as any);
    expect(idle).toEqual([]);

    const requests = recordRequests();
    mockConfig(statusConfig);
    nock(API).get(`/repos/acme/web/commits/${HEAD_SHA}/pulls`).query({ per_page: '100' }).reply(200, [pullRequestResource()]);
    mockPullRequestReads();
    mockCommitRuns([]);
    nock(API)
      .get(`/repos/acme/web/commits/${HEAD_SHA}/status`)
      .query({ per_page: '100' })
      .reply(200, { state: 'failure', statuses: [{ context: 'ci/coverage', state: 'failure' }], total_count: 1 });
    mockCheckRunWrites();
    await createTestApp().probot.receive({ id: 'd1', name: 'status', payload: statusPayload({ context: 'ci/coverage', state: 'failure' }) } as any);
    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      `GET /repos/acme/web/commits/${HEAD_SHA}/pulls?per_page=100`,
      RUNS,
      FILES,
      READ,
      STATUS,
      CREATE,
      CREATE,
    ]);
    expect(createdRuns(requests).get('planbot / quality gates').output.summary).toContain('`ci/coverage` (status) concluded failure');
  });
});
