// Issue sync driven the way GitHub drives it: probot.receive, the real app (event table, queue, a
// Job per delivery) over the in-memory GitHub, which keeps issues, sub-issues and dependencies.
// Every test asserts what GitHub receives: the call sequence, bodies and counts, and that nothing
// is written when nothing changed. (What those calls cost over HTTP, ETags and 304s, is the
// boundary's: test/github/conditional-requests.test.ts.)
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTestApp as createProbotTestApp, resetNock } from '../helpers/probot.js';
import { pullRequestPayload, HEAD_SHA } from '../helpers/payloads-checks.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { resetUnsupportedNotes } from '../../src/github/issues-api-support.js';
import type { IssueChanges, LabelSpec, NewIssue } from '../../src/github/github.js';
import type { PlanbotOptions } from '../../src/app/index.js';
import { MemoryGitHub, WRITE_METHODS, type MemoryCall, type MemoryIssue } from '../helpers/memory-github.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const PLAN = readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8');
const TASKS = readFileSync(new URL('./fixtures/tasks.md', import.meta.url), 'utf8');
const NO_CHECKS = 'checks:\n  enabled: false\n';
const BRANCH = '001-user-auth';
const CONFIG_READS = ['readConfigLayers .github/planbot.yml'];
const LIST = 'listLabelledIssues planbot';
/** Calls about issues (what `/repos/{owner}/{repo}/issues…` served): all but the listing name one issue. */
const ISSUE_METHODS = new Set(['listLabelledIssues', 'getIssue', 'createIssue', 'updateIssue', 'addLabels', 'createComment', 'addSubIssue', 'listSubIssueNumbers', 'addBlockedBy', 'removeBlockedBy', 'listBlockedByNumbers']);
const aboutIssues = (call: MemoryCall) => ISSUE_METHODS.has(call.method);
const aboutRelations = (call: MemoryCall) => /SubIssue|BlockedBy/.test(call.method);
const isWrite = (call: MemoryCall) => WRITE_METHODS.has(call.method);
const writeLines = (fake: MemoryGitHub) => fake.lines(isWrite);
/** What a write sent last: the new issue, the changes, the label. */
const sent = <T>(call: MemoryCall) => call.args.at(-1) as T;

let ids = 0;
const nextId = () => `delivery-${++ids}`;
/** A pushed change is a new head commit: contents read at a commit SHA never change. */
let commits = 0;
const nextSha = () => (++commits).toString(16).padStart(40, 'a');

/** The GitHub of the running test: a pull_request event moves its branch to the event's head, as the push before it did on GitHub. */
let current: MemoryGitHub | null = null;

function prDelivery(action: 'opened' | 'synchronize' | 'reopened' = 'opened', options: { headRef?: string; headSha?: string; fork?: string; number?: number } = {}) {
  const payload = pullRequestPayload(action, { number: options.number ?? 7, headRef: options.headRef ?? '001-user-auth', headSha: options.headSha, fork: options.fork });
  current?.pointBranch(payload.pull_request.head.ref, payload.pull_request.head.sha);
  payload.repository.html_url = 'https://github.com/acme/web';
  payload.pull_request.user.login = 'octocat';
  return { id: nextId(), name: 'pull_request', payload } as any;
}

function pushDelivery(options: Parameters<typeof pushPayload>[0] = {}) {
  return { id: nextId(), name: 'push', payload: pushPayload(options) } as any;
}

/** A repository with the plan on the default branch and the PR branch, and checks turned off (so only the sync writes). */
function repository(options: { config?: string; plan?: string; firstNumber?: number } = {}): MemoryGitHub {
  const fake = new MemoryGitHub({ firstNumber: options.firstNumber ?? 11 }).setConfig(options.config ?? NO_CHECKS).createBranch(BRANCH);
  current = fake;
  put(fake, PLAN_PATH, options.plan ?? PLAN);
  fake.addPull({ number: 7, head: { ref: BRANCH, sha: HEAD_SHA } }, [PLAN_PATH]);
  return fake;
}

/** A file changed on the default branch and on the feature's branch (the next event's head takes it). */
function put(fake: MemoryGitHub, path: string, text: string, branch = BRANCH): void {
  fake.setFile(path, text).setFile(path, text, branch);
}

/** The real app, with the test's GitHub behind every job. */
function createTestApp(options: PlanbotOptions = {}) {
  return createProbotTestApp({ github: () => current!, ...options });
}

const markerOf = (issue: MemoryIssue) => issue.body.split('\n')[0];
const warnings = (logs: Array<{ level: number; msg: string }>) => logs.filter((line) => line.level === 40).map((line) => line.msg);

beforeEach(() => {
  resetNock();
  resetUnsupportedNotes();
});

describe('first sync of a pull request', () => {
  it('creates the phase issues, then the tracking issue, then links them — and nothing else', async () => {
    const fake = repository();
    const { probot } = createTestApp();

    await probot.receive(prDelivery());

    expect(fake.lines()).toEqual([
      ...CONFIG_READS,
      'listPullFiles 7',
      `readFile ${PLAN_PATH} ${HEAD_SHA}`,
      // issues.source: auto looks for a tasks.md next to the plan, at the event's head (there is none).
      `readFile specs/001-user-auth/tasks.md ${HEAD_SHA}`,
      LIST,
      // About to write: is the branch still at this event's head? (Events may be handled out of order.)
      'branchHead 001-user-auth',
      'createIssue',
      'createIssue',
      'createIssue',
      'createIssue',
      // The parent, then the child's (or blocker's) issue id.
      'addSubIssue 14 5011',
      'addSubIssue 14 5012',
      'addSubIssue 14 5013',
      'addBlockedBy 12 5011',
      'addBlockedBy 13 5012',
    ]);
    const writes = fake.writes().map((call) => sent<NewIssue>(call));
    expect(writes.slice(0, 4).map((body) => [body.title, body.labels, body.assignees, body.milestone])).toEqual([
      ['001-user-auth · Phase 0: Research & Design', ['planbot'], ['octocat'], null],
      ['001-user-auth · Phase 1: Foundation', ['planbot'], ['octocat'], null],
      ['001-user-auth · Phase 2: Core Implementation', ['planbot'], ['octocat'], null],
      ['001-user-auth: implementation plan', ['planbot', 'planbot:tracking'], ['octocat'], null],
    ]);
    expect(writes[1].body).toBe(
      [
        // base=: the state planbot synced per task (here: both open), for the three-way merge.
        '<!-- planbot:v1 feature=001-user-auth phase=1 source=plan path=specs/001-user-auth/plan.md branch=001-user-auth base=bf51e061o,7d51ad5co -->',
        '**Phase 1: Foundation** of `001-user-auth`',
        '',
        '- **Duration**: 3 days',
        '- **Dependencies**: Phase 0 (#11)',
        '- **Source**: [specs/001-user-auth/plan.md#L35](https://github.com/acme/web/blob/001-user-auth/specs/001-user-auth/plan.md#L35)',
        '',
        '### Tasks',
        '',
        '- [ ] Set up project structure',
        '- [ ] Configure build/test pipeline',
        '',
        '---',
        '<sub>planbot keeps this issue in step with plan.md: edit task text there; ticking a box here ticks it in plan.md.</sub>',
      ].join('\n'),
    );
    expect(writes[3].body).toBe(
      [
        '<!-- planbot:v1 feature=001-user-auth tracking source=plan path=specs/001-user-auth/plan.md branch=001-user-auth -->',
        'Implementation plan for `001-user-auth`: [specs/001-user-auth/plan.md](https://github.com/acme/web/blob/001-user-auth/specs/001-user-auth/plan.md) on `001-user-auth`',
        '',
        '**Progress**: 0 of 3 phases done · 1 of 6 tasks done',
        '',
        '- 🟡 #11 **Phase 0: Research & Design** · 1/2 tasks',
        '- ⬜ #12 **Phase 1: Foundation** · 0/2 tasks',
        '- ⬜ #13 **Phase 2: Core Implementation** · 0/2 tasks',
        '',
        '---',
        '<sub>planbot keeps this issue in step with the plan; edits here are replaced on the next sync.</sub>',
        '<!-- planbot:links sub=11,12,13 blocked_by=12:11,13:12 phases=11:0,12:1,13:2 -->',
      ].join('\n'),
    );
    expect(fake.issue(14).subIssues).toEqual([11, 12, 13]);
    expect([fake.issue(12).blockedBy, fake.issue(13).blockedBy]).toEqual([[11], [12]]);
  });

  it('takes assignees and the milestone from the configuration', async () => {
    const fake = repository({ config: `${NO_CHECKS}issues:\n  assignees: [alice, bob]\n  milestone: 3\n  labels: [plan, team-web]\n` });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.callsOf('createIssue').map((call) => sent<NewIssue>(call)).map((body) => [body.labels, body.assignees, body.milestone])).toEqual([
      [['plan', 'team-web'], ['alice', 'bob'], 3],
      [['plan', 'team-web'], ['alice', 'bob'], 3],
      [['plan', 'team-web'], ['alice', 'bob'], 3],
      [['plan', 'team-web', 'planbot:tracking'], ['alice', 'bob'], 3],
    ]);
  });
});

describe('idempotency and cost', () => {
  it('an unchanged plan costs zero writes; in the steady state the sync itself makes one call (the listing)', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    const issuesAfterFirst = structuredClone(fake.issues);

    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.writes()).toEqual([]);

    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.writes()).toEqual([]);
    // Config and changed files are the reads the checks share on this event; the plan and tasks.md
    // at the head SHA (over HTTP: from the ETag cache, test/github/conditional-requests.test.ts).
    // Nothing to write, so the branch is not asked about.
    expect(fake.lines()).toEqual([...CONFIG_READS, 'listPullFiles 7', `readFile ${PLAN_PATH} ${HEAD_SHA}`, `readFile specs/001-user-auth/tasks.md ${HEAD_SHA}`, LIST]);
    expect(fake.lines(aboutIssues)).toEqual([LIST]);
    expect(fake.issues).toEqual(issuesAfterFirst);
  });

  it('checks failing to post do not keep the issues from syncing; the job still fails, so it is retried', async () => {
    const fake = repository({ config: '{}\n' }); // checks on
    fake.fail('createCheckRun', 502, { times: 2 });
    const { probot } = createTestApp();

    const failure = await probot.receive(prDelivery()).then(() => null, (error: AggregateError) => error);
    expect(failure?.errors.map((error: { status?: number }) => error.status)).toEqual([502]);

    expect(fake.lines((call) => call.method === 'createCheckRun')).toEqual(['createCheckRun → error']);
    expect(fake.issues.map((issue) => issue.title)).toHaveLength(4); // tracking + 3 phases
    expect(fake.callsOf('createIssue')).toHaveLength(4);
  });

  it('a redelivery (same delivery id) creates no second set of issues', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    const delivery = prDelivery();
    await probot.receive(delivery);
    const writesAfterFirst = fake.writes().length;
    await probot.receive(delivery);
    expect(fake.writes()).toHaveLength(writesAfterFirst);
    expect(fake.issues).toHaveLength(4);
  });

  it('two deliveries for the same feature at once make one set of issues', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await Promise.all([probot.receive(prDelivery('opened')), probot.receive(prDelivery('synchronize'))]);
    expect(fake.issues.map((issue) => issue.title)).toEqual([
      '001-user-auth · Phase 0: Research & Design',
      '001-user-auth · Phase 1: Foundation',
      '001-user-auth · Phase 2: Core Implementation',
      '001-user-auth: implementation plan',
    ]);
    expect(fake.callsOf('createIssue')).toHaveLength(4);
  });

  it('25 phases: 26 creates, 25 sub-issue links, 24 blocked-by links; a second sync writes nothing', async () => {
    const phases = Array.from({ length: 25 }, (_, n) =>
      [`### Phase ${n + 1}: Step ${n + 1}`, '**Duration**: 1 day', ...(n > 0 ? [`**Dependencies**: Phase ${n}`] : []), '', `- [ ] Task ${n + 1}`, ''].join('\n'),
    );
    const fake = repository({ plan: `# Plan\n\n## Implementation Phases\n\n${phases.join('\n')}` });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.writes()).toHaveLength(26 + 25 + 24);
    expect(fake.callsOf('createIssue')).toHaveLength(26);
    expect(fake.callsOf('addSubIssue')).toHaveLength(25);
    expect(fake.callsOf('addBlockedBy')).toHaveLength(24);
    expect(fake.issue(36).subIssues).toHaveLength(25);
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.writes()).toEqual([]);
  });
});

describe('lifecycle', () => {
  async function synced(config = NO_CHECKS) {
    const fake = repository({ config });
    const app = createTestApp();
    await app.probot.receive(prDelivery());
    fake.calls = [];
    return { fake, ...app };
  }

  it('a renamed phase gets its title (and the tracking list) updated: two writes', async () => {
    const { fake, probot } = await synced();
    put(fake, PLAN_PATH, PLAN.replace('### Phase 1: Foundation', '### Phase 1: Groundwork'));
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(writeLines(fake)).toEqual(['updateIssue 12', 'updateIssue 14']);
    expect(sent<IssueChanges>(fake.writes()[0]).title).toBe('001-user-auth · Phase 1: Groundwork');
    expect(fake.issue(12).body).toContain('**Phase 1: Groundwork** of `001-user-auth`');
    expect(fake.issue(14).body).toContain('- ⬜ #12 **Phase 1: Groundwork** · 0/2 tasks');
    expect(fake.issue(12).state).toBe('open');
  });

  it('a removed phase closes as not planned with a comment; its blocked-by link goes', async () => {
    const { fake, probot } = await synced();
    put(fake, PLAN_PATH, PLAN.slice(0, PLAN.indexOf('### Phase 2')) + PLAN.slice(PLAN.indexOf('## Quality Gates')));
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(writeLines(fake)).toEqual([
      'updateIssue 13',
      'createComment 13',
      'updateIssue 14',
      'removeBlockedBy 13 5012',
    ]);
    const close = sent<IssueChanges>(fake.writes()[0]);
    expect([close.state, close.stateReason]).toEqual(['closed', 'not_planned']);
    expect(markerOf(fake.issue(13))).toBe('<!-- planbot:v1 feature=001-user-auth phase=2 source=plan path=specs/001-user-auth/plan.md branch=001-user-auth base=389d3f19o,f6c485e9o removed -->');
    expect(fake.comments.map(({ issue, body }) => ({ issue, body }))).toEqual([
      { issue: 13, body: 'Phase 2 is no longer in `specs/001-user-auth/plan.md`, so planbot closed this issue as not planned. It reopens if the phase comes back.' },
    ]);
    expect(fake.issue(13).blockedBy).toEqual([]);
    expect(fake.issue(14).body).not.toContain('#13');
    expect(fake.issue(14).body).toContain('<!-- planbot:links sub=11,12,13 blocked_by=12:11 phases=11:0,12:1,13:2 -->');

    // The phase comes back: the same issue reopens, no new issue, no second comment.
    fake.calls = [];
    put(fake, PLAN_PATH, PLAN);
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(fake.issues).toHaveLength(4);
    expect([fake.issue(13).state, fake.issue(13).state_reason]).toEqual(['open', 'reopened']);
    expect(markerOf(fake.issue(13))).not.toContain('removed');
    expect(fake.comments).toHaveLength(1);
    expect(fake.issue(13).blockedBy).toEqual([12]);
  });

  it('a phase whose tasks are all ticked closes as completed; unticking one reopens it; the tracking issue follows', async () => {
    const { fake, probot } = await synced();
    const allPhase1Done = PLAN.replace('- [ ] Set up project structure', '- [x] Set up project structure').replace('- [ ] Configure build/test pipeline', '- [X] Configure build/test pipeline');
    put(fake, PLAN_PATH, allPhase1Done);
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(writeLines(fake)).toEqual(['updateIssue 12', 'updateIssue 14']);
    expect([sent<IssueChanges>(fake.writes()[0]).state, sent<IssueChanges>(fake.writes()[0]).stateReason]).toEqual(['closed', 'completed']);
    expect(fake.issue(12).body).toContain('- [x] Set up project structure\n- [x] Configure build/test pipeline');
    expect(fake.issue(14).body).toContain('- ✅ #12 **Phase 1: Foundation** · 2/2 tasks');
    expect(fake.issue(14).state).toBe('open');

    fake.calls = [];
    put(fake, PLAN_PATH, allPhase1Done.replace('- [X] Configure build/test pipeline', '- [ ] Configure build/test pipeline'));
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(writeLines(fake)).toEqual(['updateIssue 12', 'updateIssue 14']);
    expect([fake.issue(12).state, fake.issue(12).state_reason]).toEqual(['open', 'reopened']);
  });

  it('the tracking issue closes when every phase is done and reopens when one reopens', async () => {
    const { fake, probot } = await synced();
    const allDone = PLAN.replace(/- \[ \]/g, '- [x]');
    put(fake, PLAN_PATH, allDone);
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(fake.issues.map((issue) => [issue.number, issue.state, issue.state_reason])).toEqual([
      [11, 'closed', 'completed'],
      [12, 'closed', 'completed'],
      [13, 'closed', 'completed'],
      [14, 'closed', 'completed'],
    ]);
    expect(fake.issue(14).body).toContain('**Progress**: 3 of 3 phases done · 6 of 6 tasks done');
    expect(fake.issue(14).body.split('\n').at(-1)).toBe('<!-- planbot:links sub=11,12,13 blocked_by=12:11,13:12 phases=11:0,12:1,13:2 done -->');

    fake.calls = [];
    put(fake, PLAN_PATH, allDone.replace('- [x] Create API endpoints', '- [ ] Create API endpoints'));
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(writeLines(fake)).toEqual(['updateIssue 13', 'updateIssue 14']);
    expect([fake.issue(13).state, fake.issue(14).state]).toEqual(['open', 'open']);
  });

  it('a phase closed by hand stays closed while its tasks do not change', async () => {
    const { fake, probot } = await synced();
    Object.assign(fake.issue(11), { state: 'closed', state_reason: 'completed' });
    await probot.receive(prDelivery('synchronize'));
    // Only the tracking list reflects it; the issue is not reopened.
    expect(writeLines(fake)).toEqual(['updateIssue 14']);
    expect(fake.issue(11).state).toBe('closed');
    expect(fake.issue(14).body).toContain('- ✅ #11 **Phase 0: Research & Design** · 1/2 tasks');
  });
});

describe('identity', () => {
  it("two features' Phase 1 never collide: each feature gets its own issues, and syncing one leaves the other alone", async () => {
    const fake = repository();
    fake.createBranch('002-billing');
    put(fake, 'specs/002-billing/plan.md', PLAN.replace('001-user-auth', '002-billing'), '002-billing');
    const billingHead = nextSha();
    fake.addPull({ number: 8, head: { ref: '002-billing', sha: billingHead } }, ['specs/002-billing/plan.md']);
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    await probot.receive(prDelivery('opened', { number: 8, headRef: '002-billing', headSha: billingHead }));
    expect(fake.issues.map((issue) => issue.title)).toEqual([
      '001-user-auth · Phase 0: Research & Design',
      '001-user-auth · Phase 1: Foundation',
      '001-user-auth · Phase 2: Core Implementation',
      '001-user-auth: implementation plan',
      '002-billing · Phase 0: Research & Design',
      '002-billing · Phase 1: Foundation',
      '002-billing · Phase 2: Core Implementation',
      '002-billing: implementation plan',
    ]);
    expect(markerOf(fake.issue(16))).toBe('<!-- planbot:v1 feature=002-billing phase=1 source=plan path=specs/002-billing/plan.md branch=002-billing base=bf51e061o,7d51ad5co -->');
    expect(fake.issue(18).subIssues).toEqual([15, 16, 17]);
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    await probot.receive(prDelivery('synchronize', { number: 8, headRef: '002-billing', headSha: billingHead }));
    expect(fake.writes()).toEqual([]);
  });

  it('a marker copied into task text is escaped, and a person\'s issue carrying a marker is not taken for planbot\'s', async () => {
    const forged = '<!-- planbot:v1 feature=001-user-auth phase=1 source=plan path=specs/001-user-auth/plan.md -->';
    const fake = repository({ plan: PLAN.replace('- [ ] Set up project structure', `- [ ] Set up project structure \`${forged}\` and \\${forged}`) });
    // A person pasted planbot's marker into their own issue with planbot's label.
    fake.addIssue({ title: 'my copy', body: `${forged}\n- [ ] fake`, byBot: false, labels: ['planbot'] });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    const phase1 = fake.byTitle('001-user-auth · Phase 1: Foundation');
    expect(phase1.number).not.toBe(11);
    expect(phase1.body.split('<!--')).toHaveLength(2);
    expect(phase1.body.split('-->')).toHaveLength(2);
    expect(phase1.body).toContain('- [ ] Set up project structure \\`&lt;!-- planbot:v1 feature=001-user-auth phase=1');
    expect(fake.issue(11)).toMatchObject({ title: 'my copy', state: 'open', subIssues: [] });
    expect(fake.writes().some((call) => call.args[1] === 11)).toBe(false);
  });

  it('an issue that lost the planbot label is found again through the tracking record and relabelled, not duplicated', async () => {
    const fake = repository({ config: `${NO_CHECKS}` });
    fake.summaries = false;
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    fake.issue(12).labels = [];
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.issues).toHaveLength(4);
    expect(fake.lines(aboutIssues)).toEqual([LIST, 'getIssue 12', 'addLabels 12']);
    expect(fake.issue(12).labels).toEqual(['planbot']);
  });

  it('a duplicate planbot issue (e.g. from an older crash) is closed as a duplicate of the kept one', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    const copy = fake.addIssue({ title: 'dup', body: fake.issue(12).body });
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(writeLines(fake)).toEqual([`updateIssue ${copy.number}`, `createComment ${copy.number}`]);
    expect([copy.state, copy.state_reason]).toEqual(['closed', 'not_planned']);
    expect(fake.comments.at(-1)).toMatchObject({ issue: copy.number, body: 'Duplicate of #12: planbot keeps #12 in step with the plan.' });
  });
});

describe('dependencies', () => {
  it('several dependencies become several blocked-by links; an unknown one is named in the body only', async () => {
    const plan = PLAN.replace('**Dependencies**: Phase 1\n', '**Dependencies**: Phase 0, Phase 1, Phase 9\n');
    const fake = repository({ plan });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.issue(13).blockedBy).toEqual([11, 12]);
    expect(fake.issue(13).body).toContain('- **Dependencies**: Phase 0 (#11), Phase 1 (#12), Phase 9 (not in the plan)');
    expect(fake.lines((call) => call.method === 'addBlockedBy')).toEqual([
      'addBlockedBy 12 5011',
      'addBlockedBy 13 5011',
      'addBlockedBy 13 5012',
    ]);
  });

  it('a phase that depends on a later phase is created after it, so its body can name it', async () => {
    const plan = PLAN.replace('**Duration**: 2 days\n', '**Duration**: 2 days\n**Dependencies**: Phase 2\n').replace('**Dependencies**: Phase 1\n', '');
    const fake = repository({ plan });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.issues.slice(0, 3).map((issue) => issue.title)).toEqual([
      '001-user-auth · Phase 2: Core Implementation',
      '001-user-auth · Phase 0: Research & Design',
      '001-user-auth · Phase 1: Foundation',
    ]);
    expect(fake.issue(12).body).toContain('- **Dependencies**: Phase 2 (#11)');
    expect(fake.issue(13).body).toContain('- **Dependencies**: Phase 0 (#12)');
    expect(fake.callsOf('updateIssue')).toEqual([]);
  });
});

describe('when sub-issues or dependencies are not available (older GHES, disabled)', () => {
  for (const status of [404, 410, 422] as const) {
    it(`sub-issues answer ${status}: links stay in the bodies, the record says so, one log line, and later syncs do not retry`, async () => {
      const fake = repository();
      fake.subIssuesApi = status;
      fake.dependenciesApi = status;
      const { probot, logs } = createTestApp();
      await probot.receive(prDelivery());
      expect(fake.lines(aboutRelations)).toEqual([
        // Each refused with the status (MemoryGitHub answers `status` for these APIs).
        'addSubIssue 14 5011 → error',
        'listSubIssueNumbers 14 → error',
        'addBlockedBy 12 5011 → error',
        'listBlockedByNumbers 12 → error',
      ]);
      const tracking = fake.issue(14);
      expect(tracking.body).toContain('> Sub-issues are not available in this repository: the phase issues are linked from this list.');
      expect(tracking.body).toContain('- ⬜ #12 **Phase 1: Foundation** · 0/2 tasks');
      expect(tracking.body.split('\n').at(-1)).toBe('<!-- planbot:links unsupported=dependencies,sub_issues phases=11:0,12:1,13:2 -->');
      expect(fake.issue(12).body).toContain('- **Dependencies**: Phase 0 (#11)');
      expect(fake.lines((call) => call.method === 'updateIssue')).toEqual(['updateIssue 14']);

      fake.calls = [];
      await probot.receive(prDelivery('synchronize'));
      await probot.receive(prDelivery('synchronize'));
      expect(fake.writes()).toEqual([]);
      expect(fake.calls.filter(aboutRelations)).toEqual([]);
      expect(warnings(logs).filter((message) => /API is not available/.test(message))).toEqual([
        "GitHub's sub-issues API is not available for acme/web; planbot links the issues in their bodies instead",
        "GitHub's issue dependencies (blocked by) API is not available for acme/web; planbot links the issues in their bodies instead",
      ]);
    });
  }

  it('without parent/summary fields (older servers) the links record alone tells what exists: no listing in the steady state', async () => {
    const fake = repository();
    fake.summaries = false;
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.writes()).toEqual([]);
    expect(fake.lines(aboutIssues)).toEqual([LIST]);
  });

  it('a link lost after a crash (recorded, but the issue reports no blocker) is listed and made again', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    fake.issue(13).blockedBy = [];
    fake.issue(12).parent = null;
    fake.issue(14).subIssues = [11, 13];
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.lines((call) => aboutIssues(call) && typeof call.args[1] === 'number')).toEqual([
      'listBlockedByNumbers 13',
      'addSubIssue 14 5012',
      'addBlockedBy 13 5012',
    ]);
    expect(fake.issue(13).blockedBy).toEqual([12]);
    expect(fake.issue(12).parent).toBe(14);
  });
});

describe('spec-kit tasks.md', () => {
  it('issues.source: tasks — phases and tasks come from tasks.md, the marker says source=tasks, links point at tasks.md', async () => {
    const fake = repository({ config: `${NO_CHECKS}issues:\n  source: tasks\n` });
    put(fake, 'specs/001-user-auth/tasks.md', TASKS);
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.issues.map((issue) => issue.title)).toEqual([
      '001-user-auth · Phase 1: Setup',
      '001-user-auth · Phase 2: Foundational',
      '001-user-auth · Phase 3: User Story 1 - Sign in (Priority: P1)',
      '001-user-auth: implementation plan',
    ]);
    const setup = fake.issue(11);
    expect(markerOf(setup)).toBe('<!-- planbot:v1 feature=001-user-auth phase=1 source=tasks path=specs/001-user-auth/plan.md branch=001-user-auth base=a08c4d5ax,40f9993do -->');
    expect(setup.body).toContain(
      '- **Duration**: 3 days\n- **Dependencies**: Phase 0 (no issue)\n- **Source**: [specs/001-user-auth/plan.md#L35](https://github.com/acme/web/blob/001-user-auth/specs/001-user-auth/plan.md#L35)\n- **Source**: [specs/001-user-auth/tasks.md#L5](https://github.com/acme/web/blob/001-user-auth/specs/001-user-auth/tasks.md#L5)',
    );
    expect(fake.issue(12).body).toContain('- [ ] T003 Set up the database schema and migrations\n- [ ] T004 \\[P\\] \\[US1\\] Implement the password hasher in src/auth/hash.ts');
    expect(setup.body).toContain('ticking a box here ticks it in tasks.md');
    // The steady state: reads only (over HTTP, plan.md and tasks.md at the head SHA come from the
    // ETag cache), and with nothing to write the branch is not asked about.
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.writes()).toEqual([]);
    expect(fake.lines()).toEqual([...CONFIG_READS, 'listPullFiles 7', `readFile ${PLAN_PATH} ${HEAD_SHA}`, `readFile specs/001-user-auth/tasks.md ${HEAD_SHA}`, LIST]);
  });

  it('issues.source: both — a phase number in both files is one issue with tasks.md\'s tasks; the others keep their own', async () => {
    const fake = repository({ config: `${NO_CHECKS}issues:\n  source: both\n` });
    put(fake, 'specs/001-user-auth/tasks.md', TASKS);
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.issues.map((issue) => [issue.title, markerOf(issue).match(/source=(\w+)/)?.[1]])).toEqual([
      ['001-user-auth · Phase 0: Research & Design', 'plan'],
      ['001-user-auth · Phase 1: Foundation', 'tasks'],
      ['001-user-auth · Phase 2: Core Implementation', 'tasks'],
      ['001-user-auth · Phase 3: User Story 1 - Sign in (Priority: P1)', 'tasks'],
      ['001-user-auth: implementation plan', 'plan'],
    ]);
    expect(fake.issue(12).body).toContain('- [x] T001 Create project structure per implementation plan');
    expect(fake.issue(12).body).not.toContain('Set up project structure');
  });

  it('issues.source: tasks without a tasks.md yet: nothing to sync, no issue calls', async () => {
    const fake = repository({ config: `${NO_CHECKS}issues:\n  source: tasks\n` });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.issues).toEqual([]);
    expect(fake.calls.filter(aboutIssues)).toEqual([]);
  });
});

describe('text copied from the plan', () => {
  const withMentions = PLAN.replace('- [ ] Design data model', '- [ ] Design data model with @alice and @acme/security, not `@bob`, mail ops@acme.io');

  it('mentions are wrapped in code so nobody is pinged; code spans and e-mail addresses are left alone', async () => {
    const fake = repository({ plan: withMentions });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.issue(11).body).toContain('- [ ] Design data model with `@alice` and `@acme/security`, not `@bob`, mail ops@acme.io');
  });

  it('issues.allow_mentions: true keeps them live', async () => {
    const fake = repository({ plan: withMentions, config: `${NO_CHECKS}issues:\n  allow_mentions: true\n` });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.issue(11).body).toContain('- [ ] Design data model with @alice and @acme/security, not `@bob`, mail ops@acme.io');
  });
});

describe('ticks made in the issues (two-way: a three-way merge against the synced base)', () => {
  it('a tick GitHub refused earlier (pending) is kept, not retried by a plan sync, and settles once the plan agrees', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    // A person ticked "Design data model"; the commit back to plan.md was refused, so the key is pending.
    const issue = fake.issue(11);
    issue.body = issue.body
      .replace('- [ ] Design data model', '- [x] Design data model')
      .replace(' base=', ' pending=design%20data%20model base=')
      .replace(/\n/g, '\r\n');
    const edited = issue.body;
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    // Only the tracking issue's progress changes: the tick is not reverted, and no refused commit is tried again.
    expect(writeLines(fake)).toEqual(['updateIssue 14']);
    expect(fake.issue(14).body).toContain('- ☑️ #11 **Phase 0: Research & Design** · 2/2 tasks');
    expect(fake.issue(11).body).toBe(edited);
    expect(fake.issue(11).state).toBe('open');

    // The plan catches up: the tick stays and the pending entry goes (one body write, no state change).
    put(fake, PLAN_PATH, PLAN.replace('- [ ] Design data model', '- [x] Design data model'));
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(markerOf(fake.issue(11))).not.toContain('pending=');
    expect(fake.issue(11).body).toContain('- [x] Design data model');
  });

  it('a tick made in the issue reaches the plan on the next sync (one commit), and edited task text is replaced by the plan\'s', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    const original = fake.issue(12).body;
    fake.issue(12).body = original.replace('Set up project structure', 'Set up the monorepo').replace('- [ ] Configure', '- [x] Configure');
    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(writeLines(fake)).toEqual([
      `writeFile ${PLAN_PATH}`,
      'updateIssue 12',
      'updateIssue 14',
    ]);
    expect(fake.file(PLAN_PATH, BRANCH)).toBe(PLAN.replace('- [ ] Configure', '- [x] Configure'));
    expect(fake.commitMessages[0]).toMatch(/^docs\(plan\): tick "Configure/);
    expect(fake.issue(12).body).toContain('- [ ] Set up project structure');
    expect(fake.issue(12).body).toContain('- [x] Configure');
    expect(fake.issue(12).body).not.toContain('monorepo');
  });

  it('the plan unticks a task the issue shows ticked: the plan wins (only the plan moved from the base)', async () => {
    const fake = repository({ plan: PLAN.replace('- [ ] Design data model', '- [x] Design data model') });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.issue(11).body).toContain('- [x] Design data model');
    put(fake, PLAN_PATH, PLAN);
    fake.calls = [];
    await probot.receive(prDelivery('synchronize', { headSha: nextSha() }));
    expect(writeLines(fake)).not.toContain(`writeFile ${PLAN_PATH}`);
    expect(fake.issue(11).body).toContain('- [ ] Design data model');
  });
});

describe('configuration', () => {
  it('issues.enabled: false — no issue calls at all', async () => {
    const fake = repository({ config: `${NO_CHECKS}issues:\n  enabled: false\n` });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    await probot.receive(pushDelivery({ modified: [PLAN_PATH] }));
    expect(fake.lines()).toEqual([...CONFIG_READS, ...CONFIG_READS]);
  });

  it('an invalid configuration: nothing is written (the plan check reports it)', async () => {
    const fake = repository({ config: 'issues:\n  enabled: maybe\n' });
    const { probot } = createTestApp();
    await probot.receive(pushDelivery({ modified: [PLAN_PATH] }));
    // Only configuration reads (the loader reads the file again to point at the bad line).
    expect(fake.calls.every((call) => call.method === 'readConfigLayers' || (call.method === 'readRawText' && call.args[1] === '.github/planbot.yml'))).toBe(true);
    expect(fake.calls.length).toBeGreaterThan(0);
  });
});

describe('pushes', () => {
  it('a plan change pushed to the default branch syncs with links to the default branch', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await probot.receive(pushDelivery({ modified: [PLAN_PATH, 'src/index.ts'], sender: { login: 'alice', type: 'User' } }));
    // Read at the branch, not at `after`: a push handled late must not undo a newer tick.
    expect(fake.lines().slice(0, 4)).toEqual([
      ...CONFIG_READS,
      `readFile ${PLAN_PATH} main`,
      'readFile specs/001-user-auth/tasks.md main',
      LIST,
    ]);
    expect(fake.issues).toHaveLength(4);
    expect(markerOf(fake.issue(11))).toContain(' branch=main base=');
    expect(fake.issue(11).body).toContain('(https://github.com/acme/web/blob/main/specs/001-user-auth/plan.md#L28)');
    expect(fake.issue(11).assignees).toEqual(['alice']);
  });

  it('a tasks.md change syncs its plan when tasks.md feeds the issues', async () => {
    const fake = repository({ config: `${NO_CHECKS}issues:\n  source: tasks\n` });
    put(fake, 'specs/001-user-auth/tasks.md', TASKS);
    const { probot } = createTestApp();
    await probot.receive(pushDelivery({ modified: ['specs/001-user-auth/tasks.md'] }));
    expect(fake.issues.map((issue) => issue.title)[0]).toBe('001-user-auth · Phase 1: Setup');
  });

  it('costs no call for other branches, deleted refs, pushes without markdown, and planbot\'s own commits', async () => {
    const fake = repository();
    const { probot } = createTestApp({ env: { BOT_LOGIN: 'planbot' } });
    await probot.receive(pushDelivery({ ref: 'refs/heads/001-user-auth', modified: [PLAN_PATH] }));
    await probot.receive(pushDelivery({ ref: 'refs/heads/main', deleted: true }));
    await probot.receive(pushDelivery({ modified: ['src/index.ts'] }));
    await probot.receive(pushDelivery({ modified: [PLAN_PATH], sender: { login: 'planbot[bot]', type: 'Bot' } }));
    expect(fake.calls).toEqual([]);
  });

  it('a pull request from a fork makes no issues (they are synced once it is merged)', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await probot.receive(prDelivery('opened', { fork: 'mallory/web' }));
    expect(fake.calls.filter(aboutIssues)).toEqual([]);
    expect(fake.issues).toEqual([]);
  });
});

describe('failures', () => {
  it('labels missing: created after the 422 that names them, then the create is retried once', async () => {
    const fake = repository({ config: `${NO_CHECKS}issues:\n  labels: [roadmap]\n` });
    fake.labels.clear();
    fake.rejectMissingLabels = true;
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.lines((call) => call.method === 'createIssue' || call.method === 'createLabel')).toEqual([
      'createIssue → error', // 422 naming the missing label
      'createLabel',
      'createIssue',
      'createIssue',
      'createIssue',
      'createIssue → error',
      'createLabel', // already exists (the boundary answers false)
      'createLabel',
      'createIssue',
    ]);
    expect(fake.callsOf('createLabel').map((call) => sent<LabelSpec>(call).name)).toEqual(['roadmap', 'roadmap', 'planbot:tracking']);
    expect(fake.issues).toHaveLength(4);
  });

  it('a write that keeps failing is logged with the delivery id and rethrown; the links record is corrected; the retry finishes the job', async () => {
    const fake = repository();
    fake.fail('addBlockedBy', 502, { match: (args) => args[1] === 13 });
    const { probot, logs } = createTestApp();
    const delivery = prDelivery();
    await expect(probot.receive(delivery)).rejects.toThrow();
    const error = logs.find((line) => line.msg === 'issue sync stopped on a failed write; the job is retried');
    expect(error).toMatchObject({ deliveryId: delivery.id, err: { status: 502 } });
    expect(fake.issue(14).body.split('\n').at(-1)).toBe('<!-- planbot:links sub=11,12,13 blocked_by=12:11 phases=11:0,12:1,13:2 -->');

    fake.calls = [];
    await probot.receive(prDelivery('synchronize'));
    expect(writeLines(fake)).toEqual(['updateIssue 14', 'addBlockedBy 13 5012']);
    expect(fake.issue(13).blockedBy).toEqual([12]);
    expect(fake.issues).toHaveLength(4);
  });
});
