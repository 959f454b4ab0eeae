// Issue sync driven the way GitHub drives it: probot.receive + a nock-served GitHub (fake-github.ts)
// that keeps issues, sub-issues and dependencies. Every test asserts what GitHub receives:
// the request sequence, bodies and counts, and that nothing is written when nothing changed.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createTestApp, resetNock } from '../helpers/probot.js';
import { pullRequestPayload, HEAD_SHA } from '../helpers/payloads-checks.js';
import { pushPayload, AFTER_SHA } from '../helpers/payloads-issues.js';
import { resetUnsupportedNotes } from '../../src/github/issues-api-support.js';
import { FakeGitHub, type FakeIssue } from './fake-github.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const PLAN = readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8');
const TASKS = readFileSync(new URL('./fixtures/tasks.md', import.meta.url), 'utf8');
const NO_CHECKS = 'checks:\n  enabled: false\n';
const CONFIG_READS = ['GET /repos/acme/web/contents/.github/planbot.yml'];
const LIST = 'GET /repos/acme/web/issues?labels=planbot&state=all&per_page=100';

let ids = 0;
const nextId = () => `delivery-${++ids}`;

function prDelivery(action: 'opened' | 'synchronize' | 'reopened' = 'opened', options: { headRef?: string; headSha?: string; fork?: string; number?: number } = {}) {
  const payload = pullRequestPayload(action, { number: options.number ?? 7, headRef: options.headRef ?? '001-user-auth', headSha: options.headSha, fork: options.fork });
  payload.repository.html_url = 'https://github.com/acme/web';
  payload.pull_request.user.login = 'octocat';
  return { id: nextId(), name: 'pull_request', payload } as any;
}

function pushDelivery(options: Parameters<typeof pushPayload>[0] = {}) {
  return { id: nextId(), name: 'push', payload: pushPayload(options) } as any;
}

/** A repository with the plan on the PR branch and checks turned off (so only the sync writes). */
function repository(options: { config?: string; plan?: string; firstNumber?: number } = {}): FakeGitHub {
  const fake = new FakeGitHub({ firstNumber: options.firstNumber ?? 11 }).install();
  fake.config = options.config ?? NO_CHECKS;
  fake.files.set(PLAN_PATH, options.plan ?? PLAN);
  fake.pullFiles.set(7, [PLAN_PATH]);
  return fake;
}

const markerOf = (issue: FakeIssue) => issue.body.split('\n')[0];
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
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      `GET /repos/acme/web/contents/${PLAN_PATH}?ref=${HEAD_SHA}`,
      LIST,
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues/14/sub_issues',
      'POST /repos/acme/web/issues/14/sub_issues',
      'POST /repos/acme/web/issues/14/sub_issues',
      'POST /repos/acme/web/issues/12/dependencies/blocked_by',
      'POST /repos/acme/web/issues/13/dependencies/blocked_by',
    ]);
    const writes = fake.writes().map((request) => request.body);
    expect(writes.slice(0, 4).map((body) => [body.title, body.labels, body.assignees, body.milestone])).toEqual([
      ['001-user-auth · Phase 0: Research & Design', ['planbot'], ['octocat'], undefined],
      ['001-user-auth · Phase 1: Foundation', ['planbot'], ['octocat'], undefined],
      ['001-user-auth · Phase 2: Core Implementation', ['planbot'], ['octocat'], undefined],
      ['001-user-auth: implementation plan', ['planbot', 'planbot:tracking'], ['octocat'], undefined],
    ]);
    expect(writes[1].body).toBe(
      [
        '<!-- planbot:v1 feature=001-user-auth phase=1 source=plan path=specs/001-user-auth/plan.md branch=001-user-auth -->',
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
        '<!-- planbot:links sub=11,12,13 blocked_by=12:11,13:12 -->',
      ].join('\n'),
    );
    expect(writes.slice(4)).toEqual([{ sub_issue_id: 5011 }, { sub_issue_id: 5012 }, { sub_issue_id: 5013 }, { issue_id: 5011 }, { issue_id: 5012 }]);
    expect(fake.issue(14).subIssues).toEqual([11, 12, 13]);
    expect([fake.issue(12).blockedBy, fake.issue(13).blockedBy]).toEqual([[11], [12]]);
  });

  it('takes assignees and the milestone from the configuration', async () => {
    const fake = repository({ config: `${NO_CHECKS}issues:\n  assignees: [alice, bob]\n  milestone: 3\n  labels: [plan, team-web]\n` });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    expect(fake.writes().filter((request) => request.path === '/repos/acme/web/issues').map((request) => [request.body.labels, request.body.assignees, request.body.milestone])).toEqual([
      [['plan', 'team-web'], ['alice', 'bob'], 3],
      [['plan', 'team-web'], ['alice', 'bob'], 3],
      [['plan', 'team-web'], ['alice', 'bob'], 3],
      [['plan', 'team-web', 'planbot:tracking'], ['alice', 'bob'], 3],
    ]);
  });
});

describe('idempotency and cost', () => {
  it('an unchanged plan costs zero writes; in the steady state every read is a 304 and the sync itself makes one request', async () => {
    const fake = repository();
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    const issuesAfterFirst = structuredClone(fake.issues);

    fake.log = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.writes()).toEqual([]);

    fake.log = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.writes()).toEqual([]);
    expect(fake.lines()).toEqual([
      `${CONFIG_READS[0]} → 304`,
      'GET /repos/acme/web/pulls/7/files?per_page=100 → 304',
      `GET /repos/acme/web/contents/${PLAN_PATH}?ref=${HEAD_SHA} → 304`,
      `${LIST} → 304`,
    ]);
    // Config, changed files and the plan are the reads the checks share on this event.
    const own = fake.log.filter((request) => request.path.startsWith('/repos/acme/web/issues'));
    expect(own).toHaveLength(1);
    expect(fake.issues).toEqual(issuesAfterFirst);
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
    expect(fake.writes().filter((request) => request.method === 'POST' && request.path === '/repos/acme/web/issues')).toHaveLength(4);
  });

  it('25 phases: 26 creates, 25 sub-issue links, 24 blocked-by links; a second sync writes nothing', async () => {
    const phases = Array.from({ length: 25 }, (_, n) =>
      [`### Phase ${n + 1}: Step ${n + 1}`, '**Duration**: 1 day', ...(n > 0 ? [`**Dependencies**: Phase ${n}`] : []), '', `- [ ] Task ${n + 1}`, ''].join('\n'),
    );
    const fake = repository({ plan: `# Plan\n\n## Implementation Phases\n\n${phases.join('\n')}` });
    const { probot } = createTestApp();
    await probot.receive(prDelivery());
    const count = (pattern: RegExp) => fake.writes().filter((request) => pattern.test(`${request.method} ${request.path}`)).length;
    expect(fake.writes()).toHaveLength(26 + 25 + 24);
    expect(count(/^POST \/repos\/acme\/web\/issues$/)).toBe(26);
    expect(count(/sub_issues$/)).toBe(25);
    expect(count(/blocked_by$/)).toBe(24);
    expect(fake.issue(36).subIssues).toHaveLength(25);
    fake.log = [];
    await probot.receive(prDelivery('synchronize'));
    expect(fake.writes()).toEqual([]);
  });
});

describe('lifecycle', () => {
  async function synced(config = NO_CHECKS) {
    const fake = repository({ config });
    const app = createTestApp();
    await app.probot.receive(prDelivery());
    fake.log = [];
    return { fake, ...app };
  }

  it('a renamed phase gets its title (and the tracking list) updated: two writes', async () => {
    const { fake, probot } = await synced();
    fake.files.set(PLAN_PATH, PLAN.replace('### Phase 1: Foundation', '### Phase 1: Groundwork'));
    await probot.receive(prDelivery('synchronize'));
    expect(fake.lines((request) => request.method !== 'GET')).toEqual(['PATCH /repos/acme/web/issues/12', 'PATCH /repos/acme/web/issues/14']);
    expect(fake.writes()[0].body.title).toBe('001-user-auth · Phase 1: Groundwork');
    expect(fake.issue(12).body).toContain('**Phase 1: Groundwork** of `001-user-auth`');
    expect(fake.issue(14).body).toContain('- ⬜ #12 **Phase 1: Groundwork** · 0/2 tasks');
    expect(fake.issue(12).state).toBe('open');
  });

  it('a removed phase closes as not planned with a comment; its blocked-by link goes', async () => {
    const { fake, probot } = await synced();
    fake.files.set(PLAN_PATH, PLAN.slice(0, PLAN.indexOf('### Phase 2')) + PLAN.slice(PLAN.indexOf('## Quality Gates')));
    await probot.receive(prDelivery('synchronize'));
    expect(fake.lines((request) => request.method !== 'GET')).toEqual([
      'PATCH /repos/acme/web/issues/13',
      'POST /repos/acme/web/issues/13/comments',
      'PATCH /repos/acme/web/issues/14',
      'DELETE /repos/acme/web/issues/13/dependencies/blocked_by/5012',
    ]);
    const close = fake.writes()[0].body;
    expect([close.state, close.state_reason]).toEqual(['closed', 'not_planned']);
    expect(markerOf(fake.issue(13))).toBe('<!-- planbot:v1 feature=001-user-auth phase=2 source=plan path=specs/001-user-auth/plan.md branch=001-user-auth removed -->');
    expect(fake.comments).toEqual([
      { issue: 13, body: 'Phase 2 is no longer in `specs/001-user-auth/plan.md`, so planbot closed this issue as not planned. It reopens if the phase comes back.' },
    ]);
    expect(fake.issue(13).blockedBy).toEqual([]);
    expect(fake.issue(14).body).not.toContain('#13');
    expect(fake.issue(14).body).toContain('<!-- planbot:links sub=11,12,13 blocked_by=12:11 -->');

    // The phase comes back: the same issue reopens, no new issue, no second comment.
    fake.log = [];
    fake.files.set(PLAN_PATH, PLAN);
    await probot.receive(prDelivery('synchronize'));
    expect(fake.issues).toHaveLength(4);
    expect([fake.issue(13).state, fake.issue(13).state_reason]).toEqual(['open', 'reopened']);
    expect(markerOf(fake.issue(13))).not.toContain('removed');
    expect(fake.comments).toHaveLength(1);
    expect(fake.issue(13).blockedBy).toEqual([12]);
  });

  it('a phase whose tasks are all ticked closes as completed; unticking one reopens it; the tracking issue follows', async () => {
    const { fake, probot } = await synced();
    const allPhase1Done = PLAN.replace('- [ ] Set up project structure', '- [x] Set up project structure').replace('- [ ] Configure build/test pipeline', '- [X] Configure build/test pipeline');
    fake.files.set(PLAN_PATH, allPhase1Done);
    await probot.receive(prDelivery('synchronize'));
    expect(fake.lines((request) => request.method !== 'GET')).toEqual(['PATCH /repos/acme/web/issues/12', 'PATCH /repos/acme/web/issues/14']);
    expect([fake.writes()[0].body.state, fake.writes()[0].body.state_reason]).toEqual(['closed', 'completed']);
    expect(fake.issue(12).body).toContain('- [x] Set up project structure\n- [x] Configure build/test pipeline');
    expect(fake.issue(14).body).toContain('- ✅ #12 **Phase 1: Foundation** · 2/2 tasks');
    expect(fake.issue(14).state).toBe('open');

    fake.log = [];
    fake.files.set(PLAN_PATH, allPhase1Done.replace('- [X] Configure build/test pipeline', '- [ ] Configure build/test pipeline'));
    await probot.receive(prDelivery('synchronize'));
    expect(fake.lines((request) => request.method !== 'GET')).toEqual(['PATCH /repos/acme/web/issues/12', 'PATCH /repos/acme/web/issues/14']);
    expect([fake.issue(12).state, fake.issue(12).state_reason]).toEqual(['open', 'reopened']);
  });

  it('the tracking issue closes when every phase is done and reopens when one reopens', async () => {
    const { fake, probot } = await synced();
    const allDone = PLAN.replace(/- \[ \]/g, '- [x]');
    fake.files.set(PLAN_PATH, allDone);
    await probot.receive(prDelivery('synchronize'));
    expect(fake.issues.map((issue) => [issue.number, issue.state, issue.state_reason])).toEqual([
      [11, 'closed', 'completed'],
      [12, 'closed', 'completed'],
      [13, 'closed', 'completed'],
      [14, 'closed', 'completed'],
    ]);
    expect(fake.issue(14).body).toContain('**Progress**: 3 of 3 phases done · 6 of 6 tasks done');
    expect(fake.issue(14).body.split('\n').at(-1)).toBe('<!-- planbot:links sub=11,12,13 blocked_by=12:11,13:12 done -->');

    fake.log = [];
    fake.files.set(PLAN_PATH, allDone.replace('- [x] Create API endpoints', '- [ ] Create API endpoints'));
    await probot.receive(prDelivery('synchronize'));
    expect(fake.lines((request) => request.method !== 'GET')).toEqual(['PATCH /repos/acme/web/issues/13', 'PATCH /repos/acme/web/issues/14']);
    expect([fake.issue(13).state, fake.issue(14).state]).toEqual(['open', 'open']);
  });

  it('a phase closed by hand stays closed while its tasks do not change', async () => {
    const { fake, probot } = await synced();
    Object.assign(fake.issue(11), { state: 'closed', state_reason: 'completed' });
    await probot.receive(prDelivery('synchronize'));
    // Only the tracking list reflects it; the issue is not reopened.
    expect(fake.lines((request) => request.method !== 'GET')).toEqual(['PATCH /repos/acme/web/issues/14']);
    expect(fake.issue(11).state).toBe('closed');
    expect(fake.issue(14).body).toContain('- ✅ #11 **Phase 0: Research & Design** · 1/2 tasks');
  });
});
