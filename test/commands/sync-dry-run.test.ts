// `/planbot sync --dry-run`, driven the way GitHub drives it (probot.receive, the real app over the
// in-memory GitHub):
// the reply lists what `/planbot sync` would write now, and the only writes are the reply and the
// command's reactions. The real sync runs after it to show that the list was the real thing.
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals';
import { resetNock } from '../helpers/probot.js';
import { interactApp as app } from '../helpers/interact-nock.js';
import { HEAD_SHA, pullRequestPayload } from '../helpers/payloads-checks.js';
import { BOT, HUMAN, issueCommentPayload } from '../helpers/payloads-interact.js';
import { MemoryGitHub, WRITE_METHODS, type MemoryCall } from '../helpers/memory-github.js';
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

let ids = 0;
afterAll(closeParsePool);
beforeEach(() => resetNock());

/** The repository after planbot's first sync of pull request #7 (its branch at the pull request's head), with the commenter's role. */
async function synced(options: { role?: string } = {}) {
  const fake = new MemoryGitHub({ firstNumber: 11 }).setConfig('checks:\n  enabled: false\n').createBranch(BRANCH).setFile(PLAN_PATH, PLAN_TEXT, BRANCH).pointBranch(BRANCH, HEAD_SHA);
  const repo = { id: 1, full_name: 'acme/web' };
  fake.addPull({ number: 7, user: HUMAN, head: { ref: BRANCH, sha: HEAD_SHA, repo }, base: { ref: 'main', sha: 'base-sha', repo } }, [PLAN_PATH]);
  fake.permissions.set('octocat', { permission: options.role ?? 'write', role_name: options.role ?? 'write' });
  const { probot } = app({ github: () => fake });
  await probot.receive({ id: `pr-${++ids}`, name: 'pull_request', payload: pullRequestPayload('opened', { number: 7, headRef: BRANCH }) } as any);
  fake.calls = [];
  const say = async (text: string, where: 'pull' | number = PHASE_1) => {
    const issue = where === 'pull' ? { number: 7, body: 'Adds login.', pullRequest: true, user: HUMAN } : { number: where, body: fake.issue(where).body, user: BOT };
    await probot.receive({ id: `c-${++ids}`, name: 'issue_comment', payload: issueCommentPayload({ comment: text, issue }) } as any);
  };
  return { fake, say };
}

/** Every write but the command's acknowledgement (👀, 🚀 or 😕, 👀 removed). */
const isReaction = (call: MemoryCall) => call.method === 'reactToComment' || call.method === 'removeCommentReaction';
const changes = (fake: MemoryGitHub) => fake.lines((call) => WRITE_METHODS.has(call.method) && !isReaction(call));
const reactions = (fake: MemoryGitHub) => fake.writes().filter(isReaction).map((call) => (call.method === 'reactToComment' ? call.args[2] : 'removed'));
const planFile = (fake: MemoryGitHub) => fake.file(PLAN_PATH, BRANCH);

describe('/planbot sync --dry-run', () => {
  it('on a synced feature: replies "nothing to do" and writes nothing else', async () => {
    const { fake, say } = await synced();
    const issuesBefore = structuredClone(fake.issues);
    await say('/planbot sync --dry-run');

    expect(changes(fake)).toEqual([`createComment ${PHASE_1}`]);
    expect(reactions(fake)).toEqual(['eyes', 'rocket', 'removed']);
    expect(fake.comments.at(-1)).toMatchObject({
      issue: PHASE_1,
      body: '@octocat `/planbot sync --dry-run`: nothing to do: the issues match the plan.\n\nThis was a dry run: nothing was changed.',
    });
    expect(fake.issues).toEqual(issuesBefore);
    expect(fake.commitMessages).toEqual([]);
  });

  it('lists each action on its own line, writes none of them, and `/planbot sync` then writes exactly those', async () => {
    const { fake, say } = await synced();
    // The plan changed on the branch and no event reached planbot (a missed delivery).
    fake.setFile(PLAN_PATH, PLAN_TEXT.replace('- [ ] T003 Implement services', '- [ ] T003 Implement services\n- [ ] T004 Add sessions').replace('- [ ] T001', '- [x] T001'), BRANCH);
    await say('/planbot sync --dry-run', PHASE_2);

    expect(changes(fake)).toEqual([`createComment ${PHASE_2}`]);
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

    fake.calls = [];
    await say('/planbot sync', PHASE_2);
    expect(changes(fake)).toEqual([`updateIssue ${PHASE_1}`, `updateIssue ${PHASE_2}`, 'updateIssue 13']);
    expect(fake.issue(PHASE_2).body).toContain('T004 Add sessions');

    fake.calls = [];
    await say('/planbot sync --dry-run', PHASE_2);
    expect(fake.comments.at(-1)!.body).toContain('nothing to do');
  });

  it('lists the commit a tick made in an issue would cause, without committing it', async () => {
    const { fake, say } = await synced();
    // Ticked in the issue; the edit's delivery was lost, so the plan does not have it yet.
    fake.issue(PHASE_1).body = fake.issue(PHASE_1).body.replace('- [ ] T001', '- [x] T001');
    await say('/planbot sync --dry-run');

    expect(changes(fake)).toEqual([`createComment ${PHASE_1}`]);
    expect(planFile(fake)).toBe(PLAN_TEXT);
    expect(fake.commitMessages).toEqual([]);
    const listed = fake.comments.at(-1)!.body.split('\n').filter((line) => line.startsWith('- '));
    expect(listed[0]).toBe(`- commit 1 task state to ${PLAN_PATH} on ${BRANCH} — ticks made in \`#11\``);
  });

  it('on the pull request: the same list, for each plan the pull request carries', async () => {
    const { fake, say } = await synced();
    fake.setFile(PLAN_PATH, PLAN_TEXT.replace('### Phase 2: Core', '### Phase 2: Core services'), BRANCH);
    await say('/planbot sync --dry-run', 'pull');

    expect(changes(fake)).toEqual(['createComment 7']);
    const reply = fake.comments.at(-1)!.body;
    expect(reply).toMatch(/^@octocat `\/planbot sync --dry-run`: \d+ actions? the sync would apply now:\n- update issue phase:2 \(`#12`\): title/);
  });

  it('asks for the same access as other commands: a reader gets the polite refusal and nothing is read or planned', async () => {
    const { fake, say } = await synced({ role: 'read' });
    await say('/planbot sync --dry-run');

    expect(changes(fake)).toEqual([`createComment ${PHASE_1}`]);
    expect(reactions(fake)).toEqual([]);
    expect(fake.comments.at(-1)!.body).toContain('`/planbot sync --dry-run` can only be run by people with write access');
    expect(fake.lines((call) => (call.method === 'readFile' && String(call.args[1]).startsWith('specs/')) || call.method === 'listLabelledIssues')).toEqual([]);
  });
});
