// pull_request events end to end: probot.receive → nock. Asserts what GitHub receives: the exact
// requests, their order, and the check-run bodies (validated against GitHub's OpenAPI schema).
import './without-sync.js';
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { ConditionalCache } from '../../src/github/conditional-requests.js';
import { RECHECK, SYNC_ISSUES } from '../../src/checks/actions.js';
import { HEAD_SHA, pullRequestPayload } from '../helpers/payloads-checks.js';
import {
  API,
  CHECK_RUNS,
  REPO_CONFIG,
  checkRunWrites,
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
const read = (path: string, sha = HEAD_SHA) => `GET ${contentsPath(path)}?ref=${sha}`;
const CREATE = `POST ${CHECK_RUNS}`;

async function receive(probot: ReturnType<typeof createTestApp>['probot'], payload: any, id = 'delivery-1') {
  await probot.receive({ id, name: 'pull_request', payload } as any);
}

describe('pull_request → planbot / plan and planbot / quality gates', () => {
  beforeEach(resetNock);

  it('a complete plan: config + files + 1 read + 2 creates, both green', async () => {
    const requests = recordRequests();
    mockConfig('checks:\n  per_gate: false\n');
    mockPullFiles(7, [PATH, 'src/auth/login.ts']);
    mockPlan(PATH, fixture('complete-plan.md'));
    mockCheckRunWrites();
    const { probot } = createTestApp();

    await receive(probot, pullRequestPayload('opened'));

    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, read(PATH), CREATE, CREATE]);
    const [plan, gates] = checkRunWrites(requests).map((write) => write.body as any);
    expect(plan).toEqual({
      name: 'planbot / plan',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'success',
      external_id: 'pr-7',
      output: {
        title: 'Plan complete',
        summary: [
          '## Plan completeness',
          '',
          '✅ The plan is complete: no findings.',
          '',
          '| Plan | Errors | Warnings | Notices |',
          '|------|-------:|---------:|--------:|',
          `| \`${PATH}\` | 0 | 0 | 0 |`,
          '',
          `### \`${PATH}\``,
          '',
          '✅ No findings.',
          '',
        ].join('\n'),
      },
      actions: [SYNC_ISSUES, RECHECK],
    });
    expect(gates).toEqual({
      name: 'planbot / quality gates',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'success',
      external_id: 'pr-7',
      output: {
        title: 'All 3 gates pass',
        summary: [
          '## Quality gates',
          '',
          '✅ 3 gates: 3 passing.',
          '',
          `### \`${PATH}\``,
          '',
          '| Gate | Criteria | Status | Plan says |',
          '|---|---|---|---|',
          '| Code Review | All PRs reviewed | ✅ pass | ✅ |',
          '| Unit Tests | >80% coverage | ✅ pass | ✅ |',
          '| Documentation | README updated | ✅ pass | ✅ |',
          '',
        ].join('\n'),
      },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a plan with placeholders: failure, one annotation per finding on its line, the fixture summary', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('partial-plan.md'));
    mockCheckRunWrites();
    const { probot } = createTestApp();

    await receive(probot, pullRequestPayload('synchronize'));

    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, read(PATH), CREATE, CREATE]);
    const plan = createdRuns(requests).get('planbot / plan');
    expect(plan.conclusion).toBe('failure');
    expect(plan.output.title).toBe('Plan incomplete: 13 errors, 4 warnings');
    expect(plan.output.summary).toBe(fixture('plan-summary.md'));
    expect(plan.output.annotations).toHaveLength(17);
    expect(plan.output.annotations[0]).toEqual({
      path: PATH,
      start_line: 16,
      end_line: 16,
      annotation_level: 'failure',
      title: 'placeholder',
      message: 'Unfilled placeholder [TO FILL]',
    });
    expect(plan.output.annotations[5]).toEqual({
      path: PATH,
      start_line: 93,
      end_line: 93,
      annotation_level: 'warning',
      title: 'gate-pending',
      message: 'Gate “Code Review” is pending (“⬜”)',
    });
    // Four ⬜ gates are pending: failure by default.
    expect(createdRuns(requests).get('planbot / quality gates')).toMatchObject({
      conclusion: 'failure',
      output: { title: '4 gates: 4 pending' },
    });
  });

  it('failing, pending and waived gates: the gates check fails and lists each with its raw cell', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(3, ['specs/002-export/plan.md']);
    mockPlan('specs/002-export/plan.md', fixture('gates-plan.md'));
    mockCheckRunWrites();
    const { probot } = createTestApp();

    await receive(probot, pullRequestPayload('opened', { number: 3, headRef: '002-export' }));

    const gates = createdRuns(requests).get('planbot / quality gates');
    expect(gates.conclusion).toBe('failure');
    expect(gates.output.title).toBe('5 gates: 1 failing, 1 pending, 1 with warnings, 1 waived, 1 passing');
    expect(gates.output.summary).toContain(
      [
        '| Gate | Criteria | Status | Plan says |',
        '|---|---|---|---|',
        '| Code Review | Two approvals | ✅ pass | ✅ PASS |',
        '| Unit Tests | >80% coverage \\| branches too | ❌ fail | ❌ FAIL (72%) |',
        '| Load Test | 1M rows < 60 s | ⏳ pending | ⏳ Pending |',
        '| Security Review | Not needed: no new endpoints | ➖ waived | ➖ Waived |',
        '| Accessibility | Export dialog keyboard-only | ⚠️ warn | ⚠️ WARN: focus order |',
      ].join('\n'),
    );
    // The engine reports the failing gate as an error finding, so the plan check fails too.
    expect(createdRuns(requests).get('planbot / plan').conclusion).toBe('failure');
  });

  it('pending gates are neutral with checks.pending_conclusion: neutral; pass + waived is success', async () => {
    const pendingPlan = fixture('gates-plan.md')
      .replace('| ❌ FAIL (72%) |', '| ✅ |')
      .replace('| ⚠️ WARN: focus order |', '| ✅ |');
    const requests = recordRequests();
    mockConfig('checks:\n  pending_conclusion: neutral\n');
    mockPullFiles(3, ['specs/002-export/plan.md']);
    mockPlan('specs/002-export/plan.md', pendingPlan);
    mockCheckRunWrites();
    const { probot } = createTestApp();
    await receive(probot, pullRequestPayload('opened', { number: 3, headRef: '002-export' }));
    expect(createdRuns(requests).get('planbot / quality gates').conclusion).toBe('neutral');

    resetNock();
    const again = recordRequests();
    mockConfig('{}\n', '"config-v2"');
    mockPullFiles(3, ['specs/002-export/plan.md']);
    mockPlan('specs/002-export/plan.md', pendingPlan.replace('| ⏳ Pending |', '| ➖ Waived |'));
    mockCheckRunWrites();
    await receive(createTestApp().probot, pullRequestPayload('opened', { number: 3, headRef: '002-export' }));
    expect(createdRuns(again).get('planbot / quality gates')).toMatchObject({ conclusion: 'success', output: { title: 'All 5 gates pass' } });
  });

  it('per-gate mode: one extra run per gate, each with its own conclusion', async () => {
    const requests = recordRequests();
    mockConfig('checks:\n  per_gate: true\n');
    mockPullFiles(3, ['specs/002-export/plan.md']);
    mockPlan('specs/002-export/plan.md', fixture('gates-plan.md'));
    mockCheckRunWrites();
    const { probot } = createTestApp();

    await receive(probot, pullRequestPayload('opened', { number: 3, headRef: '002-export' }));

    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(7);
    expect([...createdRuns(requests).values()].map((run) => [run.name, run.conclusion])).toEqual([
      ['planbot / plan', 'failure'],
      ['planbot / quality gates', 'failure'],
      ['planbot / gate: Code Review', 'success'],
      ['planbot / gate: Unit Tests', 'failure'],
      ['planbot / gate: Load Test', 'failure'],
      ['planbot / gate: Security Review', 'success'],
      ['planbot / gate: Accessibility', 'neutral'],
    ]);
    expect(createdRuns(requests).get('planbot / gate: Load Test').output.title).toBe('Load Test: ⏳ pending');
  });

  it('a fork’s pull request: config from the base repo’s default branch, plans read through the base repo at the head SHA', async () => {
    const requests = recordRequests();
    const forkSha = '1111111111111111111111111111111111111111';
    mockConfig('{}\n');
    mockPullFiles(9, []);
    mockPlan(PATH, null, forkSha);
    mockCheckRunWrites();
    const { probot } = createTestApp();

    await receive(probot, pullRequestPayload('opened', { number: 9, headSha: forkSha, fork: 'contrib/web-fork' }));

    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`, // no ref: the default branch, never the fork's head
      'GET /repos/acme/web/pulls/9/files?per_page=100',
      read(PATH, forkSha),
      CREATE,
    ]);
    const plan = createdRuns(requests).get('planbot / plan');
    expect(plan).toMatchObject({ head_sha: forkSha, conclusion: 'action_required', external_id: 'pr-9' });
    // "Create the file" points at the fork, where the author can push.
    expect(plan.details_url).toBe('https://github.com/contrib/web-fork/new/001-user-auth?filename=specs%2F001-user-auth%2Fplan.md');
    expect(requests.some((request) => request.path.includes('contrib'))).toBe(false);
  });

  it('two plans in one pull request: one plan run and one gates run covering both, annotations per file', async () => {
    const requests = recordRequests();
    const other = 'apps/api/specs/002-export/plan.md';
    mockConfig('{}\n');
    mockPullFiles(7, [PATH, other]);
    mockPlan(PATH, fixture('partial-plan.md'));
    mockPlan(other, fixture('gates-plan.md'));
    mockCheckRunWrites();
    const { probot } = createTestApp();

    await receive(probot, pullRequestPayload('opened'));

    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, read(PATH), read(other), CREATE, CREATE]);
    const plan = createdRuns(requests).get('planbot / plan');
    expect(plan.output.title).toBe('Plan incomplete: 14 errors, 5 warnings, 1 notice across 2 plans');
    expect(plan.output.summary).toContain(`| \`${PATH}\` | 13 | 4 | 0 |\n| \`${other}\` | 1 | 1 | 1 |`);
    const paths = plan.output.annotations.map((annotation: any) => annotation.path);
    expect(paths.filter((path: string) => path === PATH)).toHaveLength(17);
    expect(paths.filter((path: string) => path === other)).toHaveLength(3);
    const gates = createdRuns(requests).get('planbot / quality gates');
    expect(gates.output.summary).toContain(`### \`${PATH}\``);
    expect(gates.output.summary).toContain(`### \`${other}\``);
    expect(gates.output.title).toBe('9 gates: 1 failing, 5 pending, 1 with warnings, 1 waived, 1 passing');
  });

  it('no plan on a feature branch: one action_required run telling the author how to add it', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, ['src/auth/login.ts']);
    mockPlan(PATH, null);
    mockCheckRunWrites();
    const { probot } = createTestApp();

    await receive(probot, pullRequestPayload('opened', { headRef: 'feat/001-user-auth' }));

    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, FILES, read(PATH), CREATE]);
    const body = checkRunWrites(requests)[0].body as any;
    expect(body).toMatchObject({
      name: 'planbot / plan',
      conclusion: 'action_required',
      details_url: 'https://github.com/acme/web/new/feat/001-user-auth?filename=specs%2F001-user-auth%2Fplan.md',
      output: { title: 'No plan for 001-user-auth' },
      actions: [RECHECK],
    });
    expect(body.output.summary).toContain('comment `/planbot init` on this pull request');
    expect(body.output.summary).toContain('or run `planbot init` in your checkout');
  });

  it('checks.no_plan_conclusion decides the no-plan conclusion', async () => {
    const requests = recordRequests();
    mockConfig('checks:\n  no_plan_conclusion: neutral\n');
    mockPullFiles(7, []);
    mockPlan(PATH, null);
    mockCheckRunWrites();
    await receive(createTestApp().probot, pullRequestPayload('opened'));
    expect(createdRuns(requests).get('planbot / plan').conclusion).toBe('neutral');
  });

  it('an invalid config: one failing plan check naming file, line, key and problem; nothing else read or written', async () => {
    const requests = recordRequests();
    mockConfig('checks:\n  per_gate: yes please\n');
    mockCheckRunWrites();
    const { probot } = createTestApp();

    await receive(probot, pullRequestPayload('opened'));

    // The config loader re-reads the file (a free 304) to find the problem's line.
    expect(requestLines(requests)).toEqual([`GET ${REPO_CONFIG}`, `GET ${REPO_CONFIG}`, CREATE]);
    const body = checkRunWrites(requests)[0].body as any;
    expect(body).toMatchObject({
      name: 'planbot / plan',
      conclusion: 'failure',
      output: { title: 'Invalid configuration: 1 problem in .github/planbot.yml' },
      actions: [RECHECK],
    });
    expect(body.output.summary).toMatch(/\| `\.github\/planbot\.yml` \| 2:3 \| `checks\.per_gate` \| .+ \|/);
  });

  it('a non-feature pull request touching no plan: no check, and one rate-limited request once config is cached', async () => {
    const requests = recordRequests();
    const configAnswers = mockConfig('{}\n');
    mockPullFiles(11, ['README.md']);
    mockPullFiles(11, ['README.md', 'docs/setup.md']);
    const { probot } = createTestApp({ conditionalCache: new ConditionalCache() });

    await receive(probot, pullRequestPayload('opened', { number: 11, headRef: 'fix-typo' }), 'd1');
    await receive(probot, pullRequestPayload('synchronize', { number: 11, headRef: 'fix-typo', headSha: 'f'.repeat(40) }), 'd2');

    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/11/files?per_page=100',
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/11/files?per_page=100',
    ]);
    // Second event: the config read is a 304 (free), so the PR file list is the only counted request.
    expect(configAnswers).toEqual([200, 304]);
    expect(requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });

  it('a non-feature pull request that changes a plan is checked', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(11, ['apps/web/specs/004-tour/plan.md']);
    mockPlan('apps/web/specs/004-tour/plan.md', fixture('complete-plan.md'));
    mockCheckRunWrites();
    await receive(createTestApp().probot, pullRequestPayload('opened', { number: 11, headRef: 'docs/plans' }));
    expect([...createdRuns(requests).keys()]).toEqual(['planbot / plan', 'planbot / quality gates']);
  });

  it('reopened with nothing changed: everything answers 304 or matches, zero writes', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH], '"files-v1"');
    mockPlan(PATH, fixture('partial-plan.md'), HEAD_SHA, '"plan-v1"');
    mockCheckRunWrites();
    const { probot } = createTestApp({ conditionalCache: new ConditionalCache() });
    await receive(probot, pullRequestPayload('opened'), 'd1');
    const posted = [...createdRuns(requests).values()];
    expect(posted).toHaveLength(2);

    // What GitHub lists for the commit now: planbot's two runs (plus someone else's).
    nock.cleanAll();
    const second = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH], '"files-v1"');
    // The plan at the same head SHA cannot have changed: served from the cache, no request.
    const listed = posted.map((run, index) => ({
      id: index + 1,
      name: run.name,
      status: 'completed',
      conclusion: run.conclusion,
      external_id: run.external_id,
      output: { title: run.output.title, summary: run.output.summary, text: null, annotations_count: run.output.annotations?.length ?? 0 },
    }));
    nock(API)
      .get(`/repos/acme/web/commits/${HEAD_SHA}/check-runs`)
      .query({ filter: 'latest', per_page: '100' })
      .reply(200, { total_count: 3, check_runs: [...listed, { id: 9, name: 'build', status: 'completed', conclusion: 'success', output: {} }] });

    await receive(probot, pullRequestPayload('reopened'), 'd2');

    // The runs on the commit are listed while the plans load (right after the config read).
    expect(requestLines(second)).toEqual([`GET ${REPO_CONFIG}`, `GET /repos/acme/web/commits/${HEAD_SHA}/check-runs?filter=latest&per_page=100`, FILES]);
    expect(second.filter((request) => request.method !== 'GET')).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a plan that changed since the listed runs is posted again on ready_for_review', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('complete-plan.md'));
    nock(API)
      .get(`/repos/acme/web/commits/${HEAD_SHA}/check-runs`)
      .query({ filter: 'latest', per_page: '100' })
      .reply(200, {
        total_count: 1,
        check_runs: [{ id: 1, name: 'planbot / plan', status: 'completed', conclusion: 'failure', output: { title: 'Plan incomplete', summary: 'old', annotations_count: 3 } }],
      });
    mockCheckRunWrites();
    await receive(createTestApp().probot, pullRequestPayload('ready_for_review'));
    expect([...createdRuns(requests).keys()]).toEqual(['planbot / plan', 'planbot / quality gates']);
  });

  it('a closed pull request is ignored without a request', async () => {
    const requests = recordRequests();
    await receive(createTestApp().probot, pullRequestPayload('reopened', { state: 'closed' }));
    expect(requests).toEqual([]);
  });

  it('a plan too large to parse fails the plan check with the reason', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    nock(API)
      .get(contentsPath(PATH))
      .query({ ref: HEAD_SHA })
      .reply(200, { type: 'file', encoding: 'none', size: 6_000_000, path: PATH, sha: 'big', content: '' });
    mockCheckRunWrites();
    await receive(createTestApp().probot, pullRequestPayload('opened'));
    const runs = createdRuns(requests);
    expect([...runs.keys()]).toEqual(['planbot / plan']);
    expect(runs.get('planbot / plan')).toMatchObject({ conclusion: 'failure', output: { title: '1 plan could not be checked' } });
    expect(runs.get('planbot / plan').output.summary).toContain('is 6000000 bytes; planbot reads files up to 5242880 bytes');
  });

  it('a failed write is logged with the delivery id and rethrown for a retry', async () => {
    recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    mockPlan(PATH, fixture('complete-plan.md'));
    nock(API).post(CHECK_RUNS).reply(500, { message: 'Server Error' });
    const { probot, logs } = createTestApp();

    await expect(receive(probot, pullRequestPayload('opened'), 'delivery-500')).rejects.toThrow();

    const line = logs.find((entry) => entry.msg === 'could not post check run');
    expect(line).toMatchObject({ deliveryId: 'delivery-500', check: 'planbot / plan', status: 500 });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a plan that cannot be read (502) writes nothing and fails the job for a retry', async () => {
    const requests = recordRequests();
    mockConfig('{}\n');
    mockPullFiles(7, [PATH]);
    nock(API).get(contentsPath(PATH)).query({ ref: HEAD_SHA }).reply(502, { message: 'Bad Gateway' });
    await expect(receive(createTestApp().probot, pullRequestPayload('opened'))).rejects.toThrow();
    expect(requests.filter((request) => request.method !== 'GET')).toEqual([]);
  });
});
