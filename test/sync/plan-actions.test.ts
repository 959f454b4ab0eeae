// The pure reconciler: desired (from the plan) + actual (from GitHub) → the ordered writes.
import { describe, expect, it } from '@jest/globals';
import type { DesiredFeature } from '../../src/sync/desired.js';
import { desiredFor } from './desired-input.js';
import { noIssues, type ActualFeature, type PlanbotIssue } from '../../src/sync/actual.js';
import { readMarker } from '../../src/sync/marker.js';
import { readLinksRecord } from '../../src/sync/links-record.js';
import { creationOrder, planActions, type Action, type IssueRef, type Resolve, type SyncPlan } from '../../src/sync/plan-actions.js';
import { renderBody } from '../../src/sync/body-spec.js';

const PLAN = `# Plan

## Implementation Phases

### Phase 0: Research
- [x] Read
- [ ] Decide

### Phase 1: Build
**Dependencies**: Phase 0
- [ ] Code

### Phase 2: Ship
**Dependencies**: Phase 0, Phase 1
- [ ] Release
`;

const desiredOf = (plan = PLAN): DesiredFeature => desiredFor(plan);

const emptyActual = noIssues;

const summary = (actions: Action[]) =>
  actions.map((action) => {
    switch (action.type) {
      case 'create-issue':
        return `create ${action.ref}: ${action.title}`;
      case 'update-issue':
        return `update ${action.ref}${action.title ? ' title' : ''}${action.body ? ' body' : ''}${action.state ? ` ${action.state}/${action.stateReason}` : ''}`;
      case 'add-sub-issue':
        return `sub-issue ${action.child}`;
      case 'add-blocked-by':
      case 'remove-blocked-by':
        return `${action.type} ${action.issue} by ${action.blocker}`;
      default:
        return `${action.type} ${action.ref}`;
    }
  });

/** Plays the actions against an in-memory GitHub and returns what a later sync would see. */
function apply(plan: SyncPlan, actions: Action[] = plan.actions, before: ActualFeature = emptyActual()): ActualFeature {
  let next = 100 + before.phases.size + (before.tracking ? 1 : 0);
  const issues = new Map<IssueRef, PlanbotIssue>();
  if (before.tracking) issues.set('tracking', { ...before.tracking });
  for (const [key, issue] of before.phases) issues.set(`phase:${key}`, { ...issue });
  const resolve: Resolve = (ref) => {
    const issue = issues.get(ref);
    return issue ? { number: issue.number, id: issue.id } : null;
  };
  const children = new Set(before.children);
  const blockedBy = new Map(before.blockedBy);
  for (const action of actions) {
    if (action.type === 'create-issue') {
      const number = next++;
      const body = renderBody(action.body, plan, resolve);
      issues.set(action.ref, { id: number * 10, number, title: action.title, body, state: 'open', stateReason: null, labels: action.labels, htmlUrl: '', byBot: true, marker: readMarker(body)! });
    } else if (action.type === 'update-issue') {
      const issue = issues.get(action.ref)!;
      if (action.title) issue.title = action.title;
      if (action.body) issue.body = renderBody(action.body, plan, resolve);
      if (action.state) Object.assign(issue, { state: action.state, stateReason: action.stateReason });
      issue.marker = readMarker(issue.body)!;
    } else if (action.type === 'add-sub-issue') {
      children.add(resolve(action.child)!.number);
    } else if (action.type === 'add-blocked-by') {
      const issue = resolve(action.issue)!.number;
      blockedBy.set(issue, new Set([...(blockedBy.get(issue) ?? []), resolve(action.blocker)!.number]));
    }
  }
  const tracking = issues.get('tracking') ?? null;
  const phases = new Map([...issues].filter(([ref]) => ref.startsWith('phase:')).map(([ref, issue]) => [ref.slice(6), issue]));
  return { ...emptyActual(), tracking, phases, record: tracking ? readLinksRecord(tracking.body) : null, children, blockedBy };
}

describe('planActions', () => {
  it('for a new feature: phase creates, the tracking create, sub-issue links, blocked-by links — in that order', () => {
    const plan = planActions(desiredOf(), emptyActual());
    expect(summary(plan.actions)).toEqual([
      'create phase:0: 001-x · Phase 0: Research',
      'create phase:1: 001-x · Phase 1: Build',
      'create phase:2: 001-x · Phase 2: Ship',
      'create tracking: 001-x: implementation plan',
      'sub-issue phase:0',
      'sub-issue phase:1',
      'sub-issue phase:2',
      'add-blocked-by phase:1 by phase:0',
      'add-blocked-by phase:2 by phase:0',
      'add-blocked-by phase:2 by phase:1',
    ]);
    expect(plan.actions[0]).toMatchObject({ labels: ['planbot'], assignees: ['octocat'], milestone: null });
    expect(plan.actions[3]).toMatchObject({ labels: ['planbot', 'planbot:tracking'] });
  });

  it('once applied, the same plan plans nothing', () => {
    const desired = desiredOf();
    const actual = apply(planActions(desired, emptyActual()));
    expect(actual.record).toEqual(expect.objectContaining({ children: [100, 101, 102], blockedBy: [[101, 100], [102, 100], [102, 101]] }));
    expect(planActions(desired, actual).actions).toEqual([]);
  });

  it('a ticked-off phase closes (body and state in one write) and the tracking issue follows', () => {
    const actual = apply(planActions(desiredOf(), emptyActual()));
    const plan = planActions(desiredOf(PLAN.replace('- [ ] Decide', '- [x] Decide')), actual);
    expect(summary(plan.actions)).toEqual(['update phase:0 body closed/completed', 'update tracking body']);
  });

  it('a phase created complete is closed right after, and its marker flags the pending close until then', () => {
    const plan = planActions(desiredOf(PLAN.replace('- [ ] Decide', '- [x] Decide')), emptyActual());
    expect(summary(plan.actions).slice(0, 4)).toEqual([
      'create phase:0: 001-x · Phase 0: Research',
      'create phase:1: 001-x · Phase 1: Build',
      'create phase:2: 001-x · Phase 2: Ship',
      'update phase:0 body closed/completed',
    ]);
    const resolve: Resolve = () => ({ number: 5, id: 50 });
    expect(renderBody((plan.actions[0] as Extract<Action, { type: 'create-issue' }>).body, plan, resolve).split('\n')[0]).toMatch(/ closing -->$/);
    // A crash between create and close: the next sync still closes it.
    const crashed = apply(plan, plan.actions.slice(0, 3));
    expect(summary(planActions(desiredOf(PLAN.replace('- [ ] Decide', '- [x] Decide')), crashed).actions)[0]).toBe('update phase:0 body closed/completed');
  });

  it('keeps relations it knows are unsupported, refused, or moved by a person out of the actions', () => {
    const desired = desiredOf();
    const actual = apply(planActions(desired, emptyActual()));
    actual.children.clear();
    actual.blockedBy.clear();
    actual.record = { ...actual.record!, children: [], blockedBy: [], unsupported: ['dependencies'], refusedChildren: [100] };
    actual.foreignParent.add(101);
    expect(summary(planActions(desired, actual).actions)).toEqual(['update tracking body', 'sub-issue phase:2']);
  });

  it('names issues created in the same run in bodies that are written after them', () => {
    const desired = desiredOf();
    const actual = apply(planActions(desired, emptyActual()));
    const withNewPhase = desiredOf(`${PLAN}\n### Phase 3: Celebrate\n**Dependencies**: Phase 2\n- [ ] Cake\n`);
    const plan = planActions(withNewPhase, actual);
    expect(summary(plan.actions)).toEqual(['create phase:3: 001-x · Phase 3: Celebrate', 'update tracking body', 'sub-issue phase:3', 'add-blocked-by phase:3 by phase:2']);
    const tracking = plan.actions[1] as Extract<Action, { type: 'update-issue' }>;
    expect(tracking.body?.pending).toEqual(['phase:3']);
  });
});

describe('creationOrder', () => {
  const phase = (key: string, dependencies: string[]) => ({ key, dependencies }) as any;
  it('puts each phase after the phases it depends on, keeping plan order otherwise, and breaks cycles in plan order', () => {
    expect(creationOrder([phase('0', ['2']), phase('1', []), phase('2', [])]).map((p) => p.key)).toEqual(['1', '2', '0']);
    expect(creationOrder([phase('a', ['b']), phase('b', ['a']), phase('c', [])]).map((p) => p.key)).toEqual(['c', 'a', 'b']);
  });
});
