// issues.granularity: task against the GitHub simulator, webhooks and all: a person closes a task's
// issue (GitHub sends issues.closed), ticks a box in the phase issue, commits to plan.md; the task
// issues, the phase issues and the plan end up showing the same state. Tasks without ids here: the
// phase issue's ` · #N` links must not change which task a box is.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { closeParsePool } from '../../src/plan/parallel.js';
import { readMarker } from '../../src/sync/marker.js';
import { boxes, OWNER, planText, REPO, setBox, twoWayWorld, type TwoWayWorld } from './two-way-world.js';

const where = { owner: OWNER, repo: REPO };
const CONFIG = 'checks:\n  enabled: false\nissues:\n  granularity: task\n';
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

const taskIssue = (w: TwoWayWorld, text: string) => {
  const issue = w.sim.issues(where).find((candidate) => readMarker(candidate.body)?.task === text.toLowerCase());
  if (!issue) throw new Error(`no task issue for ${text}`);
  return issue;
};

describe('task issues through the simulator', () => {
  it('closing, ticking in the phase issue and committing to plan.md all converge; no duplicate issue, no stray reply', async () => {
    world = await twoWayWorld(PLAN, { config: CONFIG });
    const phase1 = world.phaseIssue('1');
    const setUp = taskIssue(world, 'Set up project structure');
    expect(setUp.parent).toBe(phase1.id);
    expect(taskIssue(world, 'Create base models').state).toBe('closed');
    expect(phase1.body).toContain(`- [ ] Set up project structure · #${setUp.number}`);
    const count = world.sim.issues(where).length;
    expect(count).toBe(5 + 2 + 1);

    // A person closes the task's issue as completed: the plan takes the tick.
    world.sim.editIssue({ ...where, number: setUp.number, state: 'closed', stateReason: 'completed', as: 'alice' });
    await world.drain();
    expect(boxes(world.plan()).get('Set up project structure')).toBe(true);
    expect(boxes(world.phaseIssue('1').body ?? '').get(`Set up project structure · #${setUp.number}`)).toBe(true);
    expect(taskIssue(world, 'Set up project structure').state).toBe('closed');

    // A tick in the phase issue's checklist reaches the plan, and closes that task's issue.
    const pipeline = taskIssue(world, 'Configure build pipeline');
    world.editBody(phase1.number, (body) => setBox(body, `Configure build pipeline · #${pipeline.number}`, true));
    await world.drain();
    expect(boxes(world.plan()).get('Configure build pipeline')).toBe(true);
    expect(taskIssue(world, 'Configure build pipeline')).toMatchObject({ state: 'closed', state_reason: 'completed' });

    // An untick committed to plan.md reopens the task's issue.
    world.commitPlan((text) => setBox(text, 'Set up project structure', false));
    await world.drain();
    expect(taskIssue(world, 'Set up project structure').state).toBe('open');

    expect(world.sim.issues(where)).toHaveLength(count);
    for (const issue of world.sim.issues(where)) expect(world.sim.comments({ ...where, number: issue.number })).toEqual([]);
  });
});
