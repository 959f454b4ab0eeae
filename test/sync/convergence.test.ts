// Seeded, randomized interleavings of people's ticks and unticks in the phase issues and their
// commits to plan.md, against the simulator with its webhooks: deliveries late, out of order and
// repeated (old ones included). After each round, once everything is delivered, plan.md and every
// issue must show the same state for every task (convergence), and each task must show the state
// the last person to change it chose (no change lost). One simulator and one app for all rounds.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { closeParsePool } from '../../src/plan/parallel.js';
import type { SimEvent } from '../../tools/sim/index.js';
import { boxes, OWNER, planText, REPO, setBox, twoWayWorld, type TwoWayWorld } from './two-way-world.js';
import { seededRandom } from '../../tools/sim/faults.js';

jest.setTimeout(300_000);

const SEED = Number(process.env.CONVERGENCE_SEED ?? 20261202);
const ROUNDS = Number(process.env.CONVERGENCE_ROUNDS ?? 200);
const where = { owner: OWNER, repo: REPO };

const PHASES = [
  { name: 'Foundation', tasks: ['Set up project structure', 'Configure build pipeline', 'Create base models'] },
  { name: 'Core', tasks: ['Implement services', 'Write the API', 'Add request validation'] },
];
const TASKS = PHASES.flatMap((phase, index) => phase.tasks.map((text) => ({ text, phase: String(index + 1) })));

/** The simulator's seeded generator: interleavings picked reproducibly. */
const random = seededRandom;

let world: TwoWayWorld;
beforeAll(async () => {
  world = await twoWayWorld(planText(PHASES.map((phase) => ({ name: phase.name, tasks: phase.tasks.map((text) => [text, false] as [string, boolean]) }))));
});
afterAll(async () => {
  await world?.close();
  await closeParsePool();
});

describe('two-way sync: randomized interleavings', () => {
  it(`converges without losing a change over ${ROUNDS} interleavings (seed ${SEED})`, async () => {
    const rand = random(SEED);
    const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
    const issueNumbers = new Map(['1', '2'].map((phase) => [phase, world.phaseIssue(phase).number]));
    const issuesBefore = world.sim.issues(where).length;
    const commentsBefore = world.sim.comments(where).length;
    const history: SimEvent[] = [];
    let steps = 0;
    let redeliveries = 0;
    let outOfOrder = 0;

    const deliverSome = async () => {
      // Any pending event, not only the oldest: arrival out of order.
      while (world.pending.length > 0 && rand() < 0.5) {
        const index = Math.floor(rand() * world.pending.length);
        if (index > 0) outOfOrder++;
        const [event] = world.pending.splice(index, 1);
        history.push(event);
        await world.deliver(event);
      }
      if (history.length > 0 && rand() < 0.25) {
        redeliveries++;
        await world.deliver(pick(history));
      }
    };

    for (let round = 0; round < ROUNDS; round++) {
      // Each task is changed by one side per round (a person in the issue, or a commit to plan.md),
      // possibly several times; the last state that side set is what must win.
      const expected = new Map([...boxes(world.plan())].filter(([text]) => TASKS.some((task) => task.text === text)));
      const sideOf = new Map<string, 'issue' | 'plan'>();
      const operations = 1 + Math.floor(rand() * 3);
      for (let op = 0; op < operations; op++) {
        const task = pick(TASKS);
        const side = sideOf.get(task.text) ?? (rand() < 0.5 ? 'issue' : 'plan');
        sideOf.set(task.text, side);
        steps++;
        if (side === 'issue') {
          const number = issueNumbers.get(task.phase) as number;
          const body = world.sim.issue({ ...where, number })?.body ?? '';
          const now = boxes(body).get(task.text) as boolean;
          world.editBody(number, (text) => setBox(text, task.text, !now));
          expected.set(task.text, !now);
        } else {
          const now = boxes(world.plan()).get(task.text) as boolean;
          world.commitPlan((text) => setBox(text, task.text, !now));
          expected.set(task.text, !now);
        }
        await deliverSome();
      }
      // Everything still pending arrives, shuffled, with old deliveries repeated among it.
      while (world.pending.length > 0) {
        const index = Math.floor(rand() * world.pending.length);
        if (index > 0) outOfOrder++;
        const [event] = world.pending.splice(index, 1);
        history.push(event);
        await world.deliver(event);
        if (rand() < 0.2) {
          redeliveries++;
          await world.deliver(pick(history));
        }
      }

      const plan = boxes(world.plan());
      for (const phase of ['1', '2']) {
        const issue = world.sim.issue({ ...where, number: issueNumbers.get(phase) as number })!;
        const shown = boxes(issue.body ?? '');
        const tasks = TASKS.filter((task) => task.phase === phase);
        const state = (map: Map<string, boolean>) => tasks.map((task) => `${task.text}=${map.get(task.text)}`);
        // Convergence, then no lost change.
        expect({ round, phase, issue: state(shown) }).toEqual({ round, phase, issue: state(plan) });
        expect({ round, phase, plan: state(plan) }).toEqual({ round, phase, plan: state(expected) });
        const complete = tasks.every((task) => plan.get(task.text));
        expect({ round, phase, state: issue.state }).toEqual({ round, phase, state: complete ? 'closed' : 'open' });
      }
    }
    // Nothing doubled, nothing said that needed no saying.
    expect(world.sim.issues(where)).toHaveLength(issuesBefore);
    expect(world.sim.comments(where)).toHaveLength(commentsBefore);
    expect(world.logs.filter((line) => line.level >= 50)).toEqual([]);
    expect(steps).toBeGreaterThanOrEqual(ROUNDS);
    expect(redeliveries).toBeGreaterThan(ROUNDS / 4);
    expect(outOfOrder).toBeGreaterThan(ROUNDS / 4);
  });
});
