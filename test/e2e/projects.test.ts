// End to end, the Project board (issue #17): the real server (`node dist/main.js`) against the
// simulator's GraphQL endpoint. A plan pushed to the default branch puts one card per phase on an
// organisation Project; ticks move the cards; a card a person moved stays until its phase changes;
// a redelivery of everything costs no GraphQL request at all.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FILLED_PLAN, latestChecks, SCENARIO, startWorld, type World } from '../../tools/demo/scenario.js';
import type { FieldSpec, RequestRecord } from '../../tools/sim/index.js';
import { readBoardRecord } from '../../src/projects/board-record.js';
import { readMarker } from '../../src/sync/marker.js';
import { buildApp, PROJECT_DIR } from './build.js';
import { TEST_WRITE_PACING } from '../helpers/app-process.js';

jest.setTimeout(90_000);

const where = { owner: SCENARIO.owner, repo: SCENARIO.repo };
const MAIN = 'main';
const PLAN_PATH = 'specs/001-user-auth/plan.md';
// The filled plan with nothing ticked: every phase starts in Todo.
const PLAN = FILLED_PLAN.replace(/- \[x\]/g, '- [ ]');
const CONFIG = `issues:
  labels: [planbot]
projects:
  project: { org: acme, number: 7 }
`;

const FIELDS: FieldSpec[] = [
  { name: 'Status', dataType: 'SINGLE_SELECT', options: ['Todo', 'In Progress', 'Done'] },
  { name: 'Phase', dataType: 'NUMBER' },
  { name: 'Feature', dataType: 'TEXT' },
  { name: 'Target date', dataType: 'DATE' },
  { name: 'Iteration', dataType: 'ITERATION', iterations: [{ title: 'Sprint 12', startDate: '2026-11-23', duration: 14 }] },
];

const mutations = (requests: RequestRecord[]) => requests.filter((request) => request.graphql?.operation === 'mutation' && request.fault === null);
const graphqlCalls = (requests: RequestRecord[]) => requests.filter((request) => request.graphql);

describe('the Project board end to end', () => {
  let world: World;
  let plan = PLAN;
  const phaseIssue = (phase: string) => world.simulator.issues(where).find((issue) => readMarker(issue.body)?.phase === phase)!;
  const board = () => world.simulator.projectBoard('acme', 7);
  const statusOf = (phase: string) => board().columns.find((column) => column.cards.some((card) => card.issue === phaseIssue(phase).number))?.status;

  /** Commits plan.md on main (a push the app syncs) and returns the app's requests meanwhile. */
  async function commitPlan(content: string, message: string): Promise<RequestRecord[]> {
    plan = content;
    const from = world.simulator.requests.length;
    world.simulator.commitFile({ ...where, branch: MAIN, path: PLAN_PATH, content, message, as: SCENARIO.author });
    await world.settle();
    return world.simulator.requests.slice(from);
  }
  const tick = (content: string, task: string) => {
    expect(content).toContain(`- [ ] ${task}`);
    return content.replace(`- [ ] ${task}`, `- [x] ${task}`);
  };

  beforeAll(async () => {
    buildApp();
    world = await startWorld({ projectDir: PROJECT_DIR, env: { ...TEST_WRITE_PACING } });
    world.simulator.createProject({
      owner: 'acme',
      number: 7,
      title: 'Roadmap',
      fields: FIELDS,
    });
    world.simulator.commitFile({ ...where, branch: MAIN, path: '.github/planbot.yml', content: CONFIG, message: 'chore: keep the Roadmap board', as: SCENARIO.author });
    await world.settle();
  });
  afterAll(async () => world?.close());

  it('a plan with 4 phases puts 4 cards on the board, with Status, Phase, Feature and Target date', async () => {
    const requests = await commitPlan(PLAN, 'docs: the user auth plan');
    const cards = board().columns.flatMap((column) => column.cards);
    expect(cards).toHaveLength(4);
    expect(board().columns.map((column) => [column.status, column.cards.length])).toEqual([['Todo', 4], ['In Progress', 0], ['Done', 0]]);
    const byPhase = new Map(cards.map((card) => [card.fields.Phase, card]));
    expect([...byPhase.keys()].sort()).toEqual([0, 1, 2, 3]);
    for (const phase of ['0', '1', '2', '3']) {
      expect(byPhase.get(Number(phase))).toMatchObject({ issue: phaseIssue(phase).number, repo: 'acme/web', fields: { Feature: '001-user-auth' } });
    }
    // From the plan's Date (2026-11-24), each phase's Duration after its dependency.
    expect(cards.map((card) => [card.fields.Phase, card.fields['Target date']]).sort()).toEqual([
      [0, '2026-11-25'],
      [1, '2026-11-28'],
      [2, '2026-12-03'],
      [3, '2026-12-05'],
    ]);
    // One board read; 4 adds and 4 × (Status, Phase, Feature, Target date) sets; the record kept in the tracking issue.
    expect(graphqlCalls(requests).filter((request) => request.graphql!.operation === 'query')).toHaveLength(1);
    expect(mutations(requests)).toHaveLength(4 + 16);
    const tracking = world.simulator.issues(where).find((issue) => readMarker(issue.body)?.tracking)!;
    expect([...readBoardRecord(tracking.body).keys()].sort((a, b) => a - b)).toEqual(['0', '1', '2', '3'].map((phase) => phaseIssue(phase).number).sort((a, b) => a - b));
    expect(world.simulator.violations).toEqual([]);
  });

  it('ticking tasks moves one card to In Progress, then to Done', async () => {
    let requests = await commitPlan(tick(plan, 'Compare session storage options'), 'research: storage compared');
    expect(statusOf('0')).toBe('In Progress');
    expect(['1', '2', '3'].map(statusOf)).toEqual(['Todo', 'Todo', 'Todo']);
    expect(mutations(requests).map((request) => request.graphql!.fields)).toEqual([['updateProjectV2ItemFieldValue']]);

    requests = await commitPlan(tick(tick(plan, 'Choose a password hashing scheme'), 'Design the users and sessions tables'), 'research: done');
    expect(statusOf('0')).toBe('Done');
    expect(phaseIssue('0')).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(mutations(requests)).toHaveLength(1);
    expect(world.simulator.violations).toEqual([]);
  });

  it('a card moved by hand stays where the person put it until its phase changes', async () => {
    world.simulator.moveCard('acme', 7, phaseIssue('2').number, 'In Progress', { as: SCENARIO.author });
    const from = world.simulator.requests.length;
    await world.settle();
    // The person's move is an event; planbot answers it with no request.
    expect(graphqlCalls(world.simulator.requests.slice(from))).toEqual([]);

    // Another phase changes: the board is read, and Phase 2's card is left alone.
    let requests = await commitPlan(tick(plan, 'Create the users and sessions migrations'), 'feat: migrations');
    expect(statusOf('1')).toBe('In Progress');
    expect(statusOf('2')).toBe('In Progress');
    expect(mutations(requests)).toHaveLength(1);

    // Phase 2's own plan state changes: planbot follows the plan again (one task of three → In Progress stays;
    // all three → Done).
    requests = await commitPlan(tick(tick(tick(plan, 'Sign-up and sign-in endpoints'), 'Password reset by email'), 'Rate-limit failed sign-ins'), 'feat: core');
    expect(statusOf('2')).toBe('Done');
    expect(mutations(requests)).toHaveLength(1);
    expect(world.simulator.violations).toEqual([]);
  });

  it('a redelivery of everything costs no GraphQL request', async () => {
    const before = board();
    const from = world.simulator.requests.length;
    const redelivered = world.relay.redeliverAll();
    await world.settle();
    expect(redelivered).toBeGreaterThan(5);
    const requests = world.simulator.requests.slice(from);
    expect(mutations(requests)).toEqual([]);
    expect(graphqlCalls(requests)).toEqual([]);
    expect(board()).toEqual(before);
    // Every tracking-body rewrite on the way carried planbot's board record over.
    const tracking = world.simulator.issues(where).find((issue) => readMarker(issue.body)?.tracking)!;
    expect(readBoardRecord(tracking.body).get(phaseIssue('2').number)).toMatchObject({ status: 'done', setDate: true });
    expect(world.simulator.violations).toEqual([]);
  });
});

// A fresh world: the first one's writes would meet the simulator's secondary rate limit here.
describe('the Project board in a pull request’s plan check', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld({ projectDir: PROJECT_DIR, env: { ...TEST_WRITE_PACING } });
    world.simulator.createProject({ owner: 'acme', number: 7, title: 'Roadmap', fields: FIELDS });
    // The config names a Phase field called "Stage", which the Project does not have.
    world.simulator.commitFile({ ...where, branch: MAIN, path: '.github/planbot.yml', content: CONFIG + '  fields: { phase: { name: Stage } }\n', message: 'chore: keep the board', as: SCENARIO.author });
    await world.settle();
  });
  afterAll(async () => world?.close());

  it('in a pull request, a field the Project lacks is a config problem in the plan check, and a refused permission a note', async () => {
    const BRANCH = '002-billing';
    const path = 'specs/002-billing/plan.md';
    const billing = FILLED_PLAN.replaceAll('001-user-auth', '002-billing');
    world.simulator.createBranch({ ...where, branch: BRANCH, files: { [path]: billing }, message: 'docs: billing plan', as: SCENARIO.author });
    await world.settle();
    const opened = world.simulator.openPullRequest({ ...where, head: BRANCH, title: 'Billing', as: SCENARIO.author });
    await world.settle();
    let check = latestChecks(world.simulator, opened.headSha).get('planbot / plan')!;
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toMatch(/^Project board: 1 config problem · /);
    expect(check.output.summary).toMatch(/^### Project board\n/);
    expect(check.output.summary).toMatch(/\| `\.github\/planbot\.yml` \| 5(:\d+)? \| `projects\.fields\.phase(\.name)?` \|/);
    // The other fields are still kept: the billing phases are on the board.
    const billingCards = world.simulator.projectBoard('acme', 7).columns.flatMap((column) => column.cards).filter((card) => card.fields.Feature === '002-billing');
    expect(billingCards).toHaveLength(4);

    // The installation withdraws the Projects permission: the issues still sync; the check says the board was skipped.
    world.simulator.setProjectsPermission(SCENARIO.installationId, 'none');
    const from = world.simulator.requests.length;
    const { sha } = world.simulator.commitFile({ ...where, branch: BRANCH, path, content: billing.replace('- [ ] Sign-up and sign-in endpoints', '- [x] Sign-up and sign-in endpoints'), message: 'feat: sign-up', as: SCENARIO.author });
    await world.settle();
    check = latestChecks(world.simulator, sha).get('planbot / plan')!;
    expect(check.output.summary).toContain('### Project board');
    expect(check.output.summary).toMatch(/- The Project board was skipped: this installation has not been granted the `organization_projects` permission/);
    expect(check.output.summary!.match(/was skipped/g)).toHaveLength(1);
    const requests = world.simulator.requests.slice(from);
    expect(requests.some((request) => request.route === 'PATCH /repos/{owner}/{repo}/issues/{issue_number}')).toBe(true);
    expect(mutations(requests)).toEqual([]);

    // `/planbot sync`: a person asked, so the board is read although the issues match; the reply says it was skipped.
    world.simulator.commentOnIssue({ ...where, number: opened.number, body: '/planbot sync', as: SCENARIO.author });
    await world.settle();
    const reply = world.simulator.comments({ ...where, number: opened.number }).find((comment) => comment.user.login === 'planbot[bot]');
    expect(reply?.body).toMatch(/^@alice `\/planbot sync`: The issues are synced\. The Project board:\n- The Project board was skipped: this installation has not been granted/);
    expect(world.simulator.violations).toEqual([]);
  });
});
