// A phase with no tasks and no sub-phases becomes a line in its parent's issue (or the tracking
// issue), not an empty issue of its own; `issues.empty_phases: issue` keeps the old behaviour.
import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/index.js';
import { buildDesired } from '../../src/sync/desired.js';
import { renderPhaseBody, renderTrackingBody, parsePlanbotIssue } from '../../src/sync/issue-body.js';
import { emptyLinksRecord } from '../../src/sync/links-record.js';
import { planActions } from '../../src/sync/plan-actions.js';
import { noIssues } from '../../src/sync/actual.js';
import { desiredInput } from './desired-input.js';

// A prose plan: Phase 1's sub-sections have no tasks; Phase 2 has tasks; Phase 3 is prose only.
const PLAN = [
  '# Plan',
  '',
  '## Phase 1: Discovery',
  '',
  '### 1.1 Interviews',
  '',
  'We talk to ten customers.',
  '',
  '### 1.2 Survey',
  '',
  'A short survey.',
  '',
  '## Phase 2: Build',
  '',
  '- [ ] T001 Scaffold the service',
  '- [x] T002 Write the schema',
  '',
  '### 2.1 Hardening',
  '',
  '- [ ] T003 Load test',
  '',
  '## Phase 3: Launch',
  '',
  'Announce it.',
  '',
].join('\n');

const desired = (emptyPhases?: 'line' | 'issue') =>
  buildDesired(desiredInput(parsePlan(PLAN), emptyPhases ? { issues: { empty_phases: emptyPhases } } : {}));

describe('phases without tasks', () => {
  it('by default are lines: sub-sections in their parent phase’s issue, top-level ones in the tracking issue', () => {
    const feature = desired();
    expect(feature.phases.map((phase) => [phase.key, phase.parent ?? null, (phase.notes ?? []).map((note) => note.number)])).toEqual([
      // Phase 1 keeps its issue: it has sub-phases (now lines in it).
      ['1', null, ['1.1', '1.2']],
      ['2', null, []],
      ['2.1', '2', []],
    ]);
    expect(feature.notes?.map((note) => [note.number, note.name, note.line])).toEqual([['3', 'Launch', { path: 'specs/001-x/plan.md', line: 22 }]]);

    const phase1 = feature.phases[0];
    const body = renderPhaseBody({
      feature,
      phase: phase1,
      tasks: phase1.tasks,
      marker: { feature: '001-x', phase: '1', tracking: false, source: 'plan', path: 'specs/001-x/plan.md', branch: '001-x' },
      dependencyIssue: () => null,
    });
    expect(body).toContain(
      '### Sub-phases without tasks\n\n' +
        '- **1.1** Interviews · [specs/001-x/plan.md#L5](https://github.com/acme/web/blob/001-x/specs/001-x/plan.md#L5)\n' +
        '- **1.2** Survey · [specs/001-x/plan.md#L9](https://github.com/acme/web/blob/001-x/specs/001-x/plan.md#L9)\n\n### Tasks',
    );
    // The lines are no tasks: reading the body back finds none.
    expect(parsePlanbotIssue(body)?.tasks).toEqual([]);

    const tracking = renderTrackingBody({
      feature,
      marker: { feature: '001-x', phase: null, tracking: true, source: 'plan', path: 'specs/001-x/plan.md', branch: '001-x' },
      rows: feature.phases.map((phase, index) => ({ phase, issueNumber: 11 + index, state: 'open', stateReason: null, done: 0, total: phase.tasks.length })),
      record: emptyLinksRecord(),
    });
    expect(tracking).toContain('**Phases without tasks** (no issue of their own):\n\n- **3** Launch · [specs/001-x/plan.md#L22]');
  });

  it('a first sync creates 3 phase issues and the tracking issue instead of 6 issues, 3 of them empty', () => {
    const creates = (feature: ReturnType<typeof desired>) => planActions(feature, noIssues()).actions.filter((action) => action.type === 'create-issue').length;
    expect(creates(desired())).toBe(4);
    expect(creates(desired('issue'))).toBe(7);
  });

  it('issues.empty_phases: issue gives every phase its own issue, as before', () => {
    const feature = desired('issue');
    expect(feature.phases.map((phase) => phase.key)).toEqual(['1', '1.1', '1.2', '2', '2.1', '3']);
    expect(feature.notes).toEqual([]);
    expect(feature.phases.every((phase) => (phase.notes ?? []).length === 0)).toBe(true);
  });

  it('a phase with tasks in sub-phases only is kept; a sub-phase with tasks is never a line', () => {
    const feature = buildDesired(desiredInput(parsePlan('## Phase 1: A\n\n### 1.1 B\n\n- [ ] t\n')));
    expect(feature.phases.map((phase) => phase.key)).toEqual(['1', '1.1']);
  });
});
