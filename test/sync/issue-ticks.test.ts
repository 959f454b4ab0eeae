// Issue → plan, driven the way GitHub drives it (probot.receive + a stateful, nock-served GitHub):
// a person ticks a box in a planbot phase issue, and the same reconciler as plan → issue merges the
// issue with the plan against the last synced state, commits the plan, then brings the issues in
// line. Every test asserts the requests GitHub would see: paths, order, count, and the commit.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { resetNock } from '../helpers/probot.js';
import { interactApp as app } from '../helpers/interact-nock.js';
import { pullRequestPayload } from '../helpers/payloads-checks.js';
import { BOT, HUMAN, issueEditedPayload } from '../helpers/payloads-interact.js';
import { FakeGitHub } from '../sync/fake-github.js';
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
const CONFIG_READ = 'GET /repos/acme/web/contents/.github/planbot.yml → 304';
// A 200: the pull request's sync before read the plan at its head commit only (it had nothing to write).
const PLAN_READ = `GET /repos/acme/web/contents/${PLAN_PATH}?ref=${BRANCH}`;
const TASKS_READ = `GET /repos/acme/web/contents/${TASKS_PATH}?ref=${BRANCH} → 404`;
const LIST = 'GET /repos/acme/web/issues?labels=planbot&state=all&per_page=100';

let ids = 0;
afterAll(closeParsePool);
beforeEach(() => resetNock());

/** The repository after planbot's first sync of the pull request: the phase issues exist. */
async function synced(options: { config?: string; plan?: string; files?: Record<string, string> } = {}) {
  const fake = new FakeGitHub({ firstNumber: 11 }).install();
  fake.config = options.config ?? NO_CHECKS;
  fake.files.set(PLAN_PATH, options.plan ?? PLAN_TEXT);
  for (const [path, text] of Object.entries(options.files ?? {})) fake.files.set(path, text);
  fake.pullFiles.set(7, [PLAN_PATH]);
  const { probot, logs } = app();
  const payload = pullRequestPayload('opened', { number: 7, headRef: BRANCH });
  await probot.receive({ id: `pr-${++ids}`, name: 'pull_request', payload } as any);
  fake.log = [];
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
const writes = (fake: FakeGitHub) => fake.lines((request) => request.method !== 'GET');

describe('issues.edited: ticks flow back to the plan through the reconciler', () => {
  it('one tick: one commit changing that box only (the person credited), then the issue and the tracking issue in line', async () => {
    const { fake, edit } = await synced();
    await edit(PHASE_1, box('T001 Set up project structure', true));

    expect(fake.lines()).toEqual([CONFIG_READ, PLAN_READ, TASKS_READ, LIST, `PUT /repos/acme/web/contents/${PLAN_PATH}`, `PATCH /repos/acme/web/issues/${PHASE_1}`, `PATCH /repos/acme/web/issues/${TRACKING}`]);
    const put = fake.log.find((request) => request.method === 'PUT')!.body as Record<string, string>;
    expect(put.branch).toBe(BRANCH);
    expect(fake.files.get(PLAN_PATH)).toBe(PLAN_TEXT.replace('- [ ] T001', '- [x] T001'));
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
    expect(fake.files.get(PLAN_PATH)).toBe(bigPlan.replace('- [ ] T001', '- [x] T001'));
    expect(parallelParseStats().documents).toBeGreaterThan(before);
  }, 120_000);

  it('several ticks completing the phase: one commit, the issue closed as completed in the same write as its body', async () => {
    const { fake, edit } = await synced();
    await edit(PHASE_1, (body) => box('T002 Configure build pipeline', true)(box('T001 Set up project structure', true)(body)));
    expect(writes(fake)).toEqual([`PUT /repos/acme/web/contents/${PLAN_PATH}`, `PATCH /repos/acme/web/issues/${PHASE_1}`, `PATCH /repos/acme/web/issues/${TRACKING}`]);
    expect(fake.commitMessages[0].split('\n')[0]).toBe('docs(plan): update 2 tasks from #11');
    expect(fake.issue(PHASE_1)).toMatchObject({ state: 'closed', state_reason: 'completed' });
  });

  it('an untick in a completed issue reopens it and reaches the plan', async () => {
    const { fake, edit } = await synced({ plan: PLAN_TEXT.replace('- [ ] T001', '- [x] T001').replace('- [ ] T002', '- [x] T002') });
    expect(fake.issue(PHASE_1).state).toBe('closed');
    await edit(PHASE_1, box('Create base models', false));
    expect(fake.files.get(PLAN_PATH)).toContain('- [ ] Create base models');
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
    expect(fake.lines()).toEqual([]);
  });

  it('a redelivered tick (already in the plan) writes nothing', async () => {
    const { fake, edit, probot } = await synced();
    const delivery = await edit(PHASE_1, box('T001 Set up project structure', true));
    fake.log = [];
    await probot.receive({ ...delivery, id: `${delivery.id}-again` });
    expect(writes(fake)).toEqual([]);
  });

  it('merges with a concurrent plan edit: 409, re-read, merge again; the other person’s edit survives', async () => {
    const { fake, edit } = await synced();
    // Someone else commits to the plan right after planbot read it.
    let raced = false;
    fake.faults.push({ method: 'PUT', path: /contents/, status: 409, body: { message: 'is at abc but expected def' }, times: 1 });
    const original = fake.handle.bind(fake);
    fake.handle = (method, uri, body, headers) => {
      if (method === 'PUT' && !raced) {
        raced = true;
        fake.files.set(PLAN_PATH, fake.files.get(PLAN_PATH)!.replace('- [ ] T003', '- [x] T003'));
      }
      return original(method, uri, body, headers);
    };
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(fake.files.get(PLAN_PATH)).toBe(PLAN_TEXT.replace('- [ ] T001', '- [x] T001').replace('- [ ] T003', '- [x] T003'));
    expect(fake.lines((request) => request.method === 'PUT')).toEqual([`PUT /repos/acme/web/contents/${PLAN_PATH} → 409`, `PUT /repos/acme/web/contents/${PLAN_PATH}`]);
    expect(fake.issue(12).body).toContain('- [x] T003 Implement services');
  });

  it('a protected branch (403): one reply, the tick stays in the issue as pending, and a second refused tick adds no second reply', async () => {
    const { fake, edit } = await synced();
    fake.faults.push({ method: 'PUT', path: /contents/, status: 403, body: { message: 'Resource not accessible by integration' }, times: 2 });
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(writes(fake)).toEqual([
      `PUT /repos/acme/web/contents/${PLAN_PATH} → 403`,
      `PATCH /repos/acme/web/issues/${PHASE_1}`,
      `POST /repos/acme/web/issues/${PHASE_1}/comments`,
      `PATCH /repos/acme/web/issues/${TRACKING}`,
    ]);
    expect(fake.files.get(PLAN_PATH)).toBe(PLAN_TEXT);
    expect(fake.issue(PHASE_1).body).toContain('- [x] T001');
    expect(readMarker(fake.issue(PHASE_1).body)?.pending).toEqual(['T001']);
    expect(fake.comments).toHaveLength(1);
    expect(fake.comments[0].issue).toBe(PHASE_1);
    expect(fake.comments[0].body).toMatch(/^@octocat I could not commit your change to `specs\/001-user-auth\/plan.md` on `001-user-auth`: GitHub answered 403/);

    fake.log = [];
    await edit(PHASE_1, box('T002 Configure build pipeline', true));
    expect(fake.comments).toHaveLength(1);
    expect(readMarker(fake.issue(PHASE_1).body)?.pending).toEqual(['T001', 'T002']);
    expect(fake.issue(PHASE_1).state).toBe('open');

    // Once the branch accepts commits, the next edit carries every waiting tick, and the list is cleared.
    await edit(PHASE_1, box('T002 Configure build pipeline', false));
    expect(fake.files.get(PLAN_PATH)).toBe(PLAN_TEXT.replace('- [ ] T001', '- [x] T001'));
    expect(readMarker(fake.issue(PHASE_1).body)?.pending).toEqual([]);
    expect(fake.comments).toHaveLength(1);
  });

  it('no plan to write to (gone from the branch and the default branch): one reply, the tick kept as pending, nothing else written', async () => {
    const { fake, edit } = await synced();
    fake.files.delete(PLAN_PATH);
    await edit(PHASE_1, box('T001 Set up project structure', true));
    expect(writes(fake)).toEqual([`POST /repos/acme/web/issues/${PHASE_1}/comments`, `PATCH /repos/acme/web/issues/${PHASE_1}`]);
    expect(fake.comments[0].body).toMatch(/^@octocat I could not find the plan to write your change to/);
    expect(readMarker(fake.issue(PHASE_1).body)?.pending).toEqual(['T001']);
    expect(fake.issue(PHASE_1).body).toContain('- [x] T001');
  });

  it('edits tasks.md when the phase’s tasks come from there, in the file’s [X] style', async () => {
    const tasksText = '# Tasks\n\n## Phase 1: Setup\n\n- [X] T001 Create project\n- [ ] T002 [P] Add linting\n';
    const { fake, edit } = await synced({ config: `${NO_CHECKS}issues:\n  source: tasks\n`, files: { [TASKS_PATH]: tasksText } });
    await edit(PHASE_1, (body) => body.replace('- [ ] T002', '- [x] T002'));
    expect(fake.files.get(TASKS_PATH)).toBe(tasksText.replace('- [ ] T002', '- [X] T002'));
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
    fake.faults.push({ method: 'PUT', path: /contents/, status: 502, times: 1 });
    await expect(edit(PHASE_1, box('T001 Set up project structure', true))).rejects.toThrow();
    expect(writes(fake)).toEqual([`PUT /repos/acme/web/contents/${PLAN_PATH} → 502`]);
    expect(fake.issue(PHASE_1).body).toContain('- [x] T001');
    expect(logs.some((line) => line.level >= 50)).toBe(true);
    // Any later sync commits it (the queue's retry of this delivery, or the next plan sync): the base still says "not ticked".
    fake.log = [];
    await probot.receive({ id: 'pr-again', name: 'pull_request', payload: pullRequestPayload('synchronize', { number: 7, headRef: BRANCH }) } as any);
    expect(fake.files.get(PLAN_PATH)).toBe(PLAN_TEXT.replace('- [ ] T001', '- [x] T001'));
  });
});
