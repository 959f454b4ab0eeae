import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { desiredFor, desiredInput } from './desired-input.js';
import { buildDesired } from '../../src/sync/desired.js';
import { parsePlan } from '../../src/plan/index.js';
import { parsePlanbotIssue, renderPhaseBody, renderTrackingBody, taskKey, withPendingKeys } from '../../src/sync/issue-body.js';
import { emptyLinksRecord } from '../../src/sync/links-record.js';
import { MAX_BODY_LENGTH } from '../../src/sync/limits.js';

const CORPUS = '/work/shared/corpus';

const featureFrom = (source: string, kind: 'plan' | 'tasks' = 'tasks') => desiredFor(source, kind);

function phaseBody(feature: ReturnType<typeof featureFrom>, index: number) {
  const phase = feature.phases[index];
  return renderPhaseBody({
    feature,
    phase,
    tasks: phase.tasks,
    marker: { feature: '001-x', phase: phase.key, tracking: false, source: phase.source, path: 'specs/001-x/plan.md', branch: '001-x' },
    dependencyIssue: () => null,
  });
}

describe('phase issue bodies', () => {
  it('read back to the same task keys and states as the plan, for real spec-kit tasks files', () => {
    for (const file of ['05-zhulova-004-legal-pages-tasks.md', '18-wingarc-002-docmgmt-kojima-tasks-ja.md', '26-speckittodolist-007-multiline-tasks-zhtw.md']) {
      const feature = featureFrom(readFileSync(`${CORPUS}/${file}`, 'utf8'));
      expect(feature.phases.length).toBeGreaterThan(0);
      feature.phases.forEach((phase, index) => {
        const parsed = parsePlanbotIssue(phaseBody(feature, index));
        expect(parsed?.marker.phase).toBe(phase.key);
        expect(parsed?.tasks.map((task) => [task.key, task.checked])).toEqual(phase.tasks.map((task) => [task.key, task.checked]));
      });
    }
  });

  it('read back plain-text keys for tasks without ids, even with mentions and markup characters', () => {
    const feature = featureFrom('## Phase 1: Setup\n\n- [ ] Ask @alice about *auth* \\<b>\n  - [x] nested `code` step\n', 'plan');
    const parsed = parsePlanbotIssue(phaseBody(feature, 0));
    expect(parsed?.tasks).toEqual([
      { key: taskKey({ id: null, text: 'Ask @alice about auth <b>' }), id: null, text: 'Ask `@alice` about auth <b>', checked: false },
      { key: 'nested code step', id: null, text: 'nested `code` step', checked: true },
    ]);
  });

  it('stay under GitHub\'s body limit, saying how many tasks were left out', () => {
    const tasks = Array.from({ length: 2000 }, (_, n) => `- [ ] T${String(n).padStart(4, '0')} ${'long task text '.repeat(4)}`).join('\n');
    const feature = featureFrom(`## Phase 1: Big\n\n${tasks}\n`);
    const body = phaseBody(feature, 0);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(body).toMatch(/\n- … \d+ more tasks: see the plan\n/);
    const shown = parsePlanbotIssue(body)?.tasks.length ?? 0;
    expect(shown + Number(/… (\d+) more/.exec(body)?.[1])).toBe(2000);
  });

  it('say when a phase has no tasks yet (with issues.empty_phases: issue; by default such a phase is a line, not an issue)', () => {
    const feature = buildDesired(desiredInput(parsePlan('## Phase 1: Setup\n\nNothing here.\n'), { issues: { empty_phases: 'issue' } }));
    expect(phaseBody(feature, 0)).toContain('### Tasks\n\n_No tasks in this phase yet._');
  });
});

describe('the tracking issue body', () => {
  it('lists each phase with its status and progress and ends with the links record', () => {
    const feature = featureFrom('## Phase 1: Setup\n\n- [x] a\n- [x] b\n\n## Phase 2: Build\n\n- [x] c\n- [ ] d\n\n## Phase 3: Ship\n\n- [ ] e\n');
    const body = renderTrackingBody({
      feature,
      marker: { feature: '001-x', phase: null, tracking: true, source: 'plan', path: 'specs/001-x/plan.md', branch: '001-x' },
      rows: [
        { phase: feature.phases[0], issueNumber: 11, state: 'closed', stateReason: 'completed', done: 2, total: 2 },
        { phase: feature.phases[1], issueNumber: 12, state: 'open', stateReason: null, done: 1, total: 2 },
        { phase: feature.phases[2], issueNumber: null, state: 'open', stateReason: null, done: 0, total: 1 },
      ],
      record: { ...emptyLinksRecord(), children: [11, 12], unsupported: ['dependencies'] },
    });
    expect(body.split('\n')).toEqual([
      '<!-- planbot:v1 feature=001-x tracking source=plan path=specs/001-x/plan.md branch=001-x -->',
      'Implementation plan for `001-x`: [specs/001-x/plan.md](https://github.com/acme/web/blob/001-x/specs/001-x/plan.md) on `001-x`',
      '',
      '**Progress**: 1 of 3 phases done · 3 of 5 tasks done',
      '',
      '- ✅ #11 **Phase 1: Setup** · 2/2 tasks',
      '- 🟡 #12 **Phase 2: Build** · 1/2 tasks',
      '- ⬜ (new issue) **Phase 3: Ship** · 0/1 tasks',
      '',
      '> Issue dependencies are not available in this repository: each phase issue links the issues it depends on.',
      '',
      '---',
      '<sub>planbot keeps this issue in step with the plan; edits here are replaced on the next sync.</sub>',
      '<!-- planbot:links sub=11,12 unsupported=dependencies -->',
    ]);
    expect(parsePlanbotIssue(body)).toEqual({ marker: expect.objectContaining({ tracking: true, phase: null }), tasks: [] });
  });
});

describe('withPendingKeys', () => {
  it('records the keys in the marker and leaves the rest of the body alone', () => {
    const feature = featureFrom('## Phase 1: Setup\n\n- [ ] T001 a\n- [ ] T002 b\n');
    const body = phaseBody(feature, 0).replace('- [ ] T001', '- [x] T001');
    const pending = withPendingKeys(body, ['T001']);
    expect(pending.split('\n')[0]).toBe('<!-- planbot:v1 feature=001-x phase=1 source=tasks path=specs/001-x/plan.md branch=001-x pending=T001 -->');
    expect(pending.split('\n').slice(1)).toEqual(body.split('\n').slice(1));
    expect(parsePlanbotIssue(pending)?.marker.pending).toEqual(['T001']);
    expect(parsePlanbotIssue(withPendingKeys(pending, []))?.marker.pending).toEqual([]);
  });

  it('parsePlanbotIssue is null for bodies without a first-line marker', () => {
    expect(parsePlanbotIssue('- [ ] T001 a')).toBeNull();
  });
});

describe('bodies within GitHub limits (issue 13)', () => {
  it('a 100,000-character phase heading still gives bodies and titles GitHub accepts', () => {
    const heading = 'Build '.repeat(17_000);
    const feature = featureFrom(`## Phase 1: ${heading}\n\n- [ ] T001 one\n\n## Phase 2: Two\n\n- [ ] T002 two\n`, 'plan');
    const body = phaseBody(feature, 0);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(body).toContain('… (shortened)');
    expect(parsePlanbotIssue(body)?.tasks.map((task) => task.key)).toEqual(['T001']);
    expect(feature.phases[0].title.length).toBeLessThanOrEqual(256);
    const rows = feature.phases.map((phase) => ({ phase, issueNumber: 1, state: 'open' as const, stateReason: null, done: 0, total: 1 }));
    const tracking = renderTrackingBody({
      feature,
      marker: { feature: '001-x', phase: null, tracking: true, source: 'plan', path: 'specs/001-x/plan.md', branch: '001-x' } as any,
      rows,
      record: emptyLinksRecord(),
    });
    expect(tracking.length).toBeLessThanOrEqual(MAX_BODY_LENGTH);
    expect(tracking).toContain('Phase 2');
  });

  it('a task that is only an HTML comment shows words, not an empty box, and keeps its key', () => {
    const feature = featureFrom('## Phase 1: A\n\n- [ ] <!-- later -->\n- [ ] real task\n', 'plan');
    const body = phaseBody(feature, 0);
    expect(body).not.toMatch(/- \[ \] *$/m);
    expect(body).toContain('- [ ] _(no text: this task is only a comment in the plan)_');
    expect(parsePlanbotIssue(body)?.tasks.map((task) => task.key)).toEqual(feature.phases[0].tasks.map((task) => task.key));
  });

  it('phase and task text link no other issue and ping nobody', () => {
    const feature = featureFrom('## Phase 1: Fix #12 for @alice\n\n- [ ] close acme/api#3 <img src=x>\n', 'plan');
    const body = phaseBody(feature, 0);
    const outsideCode = body.replace(/`[^`\n]+`/g, '');
    expect(outsideCode).not.toMatch(/#12|#3|@alice|<img/);
  });
});
