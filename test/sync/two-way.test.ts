// Two-way sync against the simulator, the races issue 13 observed: (a) a tick in the issue while a
// plan.md commit is on its way, (b) an untick handled before an earlier push, (c) task text
// rewritten in the issue. And item 8: a removed or edited marker keeps the issue's identity.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { closeParsePool } from '../../src/plan/parallel.js';
import { readLinksRecord } from '../../src/sync/links-record.js';
import { BRANCH, boxes, OWNER, planText, REPO, setBox, twoWayWorld, type TwoWayWorld } from './two-way-world.js';

const where = { owner: OWNER, repo: REPO };
const PLAN = planText([
  { name: 'Foundation', tasks: [['Set up project structure', false], ['Configure build pipeline', false], ['Create base models', true]] },
  { name: 'Core', tasks: [['Implement services', false], ['Write the API', false]] },
]);

let world: TwoWayWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});
afterAll(closeParsePool);

const planBoxes = (w: TwoWayWorld) => boxes(w.plan());
const issueBoxes = (w: TwoWayWorld, phase: string) => boxes(w.phaseIssue(phase).body ?? '');
const comments = (w: TwoWayWorld, number: number) => w.sim.comments({ ...where, number }).map((comment) => comment.body);

describe('two-way sync converges', () => {
  it('(a) a tick in the issue survives the pull-request sync of a plan commit made before it', async () => {
    world = await twoWayWorld(PLAN);
    const issue = world.phaseIssue('1');
    // Someone commits to plan.md (another task), then ticks a box in the issue before that push is handled.
    world.commitPlan((text) => setBox(text, 'Write the API', true));
    world.editBody(issue.number, (body) => setBox(body, 'Set up project structure', true));
    await world.drain();
    expect(planBoxes(world).get('Set up project structure')).toBe(true);
    expect(planBoxes(world).get('Write the API')).toBe(true);
    expect(issueBoxes(world, '1').get('Set up project structure')).toBe(true);
    expect(issueBoxes(world, '2').get('Write the API')).toBe(true);
  });

  it('(b) an untick handled before an earlier push is not ticked again by it', async () => {
    world = await twoWayWorld(PLAN);
    const issue = world.phaseIssue('1');
    world.commitPlan((text) => setBox(text, 'Set up project structure', true));
    const push = world.pending.splice(0);
    await Promise.all(push.filter((event) => event.name === 'pull_request').map((event) => world!.deliver(event)));
    expect(issueBoxes(world, '1').get('Set up project structure')).toBe(true);
    // The person unticks it in the issue; that edit is handled, then the push (older) arrives again.
    world.editBody(issue.number, (body) => setBox(body, 'Set up project structure', false));
    await world.drain();
    expect(planBoxes(world).get('Set up project structure')).toBe(false);
    for (const event of push) await world.deliver(event);
    expect(planBoxes(world).get('Set up project structure')).toBe(false);
    expect(issueBoxes(world, '1').get('Set up project structure')).toBe(false);
  });

  it('(c) task text rewritten in the issue gets a one-line reply, and the plan text comes back', async () => {
    world = await twoWayWorld(PLAN);
    const issue = world.phaseIssue('1');
    world.editBody(issue.number, (body) => body.replace('- [ ] Configure build pipeline', '- [x] Configure the CI pipeline'));
    await world.drain();
    const replies = comments(world, issue.number);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain('could not match “Configure the CI pipeline”');
    expect(replies[0].split('\n')).toHaveLength(1);
    expect(issueBoxes(world, '1').get('Configure build pipeline')).toBe(false);
    expect(issueBoxes(world, '1').has('Configure the CI pipeline')).toBe(false);
    expect(planBoxes(world).get('Configure build pipeline')).toBe(false);
    // Redelivered: no second reply.
    await world.deliver(world.delivered.at(-1)!);
    expect(comments(world, issue.number)).toHaveLength(1);
  });

  it('a tick completes the phase: plan committed, issue closed, tracking progress in the same run', async () => {
    world = await twoWayWorld(PLAN);
    const issue = world.phaseIssue('1');
    world.editBody(issue.number, (body) => setBox(setBox(body, 'Set up project structure', true), 'Configure build pipeline', true));
    await world.drain();
    expect([...planBoxes(world).values()].slice(0, 3)).toEqual([true, true, true]);
    expect(world.phaseIssue('1').state).toBe('closed');
    const commits = world.sim.commits({ ...where, branch: BRANCH });
    expect(commits[0].message).toMatch(/^docs\(plan\): update 2 tasks from #\d+/);
  });
});

describe('hand-edited markers (item 8)', () => {
  it('a removed marker is restored with a note, ticks in the issue still count, and no second Phase 1 issue appears', async () => {
    world = await twoWayWorld(PLAN);
    const issue = world.phaseIssue('1');
    const count = world.sim.issues(where).length;
    world.editBody(issue.number, (body) => body.split('\n').slice(1).join('\n'));
    world.commitPlan((text) => setBox(text, 'Write the API', true));
    await world.drain();
    expect(world.sim.issues(where)).toHaveLength(count);
    expect(world.phaseIssue('1').number).toBe(issue.number);
    const notes = comments(world, issue.number);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^planbot restored this issue's hidden first line/);
    // A tick now reaches the plan.
    world.editBody(issue.number, (body) => setBox(body, 'Set up project structure', true));
    await world.drain();
    expect(planBoxes(world).get('Set up project structure')).toBe(true);
  });

  it('a marker edited to another phase is put back; ticks go to the right phase and nothing is closed as a duplicate', async () => {
    world = await twoWayWorld(PLAN);
    const one = world.phaseIssue('1');
    const two = world.phaseIssue('2');
    world.editBody(one.number, (body) => setBox(body.replace('phase=1 ', 'phase=2 '), 'Set up project structure', true));
    await world.drain();
    expect(world.phaseIssue('1').number).toBe(one.number);
    expect(world.phaseIssue('2').number).toBe(two.number);
    expect(world.sim.issue({ ...where, number: two.number })?.state).toBe('open');
    expect(planBoxes(world).get('Set up project structure')).toBe(true);
    expect(comments(world, one.number)).toHaveLength(1);
    expect(comments(world, two.number)).toHaveLength(0);
    const tracking = world.sim.issues(where).find((candidate) => readLinksRecord(candidate.body) !== null);
    expect([...readLinksRecord(tracking?.body)!.phases]).toEqual([
      [one.number, '1'],
      [two.number, '2'],
    ]);
  });
});
