import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parsePlan } from '../../src/plan/index.js';
import { defaultConfig, type PlanbotConfig } from '../../src/config/schema.js';
import { buildDesired, type DesiredInput } from '../../src/sync/desired.js';
import { desiredInput } from './desired-input.js';

const PLAN = readFileSync(new URL('./fixtures/plan.md', import.meta.url), 'utf8');
const TASKS = readFileSync(new URL('./fixtures/tasks.md', import.meta.url), 'utf8');

const input = (issues: Partial<PlanbotConfig['issues']> = {}, overrides: Partial<Omit<DesiredInput, 'issues'>> = {}): DesiredInput =>
  desiredInput(parsePlan(PLAN), {
    feature: '001-user-auth',
    planPath: 'specs/001-user-auth/plan.md',
    defaultPlanPath: 'specs/001-user-auth/plan.md',
    branch: '001-user-auth',
    tasks: parsePlan(TASKS, { kind: 'tasks' }),
    tasksPath: 'specs/001-user-auth/tasks.md',
    // Pinned to plan.md's phases: the default (`auto`) would take tasks.md's, tested on its own below.
    issues: { source: 'plan', ...issues },
    ...overrides,
  });

const shape = (desired: ReturnType<typeof buildDesired>) =>
  desired.phases.map((phase) => [phase.key, phase.source, phase.tasks.length, phase.dependencies.join(','), phase.lines.map((line) => `${line.path.split('/').pop()}:${line.line}`).join(' ')]);

describe('buildDesired', () => {
  it('source plan: plan.md phases with their tasks, duration and dependencies', () => {
    const desired = buildDesired(input());
    expect(shape(desired)).toEqual([
      ['0', 'plan', 2, '', 'plan.md:28'],
      ['1', 'plan', 2, '0', 'plan.md:35'],
      ['2', 'plan', 2, '1', 'plan.md:42'],
    ]);
    expect(desired.phases[1]).toMatchObject({ title: '001-user-auth · Phase 1: Foundation', duration: '3 days' });
    expect(desired.phases[0].tasks[0]).toEqual({ key: 'validate tech stack choices', id: null, text: 'Validate tech stack choices', checked: true, depth: 0, line: 32, markers: [] });
    expect(desired).toMatchObject({ trackingTitle: '001-user-auth: implementation plan', labels: ['planbot'], trackingLabels: ['planbot', 'planbot:tracking'], assignees: ['octocat'] });
  });

  it('source tasks: tasks.md phases, with Duration/Dependencies borrowed from the plan phase of the same number', () => {
    expect(shape(buildDesired(input({ source: 'tasks' })))).toEqual([
      ['1', 'tasks', 2, '0', 'plan.md:35 tasks.md:5'],
      ['2', 'tasks', 2, '1', 'plan.md:42 tasks.md:12'],
      ['3', 'tasks', 1, '', 'tasks.md:17'],
    ]);
  });

  it('source auto (the default): tasks.md phases when the feature has a tasks.md, else plan.md phases', () => {
    expect(defaultConfig().issues.source).toBe('auto');
    expect(shape(buildDesired(input({ source: 'auto' })))).toEqual(shape(buildDesired(input({ source: 'tasks' }))));
    expect(shape(buildDesired(input({ source: 'auto' })))[0]).toEqual(['1', 'tasks', 2, '0', 'plan.md:35 tasks.md:5']);
    const planOnly = buildDesired(input({ source: 'auto' }, { tasks: null, tasksPath: null }));
    expect(shape(planOnly)).toEqual(shape(buildDesired(input({ source: 'plan' }))));
    expect(planOnly.phases.map((phase) => phase.source)).toEqual(['plan', 'plan', 'plan']);
  });

  it('source both: one issue per phase number, tasks.md\'s task list where both have the phase', () => {
    expect(shape(buildDesired(input({ source: 'both' })))).toEqual([
      ['0', 'plan', 2, '', 'plan.md:28'],
      ['1', 'tasks', 2, '0', 'plan.md:35 tasks.md:5'],
      ['2', 'tasks', 2, '1', 'plan.md:42 tasks.md:12'],
      ['3', 'tasks', 1, '', 'tasks.md:17'],
    ]);
  });

  it('titles: configurable, and named after the plan folder when the plan is not at the configured path (monorepos)', () => {
    expect(buildDesired(input({ phase_title: '[{feature}] {name} ({number})', tracking_title: 'Plan {feature}' })).phases[0].title).toBe('[001-user-auth] Research & Design (0)');
    const monorepo = buildDesired(input({}, { planPath: 'apps/web/specs/001-user-auth/plan.md' }));
    expect(monorepo.phases[0].title).toBe('apps/web/specs/001-user-auth · Phase 0: Research & Design');
    expect(monorepo.trackingTitle).toBe('apps/web/specs/001-user-auth: implementation plan');
  });

  it('assignees: the author (never a bot) or the configured list; labels fall back to planbot', () => {
    expect(buildDesired(input({}, { author: 'dependabot[bot]' })).assignees).toEqual([]);
    expect(buildDesired(input({ assignees: ['alice', 'alice', 'bob'] })).assignees).toEqual(['alice', 'bob']);
    expect(buildDesired(input({ labels: [], tracking_labels: ['tracking'] }))).toMatchObject({ labels: ['planbot'], trackingLabels: ['planbot', 'tracking'] });
  });

  it('a phase number used twice gets one issue and a finding; the first occurrence wins', () => {
    const plan = parsePlan('## Phase 1: A\n- [ ] a\n\n## Phase 01: B\n- [ ] b\n');
    const desired = buildDesired(input({}, { plan }));
    expect(desired.phases.map((phase) => phase.name)).toEqual(['A']);
    expect(desired.findings).toEqual([expect.objectContaining({ rule: 'duplicate-phase-issue', severity: 'warning', line: 4 })]);
  });
});
