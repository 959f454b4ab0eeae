import { describe, expect, it } from '@jest/globals';
import { baseOf, threeWay } from '../../src/sync/three-way.js';
import type { DesiredTask } from '../../src/sync/desired.js';

const task = (key: string, checked: boolean): DesiredTask => ({ key, id: null, text: key, checked, depth: 0 });
const states = (...pairs: Array<[string, boolean]>) => pairs.map(([key, checked]) => ({ key, checked }));
const plan = [task('a', false), task('b', true), task('c', false)];

describe('threeWay', () => {
  it('takes the side that moved away from the base, per task', () => {
    const base = baseOf(states(['a', false], ['b', true], ['c', false]));
    // The issue ticked a; the plan unticked b (issue still shows b ticked, as at the base).
    const merged = threeWay({ plan: [task('a', false), task('b', false), task('c', false)], issue: states(['a', true], ['b', true], ['c', false]), base, syncBack: true });
    expect(merged.tasks.map((t) => t.checked)).toEqual([true, false, false]);
    expect([...merged.toPlan]).toEqual([['a', true]]);
    // Until the plan has a, the base keeps the plan's state for it.
    expect(merged.base).toEqual(baseOf(states(['a', false], ['b', false], ['c', false])));
  });

  it('an issue that agrees with the base takes the plan, whatever the plan says (an older issue state is not a change)', () => {
    const base = baseOf(states(['a', true], ['b', true], ['c', false]));
    const merged = threeWay({ plan, issue: states(['a', true], ['b', true], ['c', false]), base, syncBack: true });
    expect(merged.tasks.map((t) => t.checked)).toEqual([false, true, false]);
    expect(merged.toPlan.size).toBe(0);
    expect(merged.wasComplete).toBe(false);
  });

  it('without a base (issues written before it was recorded) the plan wins, except where the edit being handled or a pending key says otherwise', () => {
    expect(threeWay({ plan, issue: states(['a', true], ['b', true], ['c', true]), base: null, syncBack: true }).toPlan.size).toBe(0);
    const fromEdit = threeWay({ plan, issue: states(['a', true], ['b', true], ['c', true]), base: null, before: states(['a', false], ['b', true], ['c', true]), syncBack: true });
    expect([...fromEdit.toPlan]).toEqual([['a', true]]);
    const pending = threeWay({ plan, issue: states(['a', false], ['b', true], ['c', true]), base: null, pending: ['c'], syncBack: true });
    expect([...pending.toPlan]).toEqual([['c', true]]);
  });

  it('sync_back off: the plan always wins', () => {
    const base = baseOf(states(['a', false], ['b', true], ['c', false]));
    const merged = threeWay({ plan, issue: states(['a', true], ['b', true], ['c', false]), base, syncBack: false });
    expect(merged.tasks).toEqual(plan);
    expect(merged.toPlan.size).toBe(0);
  });

  it('two tasks with the same text stay two tasks (occurrence keys), and a task new to the plan takes its state', () => {
    const twice = [task('x', false), task('x', false), task('new', true)];
    const base = baseOf(states(['x', false], ['x', false]));
    const merged = threeWay({ plan: twice, issue: states(['x', false], ['x', true], ['new', false]), base, syncBack: true });
    expect(merged.tasks.map((t) => t.checked)).toEqual([false, true, true]);
    expect([...merged.toPlan]).toEqual([['x#2', true]]);
  });
});
