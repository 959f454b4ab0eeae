// issues.granularity: task — each task is an issue of its own, a sub-issue of its phase's issue,
// labelled with its story and `parallel` for [P], kept in step both ways by the same reconciler.
// Every test asserts the exact writes GitHub receives (stateful fake served through nock).
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Context, ProbotOctokit } from 'probot';
import pino from 'pino';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { KeyedMutex, setFeatureLock } from '../../src/sync/feature-lock.js';
import { defaultConfig, type PlanbotConfig } from '../../src/config/schema.js';
import { ConditionalCache, useConditionalRequests } from '../../src/github/conditional-requests.js';
import { readMarker } from '../../src/sync/marker.js';
import { closeParsePool } from '../../src/plan/parallel.js';
import { resetNock } from '../helpers/probot.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { FakeGitHub, type FakeIssue } from './fake-github.js';

const PLAN = '# Implementation Plan: Login\n\n**Branch**: `001-login`\n\n## Summary\n\nSign people in.\n';
const TASKS = [
  '# Tasks: Login',
  '',
  '## Phase 1: Setup',
  '',
  '- [ ] T001 Create project structure',
  '- [X] T002 [P] Configure linting',
  '',
  '## Phase 2: Sign in',
  '',
  '- [ ] T003 [P] [US1] Create User model',
  '- [ ] T004 [US1] Implement sign-in endpoint',
  '',
].join('\n');

const feature = (id: string) => ({ plan: `specs/${id}/plan.md`, tasks: `specs/${id}/tasks.md` });
const target = (id: string, extra: Partial<SyncTarget> = {}): SyncTarget => ({
  owner: 'acme',
  repo: 'web',
  feature: id,
  planPath: feature(id).plan,
  ref: id,
  branchForLinks: id,
  author: 'octocat',
  ...extra,
});

function config(): PlanbotConfig {
  const base = defaultConfig();
  return { ...base, issues: { ...base.issues, granularity: 'task' } };
}

function context(): Context {
  const octokit = new (ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }))({ auth: { token: 'test' } } as any);
  useConditionalRequests(octokit as any, new ConditionalCache(), '4242');
  return new Context({ id: 'tasks-1', name: 'push', payload: pushPayload() } as any, octokit as any, pino({ level: 'silent' }) as any);
}

function world(tasks = TASKS, id = '001-login'): FakeGitHub {
  const fake = new FakeGitHub({ firstNumber: 11 }).install();
  fake.config = '{}\n';
  fake.files.set(feature(id).plan, PLAN);
  fake.files.set(feature(id).tasks, tasks);
  return fake;
}

const writes = (fake: FakeGitHub) => fake.lines((request) => request.method !== 'GET');
const taskIssue = (fake: FakeGitHub, task: string, id = '001-login'): FakeIssue => {
  const issue = fake.issues.find((candidate) => readMarker(candidate.body)?.task === task && readMarker(candidate.body)?.feature === id);
  if (!issue) throw new Error(`no issue for ${task} of ${id}`);
  return issue;
};
const phaseIssue = (fake: FakeGitHub, phase: string) => fake.issues.find((issue) => readMarker(issue.body)?.phase === phase && !readMarker(issue.body)?.task)!;

beforeEach(resetNock);
afterEach(() => setFeatureLock(new KeyedMutex()));
afterAll(closeParsePool);

describe('first sync', () => {
  it('creates the task issues (labelled), then the phase issues naming them, closes the ticked one, and links each task under its phase', async () => {
    const fake = world();
    const result = await syncFeature(context(), target('001-login'), { config: config() });
    expect(result.status).toBe('synced');
    // #11–#14 tasks, #15–#16 phases, #17 tracking.
    expect(writes(fake)).toEqual([
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues',
      'PATCH /repos/acme/web/issues/12',
      'POST /repos/acme/web/issues',
      'POST /repos/acme/web/issues/17/sub_issues',
      'POST /repos/acme/web/issues/17/sub_issues',
      'POST /repos/acme/web/issues/15/sub_issues',
      'POST /repos/acme/web/issues/15/sub_issues',
      'POST /repos/acme/web/issues/16/sub_issues',
      'POST /repos/acme/web/issues/16/sub_issues',
    ]);
    const creates = fake.writes().filter((write) => write.method === 'POST' && write.path === '/repos/acme/web/issues');
    expect(creates.map((create) => [create.body.title, create.body.labels])).toEqual([
      ['001-login · T001: Create project structure', ['planbot']],
      ['001-login · T002: Configure linting', ['planbot', 'parallel']],
      ['001-login · T003: Create User model', ['planbot', 'US1', 'parallel']],
      ['001-login · T004: Implement sign-in endpoint', ['planbot', 'US1']],
      ['001-login · Phase 1: Setup', ['planbot']],
      ['001-login · Phase 2: Sign in', ['planbot']],
      ['001-login: implementation plan', ['planbot', 'planbot:tracking']],
    ]);
    expect(fake.labels.has('US1')).toBe(true);
    expect(fake.labels.has('parallel')).toBe(true);

    expect(fake.issue(12)).toMatchObject({ state: 'closed', state_reason: 'completed', parent: 15 });
    expect(fake.issue(11)).toMatchObject({ state: 'open', parent: 15 });
    expect(fake.issue(15).subIssues).toEqual([11, 12]);
    expect(fake.issue(16).subIssues).toEqual([13, 14]);
    expect(fake.issue(17).subIssues).toEqual([15, 16]);

    expect(readMarker(fake.issue(13).body)).toMatchObject({ feature: '001-login', phase: '2', task: 'T003', source: 'tasks' });
    expect(fake.issue(13).body).toContain('- **Story**: US1');
    expect(fake.issue(13).body).toContain('- **Parallel**: yes (`[P]`)');
    expect(fake.issue(13).body).toContain('(https://github.com/acme/web/blob/001-login/specs/001-login/tasks.md#L10)');
    // The phase issue still lists its tasks, and links each task's issue.
    const phase1 = fake.issue(15).body.split('\n').filter((line) => line.startsWith('- ['));
    expect(phase1).toEqual([expect.stringMatching(/^- \[ \] T001 Create project structure · #11$/), expect.stringMatching(/^- \[x\] T002 .*Configure linting · #12$/)]);
  });

  it('a second sync with nothing changed writes nothing', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: config() });
    fake.log = [];
    const second = await syncFeature(context(), target('001-login'), { config: config() });
    expect(second.status).toBe('unchanged');
    expect(writes(fake)).toEqual([]);
  });
});

describe('plan → task issue', () => {
  it('a tick in tasks.md closes the task issue (and the phase issue it completes), one write each', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: config() });
    fake.files.set(feature('001-login').tasks, TASKS.replace('- [ ] T001', '- [x] T001'));
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(writes(fake)).toEqual(['PATCH /repos/acme/web/issues/15', 'PATCH /repos/acme/web/issues/11', 'PATCH /repos/acme/web/issues/17']);
    expect(fake.writes()[1].body).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(fake.issue(11)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(fake.issue(15).state).toBe('closed');
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(writes(fake)).toEqual([]);
  });

  it('a task removed from tasks.md: its issue is closed as not planned; back again, it reopens', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: config() });
    fake.files.set(feature('001-login').tasks, TASKS.replace('- [ ] T004 [US1] Implement sign-in endpoint\n', ''));
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(writes(fake)).toEqual(['PATCH /repos/acme/web/issues/16', 'PATCH /repos/acme/web/issues/14', 'PATCH /repos/acme/web/issues/17']);
    expect(fake.issue(14)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(readMarker(fake.issue(14).body)?.removed).toBe(true);

    fake.files.set(feature('001-login').tasks, TASKS);
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(fake.issue(14)).toMatchObject({ state: 'open', state_reason: 'reopened' });
    expect(fake.issues).toHaveLength(7);
  });
});

describe('task issue → plan', () => {
  it('closing a task issue as completed commits the tick to tasks.md, then the issues follow; reopening unticks it', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: config() });
    // A person closes T003's issue as completed.
    Object.assign(fake.issue(13), { state: 'closed', state_reason: 'completed' });
    fake.log = [];
    await syncFeature(context(), target('001-login', { commitBranch: '001-login' }), { config: config() });
    expect(writes(fake)).toEqual([
      'PUT /repos/acme/web/contents/specs/001-login/tasks.md',
      'PATCH /repos/acme/web/issues/16',
      'PATCH /repos/acme/web/issues/13',
      'PATCH /repos/acme/web/issues/17',
    ]);
    expect(fake.files.get(feature('001-login').tasks)).toBe(TASKS.replace('- [ ] T003', '- [X] T003'));
    // The task issue's own write records the new base only: it stays closed.
    expect(fake.writes()[2].body).not.toHaveProperty('state');
    expect(readMarker(fake.issue(13).body)?.pending).toEqual([]);
    expect(fake.commitMessages).toHaveLength(1);
    expect(fake.issue(16).body).toContain('- [x] T003');
    fake.log = [];
    await syncFeature(context(), target('001-login', { commitBranch: '001-login' }), { config: config() });
    expect(writes(fake)).toEqual([]);

    // Reopened: unticked in tasks.md.
    Object.assign(fake.issue(13), { state: 'open', state_reason: 'reopened' });
    await syncFeature(context(), target('001-login', { commitBranch: '001-login' }), { config: config() });
    expect(fake.files.get(feature('001-login').tasks)).toBe(TASKS);
    expect(fake.issue(16).body).toContain('- [ ] T003');
  });

  it('closed as not planned by a person: the tick is not touched and the issue stays closed', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: config() });
    Object.assign(fake.issue(14), { state: 'closed', state_reason: 'not_planned' });
    fake.log = [];
    await syncFeature(context(), target('001-login', { commitBranch: '001-login' }), { config: config() });
    expect(writes(fake)).toEqual([]);
    expect(fake.files.get(feature('001-login').tasks)).toBe(TASKS);
  });
});

describe('identity is the feature plus the task id', () => {
  it('T001 in two features are two issues; ticking one feature’s T001 closes only its issue', async () => {
    const fake = world();
    fake.files.set(feature('002-search').plan, PLAN);
    fake.files.set(feature('002-search').tasks, '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create index\n');
    await syncFeature(context(), target('001-login'), { config: config() });
    await syncFeature(context(), target('002-search'), { config: config() });
    const one = taskIssue(fake, 'T001', '001-login');
    const two = taskIssue(fake, 'T001', '002-search');
    expect(one.number).not.toBe(two.number);
    expect(two.title).toBe('002-search · T001: Create index');
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    await syncFeature(context(), target('002-search'), { config: config() });
    expect(writes(fake)).toEqual([]);

    fake.files.set(feature('002-search').tasks, '# Tasks\n\n## Phase 1: Setup\n\n- [x] T001 Create index\n');
    await syncFeature(context(), target('002-search'), { config: config() });
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(two.state).toBe('closed');
    expect(one.state).toBe('open');
  });
});

describe('GitHub’s 100 sub-issues per parent', () => {
  it('a phase with 101 tasks: every task gets an issue, 100 are linked, the sync reports the limit, and a second sync writes nothing', async () => {
    const lines = Array.from({ length: 101 }, (_, index) => `- [ ] T${String(index + 1).padStart(3, '0')} Task ${index + 1}`);
    const fake = world(['# Tasks', '', '## Phase 1: Everything', '', ...lines, ''].join('\n'));
    const result = await syncFeature(context(), target('001-login'), { config: config() });
    const phase = phaseIssue(fake, '1');
    expect(fake.issues.filter((issue) => readMarker(issue.body)?.task)).toHaveLength(101);
    expect(phase.subIssues).toHaveLength(100);
    expect(taskIssue(fake, 'T101').parent).toBeNull();
    expect(phase.body).toContain(`T101 Task 101 · #${taskIssue(fake, 'T101').number}`);
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'sub-issue-limit',
        severity: 'warning',
        line: 105,
        message: expect.stringMatching(/^Phase 1 has 101 tasks; GitHub allows 100 sub-issues per issue, so tasks from T101 on/),
      }),
    ]);
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(writes(fake)).toEqual([]);
  });
});

describe('later changes', () => {
  it('a task that gains a story gets its label added; one write', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: config() });
    fake.files.set(feature('001-login').tasks, TASKS.replace('T001 Create', 'T001 [US2] Create'));
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(writes(fake)).toEqual(['PATCH /repos/acme/web/issues/15', 'PATCH /repos/acme/web/issues/11', 'POST /repos/acme/web/issues/11/labels']);
    expect(fake.writes()[2].body).toEqual({ labels: ['US2'] });
    expect(fake.issue(11).labels).toEqual(['planbot', 'US2']);
  });

  it('granularity back to phase: each open task issue is closed as not planned, once; the phase issues drop the links', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: config() });
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: defaultConfig() });
    expect(writes(fake)).toEqual([
      'PATCH /repos/acme/web/issues/15',
      'PATCH /repos/acme/web/issues/16',
      'PATCH /repos/acme/web/issues/11',
      'PATCH /repos/acme/web/issues/13',
      'PATCH /repos/acme/web/issues/14',
    ]);
    expect([11, 13, 14].map((number) => fake.issue(number).state_reason)).toEqual(['not_planned', 'not_planned', 'not_planned']);
    expect(fake.issue(15).body).not.toContain(' · #');
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: defaultConfig() });
    expect(writes(fake)).toEqual([]);
  });
});

describe('a task issue’s marker removed by hand', () => {
  it('the tracking record still knows the task: the marker is written back with one note, no second issue', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(fake.issue(17).body).toMatch(/<!-- planbot:links sub=11,12,13,14,15,16 phases=15:1,16:2 tasks=11:[0-9a-f]{8},12:[0-9a-f]{8},13:[0-9a-f]{8},14:[0-9a-f]{8} -->$/);
    const original = fake.issue(13).body;
    fake.issue(13).body = original.split('\n').slice(1).join('\n');
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(writes(fake)).toEqual(['PATCH /repos/acme/web/issues/13', 'POST /repos/acme/web/issues/13/comments']);
    expect(fake.issue(13).body).toBe(original);
    expect(fake.comments.map((comment) => comment.body)).toEqual([
      "planbot restored this issue's hidden first line, which marks it as task T003 of `001-login`; please leave that line as it is.",
    ]);
    expect(fake.issues).toHaveLength(7);
    fake.log = [];
    await syncFeature(context(), target('001-login'), { config: config() });
    expect(writes(fake)).toEqual([]);
  });
});

describe('granularity: phase (the default)', () => {
  it('makes no task issues', async () => {
    const fake = world();
    await syncFeature(context(), target('001-login'), { config: defaultConfig() });
    expect(fake.issues.filter((issue) => readMarker(issue.body)?.task)).toEqual([]);
    expect(fake.issues).toHaveLength(3);
  });
});
