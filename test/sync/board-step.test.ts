// The issue sync's board step (src/sync/board-step.ts), through syncFeature: the issues as the
// sync leaves them go on the board, the tracking body's board record survives every rewrite, an
// unchanged feature costs the board nothing, and a board failure never fails the issue sync.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { syncFeature, type SyncTarget } from '../../src/sync/sync-feature.js';
import { readBoardRecord } from '../../src/projects/board-record.js';
import type { Job } from '../../src/job/job.js';
import { pushPayload } from '../helpers/payloads-issues.js';
import { MemoryGitHub } from '../helpers/memory-github.js';
import { memoryJob } from '../helpers/memory-job.js';

const PLAN_PATH = 'specs/001-user-auth/plan.md';
const PLAN = readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8');
const BRANCH = '001-user-auth';
const TARGET: SyncTarget = { owner: 'acme', repo: 'web', feature: '001-user-auth', planPath: PLAN_PATH, ref: BRANCH, branchForLinks: BRANCH, author: 'octocat' };
const CONFIG = 'issues:\n  labels: [planbot]\nprojects:\n  project: { org: acme, number: 1 }\n';

const job = (github: MemoryGitHub): Job => memoryJob(github, { id: 'sync-1', name: 'push', payload: pushPayload() });
const BOARD_METHODS = new Set(['readProjectBoard', 'addProjectItem', 'setProjectItemField', 'clearProjectItemField']);
const boardCalls = (github: MemoryGitHub) => github.calls.filter((call) => BOARD_METHODS.has(call.method));

function repository(config = CONFIG): MemoryGitHub {
  const github = new MemoryGitHub({ firstNumber: 11 }).setConfig(config).createBranch(BRANCH).setFile(PLAN_PATH, PLAN, BRANCH);
  github.nodeIds = true;
  return github;
}
const trackingBody = (github: MemoryGitHub, number: number) => github.issue(number).body;

describe('the board step of the issue sync', () => {
  it('puts the issues it just created on the board and keeps the record in the tracking issue', async () => {
    const github = repository();
    const result = await syncFeature(job(github), TARGET);
    expect(result.status).toBe('synced');
    expect(result.board).toMatchObject({ status: 'planned', problems: [], notes: [], reads: 1 });
    // Phases 0, 1, 2 are issues 11, 12, 13 (created first); the tracking issue (14) is no card by default.
    expect(github.callsOf('addProjectItem').map((call) => call.args[1])).toEqual(['I_11', 'I_12', 'I_13'].map((id) => id.replace(/\d+/, (n) => String(github.issue(Number(n)).id))));
    const record = readBoardRecord(trackingBody(github, 14));
    expect([...record.keys()]).toEqual([11, 12, 13]);
    // Phase 0 has one of two tasks ticked.
    expect(record.get(11)?.status).toBe('in_progress');
    expect(record.get(12)?.status).toBe('todo');
  });

  it('costs the board nothing when the plan and the issues did not change', async () => {
    const github = repository();
    await syncFeature(job(github), TARGET);
    github.calls = [];
    const again = await syncFeature(job(github), TARGET);
    expect(again.status).toBe('unchanged');
    expect(again.board).toMatchObject({ status: 'unchanged', reads: 0, applied: 0 });
    expect(boardCalls(github)).toEqual([]);
    expect(github.writes()).toEqual([]);
  });

  it('a tick rewrites the tracking body with the board record carried over: a card a person moved stays put', async () => {
    const github = repository();
    await syncFeature(job(github), TARGET);
    const node = (number: number) => `I_${github.issue(number).id}`;
    // A person drags Phase 2's card (issue 13) to Done.
    github.project.set(github.project.id, github.project.itemOf(node(13))!.id, 'F_status', { singleSelectOptionId: 'O_done' });
    github.setFile(PLAN_PATH, PLAN.replace('- [ ] Set up project structure', '- [x] Set up project structure'), BRANCH);
    github.calls = [];
    const result = await syncFeature(job(github), TARGET);
    expect(result.status).toBe('synced');
    // The issue sync rewrote the tracking body (its progress rows) before the board step ran.
    expect(result.actions).toContainEqual(expect.objectContaining({ type: 'update-issue', ref: 'tracking' }));
    expect(github.callsOf('readProjectBoard')).toHaveLength(1);
    // Phase 1's card: Todo → In Progress, one mutation; Phase 2's card keeps the person's Done.
    expect(github.callsOf('setProjectItemField').map((call) => [call.args[1], call.args[3]])).toEqual([[github.project.itemOf(node(12))!.id, { singleSelectOptionId: 'O_progress' }]]);
    expect(github.project.statusOf(node(13))).toBe('Done');
    const record = readBoardRecord(trackingBody(github, 14));
    expect([...record.keys()]).toEqual([11, 12, 13]);
    expect(record.get(12)?.status).toBe('in_progress');
    expect(record.get(13)?.status).toBe('todo');
    // Exactly one board line.
    expect(trackingBody(github, 14).match(/planbot:board/g)).toHaveLength(1);
  });

  it('a board that fails to read leaves the issue sync done, with a note', async () => {
    const github = repository();
    github.fail('readProjectBoard', 502);
    const result = await syncFeature(job(github), TARGET);
    expect(result.status).toBe('synced');
    expect(result.writes).toBeGreaterThan(0);
    expect(result.board).toMatchObject({ status: 'failed', applied: 0 });
    expect(result.board!.notes[0]).toMatch(/^The Project board could not be updated/);
    expect(github.callsOf('addProjectItem')).toEqual([]);
    // No record is written for a board that was not synced: the next event tries again.
    expect(readBoardRecord(trackingBody(github, 14)).size).toBe(0);
  });

  it('without `projects` there is no board step and no board request', async () => {
    const github = repository('issues:\n  labels: [planbot]\n');
    const result = await syncFeature(job(github), TARGET);
    expect(result.board ?? null).toBeNull();
    expect(boardCalls(github)).toEqual([]);
  });
});
