// `/planbot sync --dry-run`, driven the way GitHub drives it (probot.receive + the stateful fake):
// the reply lists what `/planbot sync` would write now, and the only writes are the reply and the
// command's reactions. The real sync runs after it to show that the list was the real thing.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { resetNock } from '../helpers/probot.js';
import { API } from '../helpers/github-contents.js';
import { interactApp as app } from '../helpers/interact-nock.js';
import { pullRequestPayload } from '../helpers/payloads-checks.js';
import { BOT, HUMAN, issueCommentPayload } from '../helpers/payloads-interact.js';
import { FakeGitHub } from '../sync/fake-github.js';
import { closeParsePool } from '../../src/plan/parallel.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const BRANCH = '001-user-auth';
const PLAN_TEXT = [
  '# Implementation Plan: User auth',
  '',
  '**Branch**: `001-user-auth` | **Date**: 2026-11-23',
  '',
  '## Implementation Phases',
  '',
  '### Phase 1: Foundation',
  '',
  '- [ ] T001 Set up project structure',
  '- [ ] T002 Configure build pipeline',
  '',
  '### Phase 2: Core',
  '**Dependencies**: Phase 1',
  '',
  '- [ ] T003 Implement services',
  '',
].join('\n');

// Issues after the first sync: #11 Phase 1, #12 Phase 2, #13 tracking.
const PHASE_1 = 11;
const PHASE_2 = 12;
const REACTIONS = '/repos/acme/web/issues/comments/777/reactions';
const PERMISSION = '/repos/acme/web/collaborators/octocat/permission';

let ids = 0;
afterAll(closeParsePool);
beforeEach(() => resetNock());

/** The repository after planbot's first sync of pull request #7; the fake also answers the command's own requests. */
async function synced(options: { role?: string } = {}) {
  const fake = new FakeGitHub({ firstNumber: 11 }).install();
  fake.config = 'checks:\n  enabled: false\n';
  fake.files.set(PLAN_PATH, PLAN_TEXT);
  fake.pullFiles.set(7, [PLAN_PATH]);
  let reactionIds = 500;
  const route = fake.handle.bind(fake);
  fake.handle = (method, uri, body, headers) => {
    const path = new URL(uri, API).pathname;
    if (path === PERMISSION) return [200, { permission: options.role ?? 'write', role_name: options.role ?? 'write' }, {}];
    if (path === REACTIONS && method === 'POST') return [201, { id: reactionIds++, content: body.content }, {}];
    if (path.startsWith(`${REACTIONS}/`) && method === 'DELETE') return [204, '', {}];
    if (path === '/repos/acme/web/issues/7/comments' && method === 'POST') {
      fake.comments.push({ issue: 7, body: body.body });
      return [201, { id: 900 }, {}];
    }
    if (path === '/repos/acme/web/pulls/7' && method === 'GET') {
      const repo = { id: 1, full_name: 'acme/web' };
      return [200, { number: 7, state: 'open', user: HUMAN, head: { ref: BRANCH, sha: 'head-sha', repo }, base: { ref: 'main', sha: 'base-sha', repo } }, {}];
    }
    return route(method, uri, body, headers);
  };
  const { probot } = app();
  await probot.receive({ id: `pr-${++ids}`, name: 'pull_request', payload: pullRequestPayload('opened', { number: 7, headRef: BRANCH }) } as any);
  // The branch points where GET pulls/7 says the head now is (the sync checks it before writing).
  fake.branchHeads.set(BRANCH, 'head-sha');
  fake.log = [];
  const say = async (text: string, where: 'pull' | number = PHASE_1) => {
    const issue = where === 'pull' ? { number: 7, body: 'Adds login.', pullRequest: true, user: HUMAN } : { number: where, body: fake.issue(where).body, user: BOT };
    await probot.receive({ id: `c-${++ids}`, name: 'issue_comment', payload: issueCommentPayload({ comment: text, issue }) } as any);
  };
  return { fake, say };
}

/** Every write but the command's acknowledgement (👀, 🚀 or 😕, 👀 removed). */
const changes = (fake: FakeGitHub) => fake.writes().filter((request) => !request.path.startsWith(REACTIONS)).map((request) => `${request.method} ${request.path}`);
const reactions = (fake: FakeGitHub) => fake.writes().filter((request) => request.path.startsWith(REACTIONS)).map((request) => (request.method === 'POST' ? request.body.content : 'removed'));

describe('/planbot sync --dry-run', () => {
  it('on a synced feature: replies "nothing to do" and writes nothing else', async () => {
    const { fake, say } = await synced();
    const issuesBefore = structuredClone(fake.issues);
    await say('/planbot sync --dry-run');

    expect(changes(fake)).toEqual([`POST /repos/acme/web/issues/${PHASE_1}/comments`]);
    expect(reactions(fake)).toEqual(['eyes', 'rocket', 'removed']);
    expect(fake.comments.at(-1)).toEqual({
      issue: PHASE_1,
      body: '@octocat `/planbot sync --dry-run`: nothing to do: the issues match the plan.\n\nThis was a dry run: nothing was changed.',
    });
    expect(fake.issues).toEqual(issuesBefore);
    expect(fake.commitMessages).toEqual([]);
  });

  it('lists each action on its own line, writes none of them, and `/planbot sync` then writes exactly those', async () => {
    const { fake, say } = await synced();
    // The plan changed on the branch and no event reached planbot (a missed delivery).
    fake.files.set(PLAN_PATH, PLAN_TEXT.replace('- [ ] T003 Implement services', '- [ ] T003 Implement services\n- [ ] T004 Add sessions').replace('- [ ] T001', '- [x] T001'));
    await say('/planbot sync --dry-run', PHASE_2);

    expect(changes(fake)).toEqual([`POST /repos/acme/web/issues/${PHASE_2}/comments`]);
    const reply = fake.comments.at(-1)!.body;
    const listed = reply.split('\n').filter((line) => line.startsWith('- '));
    expect(reply.split('\n')[0]).toBe(`@octocat \`/planbot sync --dry-run\`: ${listed.length} actions the sync would apply now:`);
    expect(listed).toEqual([
      // Issue references are quoted (no backlinks in the issues the reply names).
      '- update issue phase:1 (`#11`): body — body changed',
      '- update issue phase:2 (`#12`): body — body changed',
      '- update issue tracking (`#13`): body — body changed',
    ]);
    expect(reply.endsWith('This was a dry run: nothing was changed.')).toBe(true);
    expect(fake.issue(PHASE_2).body).not.toContain('T004');

    fake.log = [];
    await say('/planbot sync', PHASE_2);
    expect(changes(fake)).toEqual([`PATCH /repos/acme/web/issues/${PHASE_1}`, `PATCH /repos/acme/web/issues/${PHASE_2}`, 'PATCH /repos/acme/web/issues/13']);
    expect(fake.issue(PHASE_2).body).toContain('T004 Add sessions');

    fake.log = [];
    await say('/planbot sync --dry-run', PHASE_2);
    expect(fake.comments.at(-1)!.body).toContain('nothing to do');
  });

  it('lists the commit a tick made in an issue would cause, without committing it', async () => {
    const { fake, say } = await synced();
    // Ticked in the issue; the edit's delivery was lost, so the plan does not have it yet.
    fake.issue(PHASE_1).body = fake.issue(PHASE_1).body.replace('- [ ] T001', '- [x] T001');
    await say('/planbot sync --dry-run');

    expect(changes(fake)).toEqual([`POST /repos/acme/web/issues/${PHASE_1}/comments`]);
    expect(fake.files.get(PLAN_PATH)).toBe(PLAN_TEXT);
    expect(fake.commitMessages).toEqual([]);
    const listed = fake.comments.at(-1)!.body.split('\n').filter((line) => line.startsWith('- '));
    expect(listed[0]).toBe(`- commit 1 task state to ${PLAN_PATH} on ${BRANCH} — ticks made in \`#11\``);
  });

  it('on the pull request: the same list, for each plan the pull request carries', async () => {
    const { fake, say } = await synced();
    fake.files.set(PLAN_PATH, PLAN_TEXT.replace('### Phase 2: Core', '### Phase 2: Core services'));
    await say('/planbot sync --dry-run', 'pull');

    expect(changes(fake)).toEqual(['POST /repos/acme/web/issues/7/comments']);
    const reply = fake.comments.at(-1)!.body;
    expect(reply).toMatch(/^@octocat `\/planbot sync --dry-run`: \d+ actions? the sync would apply now:\n- update issue phase:2 \(`#12`\): title/);
  });

  it('asks for the same access as other commands: a reader gets the polite refusal and nothing is read or planned', async () => {
    const { fake, say } = await synced({ role: 'read' });
    await say('/planbot sync --dry-run');

    expect(changes(fake)).toEqual([`POST /repos/acme/web/issues/${PHASE_1}/comments`]);
    expect(reactions(fake)).toEqual([]);
    expect(fake.comments.at(-1)!.body).toContain('`/planbot sync --dry-run` can only be run by people with write access');
    expect(fake.lines((request) => request.method === 'GET' && /contents\/specs|\/issues\?/.test(request.path))).toEqual([]);
  });
});
