// Issue → plan, driven the way GitHub drives it (probot.receive, the real app over the in-memory GitHub):
// a person ticks a box in a planbot phase issue, and the same reconciler as plan → issue merges the
// issue with the plan against the last synced state, commits the plan, then brings the issues in
// line. Every test asserts the calls GitHub would see: what, order, count, and the commit.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { resetNock } from '../helpers/probot.js';
import { interactApp as app } from '../helpers/interact-nock.js';
import { HEAD_SHA, pullRequestPayload } from '../helpers/payloads-checks.js';
import { BOT, HUMAN, issueEditedPayload } from '../helpers/payloads-interact.js';
import { MemoryGitHub, WRITE_METHODS } from '../helpers/memory-github.js';
import type { FileWrite } from '../../src/github/github.js';
import { readMarker } from '../../src/sync/marker.js';
import { PARALLEL_FROM_BYTES, closeParsePool, parallelParseStats } from '../../src/plan/parallel.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const TASKS_PATH = 'specs/001-user-auth/tasks.md';
const BRANCH = '001-user-auth';
const NO_CHECKS = 'checks:\n  enabled: false\n';

const PLAN_TEXT = [
  '# Implementation Plan: User auth',
  '',
  '**Branch**: `001-user-auth` | **Date**: 2026-11-23',
  '',
  '## Implementation Phases',
  '',
  '### Phase 1: Foundation',
  '**Duration**: 2 days',
  '',
  '- [ ] T001 Set up project structure',
  '- [ ] T002 Configure build pipeline',
  '- [x] Create base models',
  '',
  '### Phase 2: Core',
  '**Dependencies**: Phase 1',
  '',
  '- [ ] T003 Implement services',
  '',
].join('\n');

// Issues: #11 Phase 1, #12 Phase 2, #13 tracking.
const PHASE_1 = 11;
const TRACKING = 13;
const CONFIG_READ = 'readConfigLayers .github/planbot.yml';
const PLAN_READ = `readFile ${PLAN_PATH} ${BRANCH}`;
// Absent: the plan's tasks come from plan.md.
const TASKS_READ = `readFile ${TASKS_PATH} ${BRANCH}`;
const LIST = 'listLabelledIssues planbot';

let ids = 0;
afterAll(closeParsePool);
beforeEach(() => resetNock());

/** The repository after planbot's first sync of the pull request: the phase issues exist. */
async function synced(options: { config?: string; plan?: string; files?: Record<string, string> } = {}) {
  const fake = new MemoryGitHub({ firstNumber: 11 }).setConfig(options.config ?? NO_CHECKS).createBranch(BRANCH).setFile(PLAN_PATH, options.plan ?? PLAN_TEXT, BRANCH);
  for (const [path, text] of Object.entries(options.files ?? {})) fake.setFile(path, text, BRANCH);
  fake.pointBranch(BRANCH, HEAD_SHA).addPull({ number: 7, head: { ref: BRANCH, sha: HEAD_SHA } }, [PLAN_PATH]);
  const { probot, logs } = app({ github: () => fake });
  const payload = pullRequestPayload('opened', { number: 7, headRef: BRANCH });
  await probot.receive({ id: `pr-${++ids}`, name: 'pull_request', payload } as any);
  fake.calls = [];
  /** A person edits the issue body in the web UI (GitHub sends `issues.edited`). */
  const edit = async (number: number, change: (body: string) => string, sender = HUMAN) => {
    const issue = fake.issue(number);
    const from = issue.body;
    issue.body = change(from);
    const delivery = { id: `edit-${++ids}`, name: 'issues', payload: issueEditedPayload({ number, from, body: issue.body, state: issue.state, user: BOT, sender }) } as any;
    await probot.receive(delivery);
    return delivery;
  };
  return { fake, probot, logs, edit };
}

const box = (text: string, checked: boolean) => (body: string) => body.replace(new RegExp(`- \\[[ xX]\\] ${text.replace(/[[\]]/g, '\\$&')}`), `- [${checked ? 'x' : ' '}] ${text}`);
const writes = (fake: MemoryGitHub) => fake.lines((call) => WRITE_METHODS.has(call.method));
const planFile = (fake: MemoryGitHub) => fake.file(PLAN_PATH, BRANCH);

describe('issues.edited: ticks flow back to the plan through the reconciler', () => {
  it('one tick: one commit changing that box only (the person credited), then the issue and the tracking issue in line', async () => {
    const { fake, edit } = await synced();
    await edit(PHASE_1, box('T001 Set up project structure', true));

    expect(fake.lines()).toEqual([CONFIG_READ, PLAN_READ, TASKS_READ, LIST, `writeFile ${PLAN_PATH}`, `updateIssue ${PHASE_1}`, `updateIssue ${TRACKING}`]);
    const put = fake.callsOf('writeFile')[0].args[1] as FileWrite;
    expect(put.branch).toBe(BRANCH);
    expect(planFile(fake)).toBe(PLAN_TEXT.replace('- [ ] T001', '- [x] T001'));
    expect(put.message).toBe(
      [
        'docs(plan): tick "T001 Set up project structure" (#11)',
        '',
        '- [x] T001 Set up project structure',
        '',
        `Synced from acme/web#11 to ${PLAN_PATH} by planbot.`,
        '',
        `Co-authored-by: octocat <${HUMAN.id}+octocat@users.noreply.github.com>`,
      ].join('\n'),
    );
    // The base moves with the commit: a second sync writes nothing.
    expect(fake.issue(PHASE_1).body).toContain('- [x] T001 Set up project structure');
    expect(fake.issue(TRACKING).body).toContain('2/3 tasks');
  });

  it('a 300 KB plan (parsed on worker threads) gets exactly the one box changed', async () => {
    const filler = Array.from({ length: 4000 }, (_, i) => `- [ ] T${String(i + 100).padStart(4, '0')} Filler task ${i} with enough words to weigh something`).join('\n');
    const bigPlan = `${PLAN_TEXT}\n### Phase 3: Bulk\n\n${filler}\n`;
    expect(bigPlan.length).toBeGreaterThan(PARALLEL_FROM_BYTES);
    const { fake, edit } = await synced({ plan: bigPlan });
    const before = parallelParseStats().documents;
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(planFile(fake)).toBe(bigPlan.replace('- [ ] T001', '- [x] T001'));
    expect(parallelParseStats().documents).toBeGreaterThan(before);
  }, 120_000);

  it('several ticks completing the phase: one commit, the issue closed as completed in the same write as its body', async () => {
    const { fake, edit } = await synced();
    await edit(PHASE_1, (body) => box('T002 Configure build pipeline', true)(box('T001 Set up project structure', true)(body)));
    expect(writes(fake)).toEqual([`writeFile ${PLAN_PATH}`, `updateIssue ${PHASE_1}`, `updateIssue ${TRACKING}`]);
    expect(fake.commitMessages[0].split('\n')[0]).toBe('docs(plan): update 2 tasks from #11');
    expect(fake.issue(PHASE_1)).toMatchObject({ state: 'closed', state_reason: 'completed' });
  });

  it('an untick in a completed issue reopens it and reaches the plan', async () => {
    const { fake, edit } = await synced({ plan: PLAN_TEXT.replace('- [ ] T001', '- [x] T001').replace('- [ ] T002', '- [x] T002') });
    expect(fake.issue(PHASE_1).state).toBe('closed');
    await edit(PHASE_1, box('Create base models', false));
    expect(planFile(fake)).toContain('- [ ] Create base models');
    expect(fake.commitMessages[0].split('\n')[0]).toBe('docs(plan): untick "Create base models" (#11)');
    expect(fake.issue(PHASE_1)).toMatchObject({ state: 'open', state_reason: 'reopened' });
  });

  it('costs nothing for planbot’s own edit, a title or prose edit, or an issue planbot did not open', async () => {
    const { fake, edit, probot } = await synced();
    await edit(PHASE_1, box('T001 Set up project structure', true), BOT);
    fake.issue(PHASE_1).body = fake.issue(PHASE_1).body.replace('- [x] T001', '- [ ] T001');
    await edit(PHASE_1, (body) => body.replace('### Tasks', '### Tasks (see the design doc)'));
    const pasted = issueEditedPayload({ number: 99, from: fake.issue(PHASE_1).body, body: box('T001 Set up project structure', true)(fake.issue(PHASE_1).body), user: HUMAN });
    await probot.receive({ id: 'pasted', name: 'issues', payload: pasted } as any);
    expect(fake.calls).toEqual([]);
  });

  it('a redelivered tick (already in the plan) writes nothing', async () => {
    const { fake, edit, probot } = await synced();
    const delivery = await edit(PHASE_1, box('T001 Set up project structure', true));
    fake.calls = [];
    await probot.receive({ ...delivery, id: `${delivery.id}-again` });
    expect(writes(fake)).toEqual([]);
  });

  it('merges with a concurrent plan edit: 409, re-read, merge again; the other person’s edit survives', async () => {
    const { fake, edit } = await synced();
    // Someone else commits to the plan right after planbot read it: GitHub refuses planbot's stale blob SHA (409).
    let raced = false;
    const writeFile = fake.writeFile.bind(fake);
    fake.writeFile = (where, write) => {
      if (!raced) {
        raced = true;
        fake.setFile(PLAN_PATH, planFile(fake)!.replace('- [ ] T003', '- [x] T003'), BRANCH);
      }
      return writeFile(where, write);
    };
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(planFile(fake)).toBe(PLAN_TEXT.replace('- [ ] T001', '- [x] T001').replace('- [ ] T003', '- [x] T003'));
    expect(fake.lines((call) => call.method === 'writeFile')).toEqual([`writeFile ${PLAN_PATH} → error`, `writeFile ${PLAN_PATH}`]);
    expect(fake.issue(12).body).toContain('- [x] T003 Implement services');
  });

  it('a protected branch (403): one reply, the tick stays in the issue as pending, and a second refused tick adds no second reply', async () => {
    const { fake, edit } = await synced();
    fake.fail('writeFile', 403, { message: 'Resource not accessible by integration', times: 2 });
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(writes(fake)).toEqual([`writeFile ${PLAN_PATH} → error`, `updateIssue ${PHASE_1}`, `createComment ${PHASE_1}`, `updateIssue ${TRACKING}`]);
    expect(planFile(fake)).toBe(PLAN_TEXT);
    expect(fake.issue(PHASE_1).body).toContain('- [x] T001');
    expect(readMarker(fake.issue(PHASE_1).body)?.pending).toEqual(['T001']);
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0].issue).toBe(PHASE_1);
    expect(fake.comments[0].body).toMatch(/^@octocat I could not commit your change to `specs\/001-user-auth\/plan.md` on `001-user-auth`: GitHub answered 403/);

    fake.calls = [];
    await edit(PHASE_1, box('T002 Configure build pipeline', true));
    expect(fake.comments).toHaveLength(1);
    expect(readMarker(fake.issue(PHASE_1).body)?.pending).toEqual(['T001', 'T002']);
    expect(fake.issue(PHASE_1).state).toBe('open');

    // Once the branch accepts commits, the next edit carries every waiting tick, and the list is cleared.
    await edit(PHASE_1, box('T002 Configure build pipeline', false));
    expect(planFile(fake)).toBe(PLAN_TEXT.replace('- [ ] T001', '- [x] T001'));
    expect(readMarker(fake.issue(PHASE_1).body)?.pending).toEqual([]);
    expect(fake.comments).toHaveLength(1);
  });

  it('no plan to write to (gone from the branch and the default branch): one reply, the tick kept as pending, nothing else written', async () => {
    const { fake, edit } = await synced();
    fake.deleteFile(PLAN_PATH, BRANCH);
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(writes(fake)).toEqual([`createComment ${PHASE_1}`, `updateIssue ${PHASE_1}`]);
    expect(fake.comments[0].body).toMatch(/^@octocat I could not find the plan to write your change to/);
    expect(readMarker(fake.issue(PHASE_1).body)?.pending).toEqual(['T001']);
    expect(fake.issue(PHASE_1).body).toContain('- [x] T001');
  });

  it('edits tasks.md when the phase’s tasks come from there, in the file’s [X] style', async () => {
    const tasksText = '# Tasks\n\n## Phase 1: Setup\n\n- [X] T001 Create project\n- [ ] T002 [P] Add linting\n';
    const { fake, edit } = await synced({ config: `${NO_CHECKS}issues:\n  source: tasks\n`, files: { [TASKS_PATH]: tasksText } });
    await edit(PHASE_1, (body) => body.replace('- [ ] T002', '- [x] T002'));
    expect(fake.file(TASKS_PATH, BRANCH)).toBe(tasksText.replace('- [ ] T002', '- [X] T002'));
    expect(fake.issue(PHASE_1).state).toBe('closed');
  });

  it('issues.sync_back off: the config is read, nothing else', async () => {
    const { fake, edit } = await synced({ config: `${NO_CHECKS}issues:\n  sync_back: false\n` });
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(fake.lines()).toEqual([CONFIG_READ]);
  });

  it('a marker whose path is not a plan by the configuration: no read, no write', async () => {
    const { fake, edit } = await synced();
    fake.issue(PHASE_1).body = fake.issue(PHASE_1).body.replace(`path=${PLAN_PATH}`, 'path=.github/workflows/deploy.yml');
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(fake.lines()).toEqual([CONFIG_READ]);
  });

  it('a server error on the commit fails the delivery (the queue retries); the tick stays in the issue, not yet synced', async () => {
    const { fake, edit, logs, probot } = await synced();
    fake.fail('writeFile', 502);
    await expect(edit(PHASE_1, box('T001 Set up project structure', true))).rejects.toThrow();
    expect(writes(fake)).toEqual([`writeFile ${PLAN_PATH} → error`]);
    expect(fake.issue(PHASE_1).body).toContain('- [x] T001');
    expect(logs.some((line) => line.level >= 50)).toBe(true);
    // Any later sync commits it (the queue's retry of this delivery, or the next plan sync): the base still says "not ticked".
    fake.calls = [];
    await probot.receive({ id: 'pr-again', name: 'pull_request', payload: pullRequestPayload('synchronize', { number: 7, headRef: BRANCH }) } as any);
    expect(planFile(fake)).toBe(PLAN_TEXT.replace('- [ ] T001', '- [x] T001'));
  });
});
