// Issue → plan, driven the way GitHub drives it (probot.receive + nock): a person ticks a box in a
// planbot phase issue and planbot commits the same change to plan.md. Every test asserts the exact
// requests GitHub would see: paths, order, count, and the decoded commit content.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { CONFIG, ORG_CONFIG, interactApp as app, noConfig, requestLines as lines } from '../helpers/interact-nock.js';
import { API, contentsPath, decodedContent, fileReply, rawReply, recordUnmatched } from '../helpers/github-contents.js';
import { BOT, HUMAN, issueEditedPayload } from '../helpers/payloads-interact.js';
import { renderMarker, readMarker, type PlanbotMarker } from '../../src/sync/marker.js';
import { PARALLEL_FROM_BYTES, closeParsePool, parallelParseStats } from '../../src/plan/parallel.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const PLAN = contentsPath('acme', 'web', PLAN_PATH);
const BRANCH = '001-user-auth';

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

const TASKS = ['T001 Set up project structure', 'T002 Configure build pipeline', 'Create base models'];

/** A phase-1 issue body as the issue sync renders it: marker first, then the task list. */
function phaseBody(states: boolean[], marker: Partial<PlanbotMarker> = {}, texts = TASKS): string {
  const head = renderMarker({ feature: BRANCH, phase: '1', tracking: false, source: 'plan', path: PLAN_PATH, branch: BRANCH, ...marker });
  const tasks = texts.map((text, index) => `- [${states[index] ? 'x' : ' '}] ${text}`);
  return [head, '**Phase 1: Foundation** of `001-user-auth`', '', '- **Duration**: 2 days', '', '### Tasks', '', ...tasks, '', '---', '<sub>planbot keeps this issue in step with plan.md.</sub>'].join('\n');
}

/** Delivers `issues.edited` for phase 1's issue, its body changed from `from` to `body`. */
const edit = (probot: ReturnType<typeof app>['probot'], id: string, from: string, body: string, extra: object = {}) =>
  probot.receive({ id, name: 'issues', payload: issueEditedPayload({ from, body, ...extra }) });
const planAt = (ref: string, text = PLAN_TEXT, sha = 'blob-1') => nock(API).get(PLAN).query({ ref }).reply(...fileReply(PLAN_PATH, text, sha));
const committed = (sha = 'commit-2') => [200, { content: { path: PLAN_PATH, sha: 'blob-new' }, commit: { sha } }] as const;
const tick = (text: string) => text.replace(/- \[ \] T001/, '- [x] T001');
/** The issue as GitHub has it now: read before its pending list is changed. */
const currentIssue = (body: string) => nock(API).get('/repos/acme/web/issues/12').reply(200, { number: 12, body });
const ISSUE = '/repos/acme/web/issues/12';

let unmatched: string[];
afterAll(closeParsePool);
beforeEach(() => {
  resetNock();
  unmatched = recordUnmatched(nock);
});

describe('issues.edited: ticks flow back to the plan', () => {
  it('commits one tick to the feature branch: 4 requests, the only change is that box, the person is credited', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH);
    nock(API).put(PLAN).reply(...committed());

    await edit(probot, 'd-tick', phaseBody([false, false, true]), phaseBody([true, false, true]));

    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PLAN}?ref=${BRANCH}`, `PUT ${PLAN}`]);
    const put = requests[3].body as Record<string, string>;
    expect(put.branch).toBe(BRANCH);
    expect(put.sha).toBe('blob-1');
    expect(decodedContent(put)).toBe(tick(PLAN_TEXT));
    expect(put.message).toBe(
      [
        'docs(plan): tick "T001 Set up project structure" (#12)',
        '',
        '- [x] T001 Set up project structure',
        '',
        `Synced from acme/web#12 to ${PLAN_PATH} by planbot.`,
        '',
        `Co-authored-by: octocat <${HUMAN.id}+octocat@users.noreply.github.com>`,
      ].join('\n'),
    );
  });

  it('a 300 KB plan (parsed on worker threads) gets exactly the one box changed', async () => {
    const filler = Array.from({ length: 4000 }, (_, i) => `- [ ] T${String(i + 100).padStart(4, '0')} Filler task ${i} with enough words to weigh something`).join('\n');
    const bigPlan = `${PLAN_TEXT}\n### Phase 3: Bulk\n\n${filler}\n`;
    expect(bigPlan.length).toBeGreaterThan(PARALLEL_FROM_BYTES);
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH, bigPlan);
    nock(API).put(PLAN).reply(...committed());
    const before = parallelParseStats().documents;

    await edit(probot, 'd-tick-big', phaseBody([false, false, true]), phaseBody([true, false, true]));

    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PLAN}?ref=${BRANCH}`, `PUT ${PLAN}`]);
    expect(decodedContent(requests[3].body as Record<string, string>)).toBe(tick(bigPlan));
    expect(parallelParseStats().documents).toBeGreaterThan(before);
  });

  it('commits an untick', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH);
    nock(API).put(PLAN).reply(...committed());

    await edit(probot, 'd-untick', phaseBody([false, false, true]), phaseBody([false, false, false]));

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.filter((request) => request.method !== 'GET')).toHaveLength(1);
    const put = requests.find((request) => request.method === 'PUT')!.body as Record<string, string>;
    expect(decodedContent(put)).toBe(PLAN_TEXT.replace('- [x] Create base models', '- [ ] Create base models'));
    expect(put.message.split('\n')[0]).toBe('docs(plan): untick "Create base models" (#12)');
  });

  it('commits several ticks in one commit and closes the issue they complete: one commit + one close, nothing else', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH);
    nock(API).put(PLAN).reply(...committed());
    nock(API).patch('/repos/acme/web/issues/12').reply(200, { number: 12, state: 'closed' });

    await edit(probot, 'd-ticks', phaseBody([false, false, true]), phaseBody([true, true, true]));

    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(lines(requests)).toEqual([
      `GET ${CONFIG}`,
      `GET ${ORG_CONFIG}`,
      `GET ${PLAN}?ref=${BRANCH}`,
      `PUT ${PLAN}`,
      'PATCH /repos/acme/web/issues/12',
    ]);
    const put = requests[3].body as Record<string, string>;
    expect(decodedContent(put)).toBe(tick(PLAN_TEXT).replace('- [ ] T002', '- [x] T002'));
    expect(put.message.split('\n').slice(0, 4)).toEqual([
      'docs(plan): update 2 tasks from #12',
      '',
      '- [x] T001 Set up project structure',
      '- [x] T002 Configure build pipeline',
    ]);
    expect(requests[4].body).toEqual({ state: 'closed', state_reason: 'completed' });
  });

  it('reopens a completed issue when a person unticks a task in it', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    const allDone = PLAN_TEXT.replace('- [ ] T001', '- [x] T001').replace('- [ ] T002', '- [x] T002');
    planAt(BRANCH, allDone);
    nock(API).put(PLAN).reply(...committed());
    nock(API).patch('/repos/acme/web/issues/12').reply(200, {});

    await edit(probot, 'd-reopen', phaseBody([true, true, true]), phaseBody([true, false, true]), { state: 'closed', stateReason: 'completed' });

    expect(nock.pendingMocks()).toEqual([]);
    expect(decodedContent(requests[3].body)).toBe(allDone.replace('- [x] T002', '- [ ] T002'));
    expect(requests[4]).toEqual({ method: 'PATCH', path: '/repos/acme/web/issues/12', body: { state: 'open', state_reason: 'reopened' } });
  });

  it('ignores planbot’s own edit of the issue: zero requests', async () => {
    const { probot } = app();
    const requests = recordRequests();

    await edit(probot, 'd-own', phaseBody([false, false, true]), phaseBody([true, false, true]), { sender: BOT });

    expect(requests).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it('writes nothing for a task-text edit (the plan stays the source of text): zero requests', async () => {
    const { probot } = app();
    const requests = recordRequests();
    const renamed = ['T001 Set up the project structure', TASKS[1], 'Create the base models'];

    // A reworded task without id is another task: even with its box flipped, nothing flows back.
    await edit(probot, 'd-text', phaseBody([false, false, true]), phaseBody([false, false, false], {}, renamed));

    expect(requests).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it('writes nothing for a title-only edit or a body edit outside the task list: zero requests', async () => {
    const { probot } = app();
    const requests = recordRequests();
    const payload = issueEditedPayload({ from: phaseBody([false, false, true]), body: phaseBody([false, false, true]) });
    payload.changes = { title: { from: 'Old title' } };
    await probot.receive({ id: 'd-title', name: 'issues', payload });
    await edit(probot, 'd-prose', phaseBody([false, false, true]), `${phaseBody([false, false, true])}\n\nA note.`);
    expect(requests).toEqual([]);
  });

  it('ignores an issue planbot did not open, even with a marker pasted in: zero requests', async () => {
    const { probot } = app();
    const requests = recordRequests();
    await edit(probot, 'd-forged', phaseBody([false, false, true]), phaseBody([true, false, true]), { user: HUMAN });
    expect(requests).toEqual([]);
  });

  it('merges with a concurrent plan edit: 409, re-read, retry on the new blob; the other person’s edit survives', async () => {
    const { probot, logs } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH);
    // Meanwhile someone inserted a task above T001 and ticked T003 in phase 2.
    const theirs = PLAN_TEXT.replace('- [ ] T001', '- [ ] T000 Write the ADR\n- [ ] T001').replace('- [ ] T003', '- [x] T003');
    nock(API).put(PLAN).reply(409, { message: `${PLAN_PATH} does not match blob-1` });
    planAt(BRANCH, theirs, 'blob-2');
    nock(API).put(PLAN).reply(...committed());

    await edit(probot, 'd-conflict', phaseBody([false, false, true]), phaseBody([true, false, true]));

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([
      `GET ${CONFIG}`,
      `GET ${ORG_CONFIG}`,
      `GET ${PLAN}?ref=${BRANCH}`,
      `PUT ${PLAN}`,
      `GET ${PLAN}?ref=${BRANCH}`,
      `PUT ${PLAN}`,
    ]);
    const retry = requests[5].body as Record<string, string>;
    expect(retry.sha).toBe('blob-2');
    expect(decodedContent(retry)).toBe(theirs.replace('- [ ] T001', '- [x] T001'));
    expect(logs.some((line) => line.msg === 'the plan changed meanwhile; merging again')).toBe(true);
  });

  it('gives up after 3 conflicting attempts, records the tick as pending, and fails the delivery for a retry', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH, PLAN_TEXT, 'blob-1');
    for (const sha of ['blob-2', 'blob-3', 'blob-4']) {
      nock(API).put(PLAN).reply(409, { message: 'does not match' });
      planAt(BRANCH, PLAN_TEXT.replace('Implement services', `Implement services (${sha})`), sha);
    }
    const body = phaseBody([true, false, true]);
    currentIssue(body);
    nock(API).patch('/repos/acme/web/issues/12').reply(200, {});

    await expect(
      edit(probot, 'd-busy', phaseBody([false, false, true]), body),
    ).rejects.toThrow(/changed during each of 3 commit attempts/);

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.filter((request) => request.method === 'PUT')).toHaveLength(3);
    const patch = requests.at(-1)!;
    expect(patch.method).toBe('PATCH');
    expect(readMarker((patch.body as { body: string }).body)?.pending).toEqual(['T001']);
    expect(requests.some((request) => request.method === 'POST')).toBe(false);
  });

  it.each([
    [409, 'Repository rule violations found\n\nChanges must be made through a pull request.'],
    [422, 'Changes must be made through a pull request.'],
  ])('a protected branch (%i) gets exactly one comment, the pending keys, and no state change', async (status, message) => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH);
    nock(API).put(PLAN).reply(status, { message });
    planAt(BRANCH); // same blob: not a conflict, a refusal
    nock(API).post('/repos/acme/web/issues/12/comments').reply(201, { id: 1 });
    const body = phaseBody([true, true, true]); // would complete the phase
    currentIssue(body);
    nock(API).patch('/repos/acme/web/issues/12').reply(200, {});

    await edit(probot, 'd-protected', phaseBody([false, false, true]), body);

    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(lines(requests).slice(3)).toEqual([
      `PUT ${PLAN}`,
      `GET ${PLAN}?ref=${BRANCH}`,
      'POST /repos/acme/web/issues/12/comments',
      `GET ${ISSUE}`,
      `PATCH ${ISSUE}`,
    ]);
    const comment = (requests[5].body as { body: string }).body;
    expect(comment).toContain(`@octocat I could not commit your change to \`${PLAN_PATH}\` on \`${BRANCH}\`: GitHub answered ${status}:`);
    expect(comment).toContain('(2 tasks are waiting)');
    expect(comment).toContain('let planbot push to it');
    const patch = requests[7].body as Record<string, string>;
    expect(Object.keys(patch)).toEqual(['body']); // state untouched: still open
    expect(patch.body).toBe(phaseBody([true, true, true], { pending: ['T001', 'T002'] }));
  });

  it('a 403 refusal is final at once (no re-read), and a second refused tick adds no second comment', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH);
    nock(API).put(PLAN).reply(403, { message: 'Resource not accessible by integration' });
    // T001 was refused before and is pending; now T002 is ticked and refused too.
    const from = phaseBody([true, false, true], { pending: ['T001'] });
    const body = phaseBody([true, true, true], { pending: ['T001'] });
    currentIssue(body);
    nock(API).patch('/repos/acme/web/issues/12').reply(200, {});

    await edit(probot, 'd-403', from, body);

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests).slice(2)).toEqual([`GET ${PLAN}?ref=${BRANCH}`, `PUT ${PLAN}`, `GET ${ISSUE}`, `PATCH ${ISSUE}`]);
    // The commit carried the earlier pending tick along with the new one.
    expect(decodedContent(requests[3].body)).toBe(tick(PLAN_TEXT).replace('- [ ] T002', '- [x] T002'));
    expect((requests[5].body as { body: string }).body).toBe(phaseBody([true, true, true], { pending: ['T001', 'T002'] }));
  });

  it('writes pending ticks along with the next tick once the branch accepts commits, and clears the pending list', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH);
    nock(API).put(PLAN).reply(...committed());
    const from = phaseBody([true, false, false], { pending: ['T001'] });
    const body = phaseBody([true, false, true], { pending: ['T001'] }); // re-ticks "Create base models", already ticked in the plan
    // Meanwhile the person also ticked T002: the pending list is cleared on the issue as it is now.
    currentIssue(phaseBody([true, true, true], { pending: ['T001'] }));
    nock(API).patch('/repos/acme/web/issues/12').reply(200, {});

    await edit(probot, 'd-flush', from, body);

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests).slice(2)).toEqual([`GET ${PLAN}?ref=${BRANCH}`, `PUT ${PLAN}`, `GET ${ISSUE}`, `PATCH ${ISSUE}`]);
    expect(decodedContent(requests[3].body)).toBe(tick(PLAN_TEXT));
    expect(requests[5].body).toEqual({ body: phaseBody([true, true, true]) });
  });

  it('writes to the default branch once the feature is merged and its branch deleted', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    nock(API).get(PLAN).query({ ref: BRANCH }).reply(404, { message: 'No commit found for the ref 001-user-auth' });
    nock(API).get(`/repos/acme/web/branches/${BRANCH}`).reply(404, { message: 'Branch not found' });
    planAt('main', PLAN_TEXT, 'blob-main');
    nock(API).put(PLAN).reply(...committed());

    await edit(probot, 'd-merged', phaseBody([false, false, true]), phaseBody([true, false, true]));

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests).slice(2)).toEqual([
      `GET ${PLAN}?ref=${BRANCH}`,
      `GET /repos/acme/web/branches/${BRANCH}`,
      `GET ${PLAN}?ref=main`,
      `PUT ${PLAN}`,
    ]);
    const put = requests[5].body as Record<string, string>;
    expect(put.branch).toBe('main');
    expect(put.sha).toBe('blob-main');
    expect(decodedContent(put)).toBe(tick(PLAN_TEXT));
  });

  it('explains, and keeps the tick pending, when the plan is gone from a branch that still exists', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    nock(API).get(PLAN).query({ ref: BRANCH }).reply(404, { message: 'Not Found' });
    nock(API).get(`/repos/acme/web/branches/${BRANCH}`).reply(200, { name: BRANCH });
    nock(API).post('/repos/acme/web/issues/12/comments').reply(201, { id: 1 });
    currentIssue(phaseBody([true, false, true]));
    nock(API).patch('/repos/acme/web/issues/12').reply(200, {});

    await edit(probot, 'd-gone', phaseBody([false, false, true]), phaseBody([true, false, true]));

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests.some((request) => request.method === 'PUT')).toBe(false);
    expect((requests[4].body as { body: string }).body).toContain(`\`${PLAN_PATH}\` does not exist on branch \`${BRANCH}\``);
    expect(readMarker((requests[6].body as { body: string }).body)?.pending).toEqual(['T001']);
  });

  it('edits tasks.md when the phase’s tasks come from there, in the file’s [X] style', async () => {
    const { probot } = app();
    const requests = recordRequests();
    const tasksPath = 'specs/001-user-auth/tasks.md';
    const tasksText = '# Tasks\n\n## Phase 1: Setup\n\n- [X] T001 Create project\n- [ ] T002 [P] Add linting\n';
    nock(API).get(CONFIG).reply(...rawReply('issues:\n  source: tasks\n'));
    nock(API).get(contentsPath('acme', 'web', tasksPath)).query({ ref: BRANCH }).reply(...fileReply(tasksPath, tasksText, 'tasks-blob'));
    nock(API).put(contentsPath('acme', 'web', tasksPath)).reply(...committed());
    nock(API).patch('/repos/acme/web/issues/12').reply(200, {});
    const texts = ['T001 Create project', 'T002 [P] Add linting'];

    await edit(probot, 'd-tasks', phaseBody([true, false], { source: 'tasks' }, texts), phaseBody([true, true], { source: 'tasks' }, texts));

    expect(nock.pendingMocks()).toEqual([]);
    expect(decodedContent(requests[2].body)).toBe(tasksText.replace('- [ ] T002', '- [X] T002'));
    expect(requests[3].body).toEqual({ state: 'closed', state_reason: 'completed' });
  });

  it('does nothing but read the config when issues.sync_back is off', async () => {
    const { probot } = app();
    const requests = recordRequests();
    nock(API).get(CONFIG).reply(...rawReply('issues:\n  sync_back: false\n'));

    await edit(probot, 'd-off', phaseBody([false, false, true]), phaseBody([true, false, true]));

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`]);
  });

  it('makes no write when the configuration is invalid', async () => {
    const { probot } = app();
    const requests = recordRequests();
    nock(API).get(CONFIG).reply(...rawReply('issues:\n  sync_back: maybe\n'));

    await edit(probot, 'd-bad-config', phaseBody([false, false, true]), phaseBody([true, false, true]));

    expect(requests.every((request) => request.method === 'GET')).toBe(true);
  });

  it('refuses a marker whose path is not a plan by the configuration (no read, no write)', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    const marker = { path: '.github/workflows/deploy.yml' };

    await edit(probot, 'd-path', phaseBody([false, false, true], marker), phaseBody([true, false, true], marker));

    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`]);
  });

  it('makes no commit when the plan already has the tick (a redelivery)', async () => {
    const { probot } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH, tick(PLAN_TEXT));

    await edit(probot, 'd-again', phaseBody([false, false, true]), phaseBody([true, false, true]));

    expect(nock.pendingMocks()).toEqual([]);
    expect(lines(requests)).toEqual([`GET ${CONFIG}`, `GET ${ORG_CONFIG}`, `GET ${PLAN}?ref=${BRANCH}`]);
  });

  it('fails the delivery on a server error and keeps the tick pending', async () => {
    const { probot, logs } = app();
    const requests = recordRequests();
    noConfig();
    planAt(BRANCH);
    nock(API).put(PLAN).reply(502, { message: 'Bad Gateway' });
    currentIssue(phaseBody([true, false, true]));
    nock(API).patch('/repos/acme/web/issues/12').reply(200, {});

    await expect(
      edit(probot, 'd-502', phaseBody([false, false, true]), phaseBody([true, false, true])),
    ).rejects.toThrow();

    expect(nock.pendingMocks()).toEqual([]);
    expect(readMarker((requests.at(-1)!.body as { body: string }).body)?.pending).toEqual(['T001']);
    const failure = logs.find((line) => String(line.msg).startsWith('writing the tick to the plan failed'));
    expect(failure?.deliveryId).toBe('d-502');
  });
});
