// issues.granularity: task, driven the way GitHub drives it (probot.receive, the real app over the
// in-memory GitHub): a
// person closes a task's own issue as completed (or reopens it), GitHub sends `issues.closed` /
// `issues.reopened`, and planbot commits the tick to tasks.md through the same reconciler as ticks
// in phase issues. Asserts every call GitHub sees.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { resetNock } from '../helpers/probot.js';
import { interactApp as app } from '../helpers/interact-nock.js';
import { HEAD_SHA, pullRequestPayload } from '../helpers/payloads-checks.js';
import { BOT, HUMAN, issueEditedPayload } from '../helpers/payloads-interact.js';
import { MemoryGitHub, WRITE_METHODS } from '../helpers/memory-github.js';
import { readMarker } from '../../src/sync/marker.js';
import { closeParsePool } from '../../src/plan/parallel.js';

const BRANCH = '001-login';
const PLAN_PATH = `specs/${BRANCH}/plan.md`;
const TASKS_PATH = `specs/${BRANCH}/tasks.md`;
const CONFIG = 'checks:\n  enabled: false\nissues:\n  granularity: task\n';
const PLAN = '# Implementation Plan: Login\n\n**Branch**: `001-login`\n\n## Summary\n\nSign people in.\n';
const TASKS = '# Tasks: Login\n\n## Phase 1: Setup\n\n- [ ] T001 Create project structure\n- [ ] T002 [P] [US1] Configure linting\n';

// #11 T001, #12 T002, #13 Phase 1, #14 tracking.
const T001 = 11;
const PHASE_1 = 13;
const TRACKING = 14;

let ids = 0;
afterAll(closeParsePool);
beforeEach(() => resetNock());

async function synced() {
  const fake = new MemoryGitHub({ firstNumber: 11 }).setConfig(CONFIG).createBranch(BRANCH).setFile(PLAN_PATH, PLAN, BRANCH).setFile(TASKS_PATH, TASKS, BRANCH);
  fake.pointBranch(BRANCH, HEAD_SHA).addPull({ number: 7, head: { ref: BRANCH, sha: HEAD_SHA } }, [PLAN_PATH, TASKS_PATH]);
  const { probot } = app({ github: () => fake });
  await probot.receive({ id: `pr-${++ids}`, name: 'pull_request', payload: pullRequestPayload('opened', { number: 7, headRef: BRANCH }) } as any);
  fake.calls = [];
  /** A person (or planbot) closes or reopens an issue: GitHub sends `issues.closed` / `issues.reopened`. */
  const setState = async (number: number, action: 'closed' | 'reopened', reason: string | null, sender = HUMAN) => {
    const issue = fake.issue(number);
    Object.assign(issue, { state: action === 'closed' ? 'closed' : 'open', state_reason: reason });
    const payload = issueEditedPayload({ number, from: issue.body, body: issue.body, state: issue.state, stateReason: reason, user: BOT, sender });
    payload.action = action;
    delete payload.changes;
    await probot.receive({ id: `state-${++ids}`, name: 'issues', payload } as any);
  };
  return { fake, setState };
}

const writes = (fake: MemoryGitHub) => fake.lines((call) => WRITE_METHODS.has(call.method));
const tasksFile = (fake: MemoryGitHub) => fake.file(TASKS_PATH, BRANCH);

describe('issues.closed / issues.reopened on a task issue', () => {
  it('the first sync made the task issues under the phase issue', async () => {
    const { fake } = await synced();
    expect(readMarker(fake.issue(T001).body)).toMatchObject({ task: 'T001', phase: '1', source: 'tasks' });
    expect(fake.issue(PHASE_1).subIssues).toEqual([11, 12]);
    expect(fake.issue(12).labels).toEqual(['planbot', 'US1', 'parallel']);
  });

  it('closed as completed: one commit ticking T001 in tasks.md (the person credited), then the phase and tracking issues follow', async () => {
    const { fake, setState } = await synced();
    await setState(T001, 'closed', 'completed');
    expect(writes(fake)).toEqual([
      // Written as spec-kit writes it (issue 15 B5): `[X]` in tasks.md.
      `writeFile ${TASKS_PATH}`,
      `updateIssue ${PHASE_1}`,
      `updateIssue ${T001}`,
      `updateIssue ${TRACKING}`,
    ]);
    expect(tasksFile(fake)).toBe(TASKS.replace('- [ ] T001', '- [X] T001'));
    // The config, the plan and tasks.md at the branch, 1 listing: then the writes above, nothing else.
    expect(fake.lines((call) => !WRITE_METHODS.has(call.method))).toEqual([
      'readConfigLayers .github/planbot.yml',
      `readFile ${PLAN_PATH} ${BRANCH}`,
      `readFile ${TASKS_PATH} ${BRANCH}`,
      'listLabelledIssues planbot',
    ]);
    expect(fake.commitMessages[0]).toContain(`Co-authored-by: octocat <${HUMAN.id}+octocat@users.noreply.github.com>`);
    expect(fake.issue(T001)).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(fake.issue(PHASE_1).body).toContain('- [x] T001 Create project structure · #11');

    // Reopened: unticked again.
    fake.calls = [];
    await setState(T001, 'reopened', 'reopened');
    expect(tasksFile(fake)).toBe(TASKS);
    expect(fake.issue(PHASE_1).body).toContain('- [ ] T001 Create project structure · #11');
    expect(fake.issue(T001).state).toBe('open');
  });

  it('a protected branch (403): one reply, the task issue stays closed with the tick pending; reopening it clears that', async () => {
    const { fake, setState } = await synced();
    fake.fail('writeFile', 403, { message: 'Resource not accessible by integration' });
    await setState(T001, 'closed', 'completed');
    expect(writes(fake)).toEqual([`writeFile ${TASKS_PATH} → error`, `updateIssue ${T001}`, `createComment ${T001}`]);
    expect(tasksFile(fake)).toBe(TASKS);
    expect(fake.issue(T001).state).toBe('closed');
    expect(readMarker(fake.issue(T001).body)?.pending).toEqual(['T001']);
    expect(fake.comments.map((comment) => comment.body)).toEqual([expect.stringMatching(/^@octocat I could not commit your change to `specs\/001-login\/tasks.md` on `001-login`: GitHub answered 403/)]);
    // Reopened by the person: nothing is waiting any more; the pending mark is cleared, no second reply.
    fake.calls = [];
    await setState(T001, 'reopened', 'reopened');
    expect(writes(fake)).toEqual([`updateIssue ${T001}`]);
    expect(readMarker(fake.issue(T001).body)?.pending).toEqual([]);
    expect(fake.comments).toHaveLength(1);
  });

  it('costs nothing: closed as not planned, a phase issue closed by hand, planbot’s own close', async () => {
    const { fake, setState } = await synced();
    await setState(12, 'closed', 'not_planned');
    await setState(PHASE_1, 'closed', 'completed');
    await setState(T001, 'closed', 'completed', BOT);
    expect(fake.calls).toEqual([]);
    expect(tasksFile(fake)).toBe(TASKS);
  });
});
