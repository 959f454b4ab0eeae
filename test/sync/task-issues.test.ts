// issues.granularity: task — each task is an issue of its own, a sub-issue of its phase's issue,
// labelled with its story and `parallel` for [P], kept in step both ways by the same reconciler.
// Every test asserts the exact writes GitHub receives (the in-memory GitHub's call log).
import { afterAll, describe, expect, it } from '@jest/globals';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { defaultConfig, type PlanbotConfig } from '../../src/config/schema.js';
import { readMarker } from '../../src/sync/marker.js';
import { closeParsePool } from '../../src/plan/parallel.js';
import type { Job } from '../../src/job/job.js';
import type { FileWrite, IssueChanges, NewIssue } from '../../src/github/github.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { MemoryGitHub, type MemoryIssue } from '../helpers/memory-github.js';
import { memoryJob } from '../helpers/memory-job.js';

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

const job = (github: MemoryGitHub): Job => memoryJob(github, { id: 'tasks-1', name: 'push', payload: pushPayload() });

/** acme/web with a feature on its own branch; issues numbered from 11. */
function world(tasks = TASKS, id = '001-login'): MemoryGitHub {
  const github = new MemoryGitHub({ firstNumber: 11 }).setConfig('{}\n');
  return withFeature(github, id, tasks);
}

function withFeature(github: MemoryGitHub, id: string, tasks: string): MemoryGitHub {
  return github.createBranch(id).setFile(feature(id).plan, PLAN, id).setFile(feature(id).tasks, tasks, id);
}

/** Each write as `method #issue` (the issue it names), or `writeFile path`. */
const writes = (github: MemoryGitHub) =>
  github.writes().map((call) => (call.method === 'writeFile' ? `writeFile ${(call.args[1] as FileWrite).path}` : typeof call.args[1] === 'number' ? `${call.method} #${call.args[1]}` : call.method));
/** What a write sent after `where` and the issue number: the issue to create, the changes, the labels. */
const sent = (github: MemoryGitHub, index: number) => github.writes()[index].args.at(-1);
const tasksFile = (github: MemoryGitHub, id = '001-login') => github.file(feature(id).tasks, id);
const taskIssue = (github: MemoryGitHub, task: string, id = '001-login'): MemoryIssue => {
  const issue = github.issues.find((candidate) => readMarker(candidate.body)?.task === task && readMarker(candidate.body)?.feature === id);
  if (!issue) throw new Error(`no issue for ${task} of ${id}`);
  return issue;
};
const phaseIssue = (github: MemoryGitHub, phase: string) => github.issues.find((issue) => readMarker(issue.body)?.phase === phase && !readMarker(issue.body)?.task)!;

afterAll(closeParsePool);

describe('first sync', () => {
  it('creates the task issues (labelled), then the phase issues naming them, closes the ticked one, and links each task under its phase', async () => {
    const github = world();
    const result = await syncFeature(job(github), target('001-login'), { config: config() });
    expect(result.status).toBe('synced');
    // #11–#14 tasks, #15–#16 phases, #17 tracking.
    expect(writes(github)).toEqual([
      'createIssue',
      'createIssue',
      'createIssue',
      'createIssue',
      'createIssue',
      'createIssue',
      'updateIssue #12',
      'createIssue',
      'addSubIssue #17',
      'addSubIssue #17',
      'addSubIssue #15',
      'addSubIssue #15',
      'addSubIssue #16',
      'addSubIssue #16',
    ]);
    const creates = github.callsOf('createIssue').map((call) => call.args[1] as NewIssue);
    expect(creates.map((create) => [create.title, create.labels])).toEqual([
      ['001-login · T001: Create project structure', ['planbot']],
      ['001-login · T002: Configure linting', ['planbot', 'parallel']],
      ['001-login · T003: Create User model', ['planbot', 'US1', 'parallel']],
      ['001-login · T004: Implement sign-in endpoint', ['planbot', 'US1']],
      ['001-login · Phase 1: Setup', ['planbot']],
      ['001-login · Phase 2: Sign in', ['planbot']],
      ['001-login: implementation plan', ['planbot', 'planbot:tracking']],
    ]);
    expect(github.labels.has('US1')).toBe(true);
    expect(github.labels.has('parallel')).toBe(true);

    expect(github.issue(12)).toMatchObject({ state: 'closed', state_reason: 'completed', parent: 15 });
    expect(github.issue(11)).toMatchObject({ state: 'open', parent: 15 });
    expect(github.issue(15).subIssues).toEqual([11, 12]);
    expect(github.issue(16).subIssues).toEqual([13, 14]);
    expect(github.issue(17).subIssues).toEqual([15, 16]);

    expect(readMarker(github.issue(13).body)).toMatchObject({ feature: '001-login', phase: '2', task: 'T003', source: 'tasks' });
    expect(github.issue(13).body).toContain('- **Story**: US1');
    expect(github.issue(13).body).toContain('- **Parallel**: yes (`[P]`)');
    expect(github.issue(13).body).toContain('(https://github.com/acme/web/blob/001-login/specs/001-login/tasks.md#L10)');
    // The phase issue still lists its tasks, and links each task's issue.
    const phase1 = github.issue(15).body.split('\n').filter((line) => line.startsWith('- ['));
    expect(phase1).toEqual([expect.stringMatching(/^- \[ \] T001 Create project structure · #11$/), expect.stringMatching(/^- \[x\] T002 .*Configure linting · #12$/)]);
  });

  it('a second sync with nothing changed writes nothing', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: config() });
    github.calls = [];
    const second = await syncFeature(job(github), target('001-login'), { config: config() });
    expect(second.status).toBe('unchanged');
    expect(writes(github)).toEqual([]);
  });
});

describe('plan → task issue', () => {
  it('a tick in tasks.md closes the task issue (and the phase issue it completes), one write each', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: config() });
    github.setFile(feature('001-login').tasks, TASKS.replace('- [ ] T001', '- [x] T001'), '001-login');
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(writes(github)).toEqual(['updateIssue #15', 'updateIssue #11', 'updateIssue #17']);
    expect(sent(github, 1)).toMatchObject({ state: 'closed', stateReason: 'completed' } satisfies IssueChanges);
    expect(github.issue(11)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(github.issue(15).state).toBe('closed');
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(writes(github)).toEqual([]);
  });

  it('a task removed from tasks.md: its issue is closed as not planned; back again, it reopens', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: config() });
    github.setFile(feature('001-login').tasks, TASKS.replace('- [ ] T004 [US1] Implement sign-in endpoint\n', ''), '001-login');
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(writes(github)).toEqual(['updateIssue #16', 'updateIssue #14', 'updateIssue #17']);
    expect(github.issue(14)).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(readMarker(github.issue(14).body)?.removed).toBe(true);

    github.setFile(feature('001-login').tasks, TASKS, '001-login');
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(github.issue(14)).toMatchObject({ state: 'open', state_reason: 'reopened' });
    expect(github.issues).toHaveLength(7);
  });
});

describe('task issue → plan', () => {
  it('closing a task issue as completed commits the tick to tasks.md, then the issues follow; reopening unticks it', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: config() });
    // A person closes T003's issue as completed.
    Object.assign(github.issue(13), { state: 'closed', state_reason: 'completed' });
    github.calls = [];
    await syncFeature(job(github), target('001-login', { commitBranch: '001-login' }), { config: config() });
    expect(writes(github)).toEqual([
      'writeFile specs/001-login/tasks.md',
      'updateIssue #16',
      'updateIssue #13',
      'updateIssue #17',
    ]);
    expect(tasksFile(github)).toBe(TASKS.replace('- [ ] T003', '- [X] T003'));
    // The task issue's own write records the new base only: it stays closed.
    expect(sent(github, 2)).not.toHaveProperty('state');
    expect(readMarker(github.issue(13).body)?.pending).toEqual([]);
    expect(github.commitMessages).toHaveLength(1);
    expect(github.issue(16).body).toContain('- [x] T003');
    github.calls = [];
    await syncFeature(job(github), target('001-login', { commitBranch: '001-login' }), { config: config() });
    expect(writes(github)).toEqual([]);

    // Reopened: unticked in tasks.md.
    Object.assign(github.issue(13), { state: 'open', state_reason: 'reopened' });
    await syncFeature(job(github), target('001-login', { commitBranch: '001-login' }), { config: config() });
    expect(tasksFile(github)).toBe(TASKS);
    expect(github.issue(16).body).toContain('- [ ] T003');
  });

  it('closed as not planned by a person: the tick is not touched and the issue stays closed', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: config() });
    Object.assign(github.issue(14), { state: 'closed', state_reason: 'not_planned' });
    github.calls = [];
    await syncFeature(job(github), target('001-login', { commitBranch: '001-login' }), { config: config() });
    expect(writes(github)).toEqual([]);
    expect(tasksFile(github)).toBe(TASKS);
  });
});

describe('identity is the feature plus the task id', () => {
  it('T001 in two features are two issues; ticking one feature’s T001 closes only its issue', async () => {
    const github = world();
    withFeature(github, '002-search', '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 Create index\n');
    await syncFeature(job(github), target('001-login'), { config: config() });
    await syncFeature(job(github), target('002-search'), { config: config() });
    const one = taskIssue(github, 'T001', '001-login');
    const two = taskIssue(github, 'T001', '002-search');
    expect(one.number).not.toBe(two.number);
    expect(two.title).toBe('002-search · T001: Create index');
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    await syncFeature(job(github), target('002-search'), { config: config() });
    expect(writes(github)).toEqual([]);

    github.setFile(feature('002-search').tasks, '# Tasks\n\n## Phase 1: Setup\n\n- [x] T001 Create index\n', '002-search');
    await syncFeature(job(github), target('002-search'), { config: config() });
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(two.state).toBe('closed');
    expect(one.state).toBe('open');
  });
});

describe('GitHub’s 100 sub-issues per parent', () => {
  it('a phase with 101 tasks: every task gets an issue, 100 are linked, the sync reports the limit, and a second sync writes nothing', async () => {
    const lines = Array.from({ length: 101 }, (_, index) => `- [ ] T${String(index + 1).padStart(3, '0')} Task ${index + 1}`);
    const github = world(['# Tasks', '', '## Phase 1: Everything', '', ...lines, ''].join('\n'));
    const result = await syncFeature(job(github), target('001-login'), { config: config() });
    const phase = phaseIssue(github, '1');
    expect(github.issues.filter((issue) => readMarker(issue.body)?.task)).toHaveLength(101);
    expect(phase.subIssues).toHaveLength(100);
    expect(taskIssue(github, 'T101').parent).toBeNull();
    expect(phase.body).toContain(`T101 Task 101 · #${taskIssue(github, 'T101').number}`);
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'sub-issue-limit',
        severity: 'warning',
        line: 105,
        message: expect.stringMatching(/^Phase 1 has 101 tasks; GitHub allows 100 sub-issues per issue, so tasks from T101 on/),
      }),
    ]);
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(writes(github)).toEqual([]);
  });
});

describe('later changes', () => {
  it('a task that gains a story gets its label added; one write', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: config() });
    github.setFile(feature('001-login').tasks, TASKS.replace('T001 Create', 'T001 [US2] Create'), '001-login');
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(writes(github)).toEqual(['updateIssue #15', 'updateIssue #11', 'addLabels #11']);
    expect(sent(github, 2)).toEqual(['US2']);
    expect(github.issue(11).labels).toEqual(['planbot', 'US2']);
  });

  it('granularity back to phase: each open task issue is closed as not planned, once; the phase issues drop the links', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: config() });
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: defaultConfig() });
    expect(writes(github)).toEqual([
      'updateIssue #15',
      'updateIssue #16',
      'updateIssue #11',
      'updateIssue #13',
      'updateIssue #14',
    ]);
    expect([11, 13, 14].map((number) => github.issue(number).state_reason)).toEqual(['not_planned', 'not_planned', 'not_planned']);
    expect(github.issue(15).body).not.toContain(' · #');
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: defaultConfig() });
    expect(writes(github)).toEqual([]);
  });
});

describe('a task issue’s marker removed by hand', () => {
  it('the tracking record still knows the task: the marker is written back with one note, no second issue', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(github.issue(17).body).toMatch(/<!-- planbot:links sub=11,12,13,14,15,16 phases=15:1,16:2 tasks=11:[0-9a-f]{8},12:[0-9a-f]{8},13:[0-9a-f]{8},14:[0-9a-f]{8} -->$/);
    const original = github.issue(13).body;
    github.issue(13).body = original.split('\n').slice(1).join('\n');
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(writes(github)).toEqual(['updateIssue #13', 'createComment #13']);
    expect(github.issue(13).body).toBe(original);
    expect(github.comments.map((comment) => comment.body)).toEqual([
      "planbot restored this issue's hidden first line, which marks it as task T003 of `001-login`; please leave that line as it is.",
    ]);
    expect(github.issues).toHaveLength(7);
    github.calls = [];
    await syncFeature(job(github), target('001-login'), { config: config() });
    expect(writes(github)).toEqual([]);
  });
});

describe('granularity: phase (the default)', () => {
  it('makes no task issues', async () => {
    const github = world();
    await syncFeature(job(github), target('001-login'), { config: defaultConfig() });
    expect(github.issues.filter((issue) => readMarker(issue.body)?.task)).toEqual([]);
    expect(github.issues).toHaveLength(3);
  });
});
