// The board sync against an in-memory GitHub: what the Project receives, in what order, and that
// nothing is sent when the board already shows the plan.
import { describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { MemoryGitHub } from '../helpers/memory-github.js';
import { parsePlan } from '../../src/plan/parse.js';
import { configSchema, type PlanbotConfig } from '../../src/config/schema.js';
import { planBoard, syncBoard, type BoardInput } from '../../src/projects/board-sync.js';
import { readBoardRecord } from '../../src/projects/board-record.js';
import type { BoardIssue } from '../../src/projects/desired.js';

const where = { owner: 'acme', repo: 'web' };
const log = pino({ level: 'silent' });
const config = (projects: Record<string, unknown> = { project: { org: 'acme', number: 1 } }): PlanbotConfig => configSchema.parse({ projects });

const plan = (ticks: string[] = [], due = '') => `# Plan

## Implementation Phases

### Phase 1: Setup
**Duration**: 2 days
${due}
- [${ticks.includes('a') ? 'x' : ' '}] a
- [${ticks.includes('b') ? 'x' : ' '}] b

### Phase 2: Build
**Duration**: 1 week
**Iteration**: Sprint 12

- [ ] c

### Phase 3: Test
**Dependencies**: Phase 2
**Duration**: 3d

- [ ] d

### Phase 4: Ship

- [ ] e
`;

/** A repository with a tracking issue and one issue per phase, as the issue sync leaves it. */
function scene() {
  const github = new MemoryGitHub();
  github.nodeIds = true;
  const tracking = github.addIssue({ title: '001-auth: implementation plan', body: 'Tracking\n\n<!-- planbot:links sub=2,3,4,5 -->' });
  const phases = [1, 2, 3, 4].map((n) => github.addIssue({ title: `001-auth · Phase ${n}`, body: `phase ${n}` }));
  const input = (markdown: string, overrides: Partial<BoardInput> = {}): BoardInput => {
    const issues: BoardIssue[] = [
      { kind: 'tracking', phase: null, issue: github.snapshot(github.issue(tracking.number)) },
      ...phases.map((issue, index) => ({ kind: 'phase' as const, phase: String(index + 1), issue: github.snapshot(github.issue(issue.number)) })),
    ];
    return { github, where, config: config(), feature: '001-auth', phases: parsePlan(markdown).phases, issues, changed: true, startDate: '2026-12-01', log, ...overrides };
  };
  return { github, tracking, phases, input };
}

const mutations = (github: MemoryGitHub) => github.writes().filter((call) => call.method !== 'updateIssue');

describe('syncBoard', () => {
  it('puts every phase issue on the board with Status, Phase, Feature, Target date and Iteration, then records what it set', async () => {
    const { github, tracking, input } = scene();
    const result = await syncBoard(input(plan()));

    expect(result.status).toBe('planned');
    expect(github.callsOf('readProjectBoard')).toHaveLength(1);
    expect(github.callsOf('addProjectItem').map((call) => call.args[1])).toEqual(['I_5002', 'I_5003', 'I_5004', 'I_5005']);
    // The first card: added, then its fields, in order.
    expect(github.calls.slice(1, 7).map((call) => [call.method, ...(call.method === 'setProjectItemField' ? [call.args[2], call.args[3]] : [])])).toEqual([
      ['addProjectItem'],
      ['setProjectItemField', 'F_status', { singleSelectOptionId: 'O_todo' }],
      ['setProjectItemField', 'F_phase', { number: 1 }],
      ['setProjectItemField', 'F_feature', { text: '001-auth' }],
      ['setProjectItemField', 'F_date', { date: '2026-12-02' }],
      ['addProjectItem'],
    ]);
    const card = (n: number) => github.project.itemOf(`I_${5001 + n}`)!.values;
    expect(card(2)).toEqual({ F_status: { singleSelectOptionId: 'O_todo' }, F_phase: { number: 2 }, F_feature: { text: '001-auth' }, F_date: { date: '2026-12-09' }, F_iteration: { iterationId: 'I_12' } });
    // Phase 3 depends on phase 2 (ends 12-09): 3 days from 12-10. Phase 4 has no duration: no date.
    expect(card(3).F_date).toEqual({ date: '2026-12-12' });
    expect(card(4).F_date).toBeUndefined();
    // Tracking issue is not a card by default.
    expect(github.project.itemOf(`I_${5001}`)).toBeUndefined();

    expect(github.callsOf('updateIssue')).toHaveLength(1);
    const record = readBoardRecord(github.issue(tracking.number).body);
    expect([...record.keys()]).toEqual([2, 3, 4, 5]);
    expect(record.get(2)?.status).toBe('todo');
    expect(github.issue(tracking.number).body).toContain('<!-- planbot:links sub=2,3,4,5 -->');
    // 4 adds; fields: phase 1 four, phase 2 five (with its iteration), phase 3 four, phase 4 three (no date).
    expect(result.applied).toBe(4 + 4 + 5 + 4 + 3);
  });

  it('costs one read and no write when the board already shows the plan', async () => {
    const { github, input } = scene();
    await syncBoard(input(plan()));
    github.calls = [];
    const again = await syncBoard(input(plan()));
    expect(again.actions).toEqual([]);
    expect(github.calls.map((call) => call.method)).toEqual(['readProjectBoard']);
  });

  it('reads nothing at all when nothing changed in this event and every card is recorded (a redelivery)', async () => {
    const { github, input } = scene();
    await syncBoard(input(plan()));
    github.calls = [];
    const again = await syncBoard(input(plan(), { changed: false }));
    expect(again.status).toBe('unchanged');
    expect(github.calls).toEqual([]);
  });

  it('reads even without a change while a card is not recorded yet (the board was just configured)', async () => {
    const { github, input } = scene();
    const result = await syncBoard(input(plan(), { changed: false }));
    expect(result.status).toBe('planned');
    expect(github.callsOf('addProjectItem')).toHaveLength(4);
  });

  it('moves a card to In Progress, then Done, as tasks are ticked: one mutation each', async () => {
    const { github, input } = scene();
    await syncBoard(input(plan()));
    github.calls = [];
    await syncBoard(input(plan(['a'])));
    expect(mutations(github).map((call) => call.args.slice(1, 4))).toEqual([['PVTI_1', 'F_status', { singleSelectOptionId: 'O_progress' }]]);
    expect(github.project.statusOf('I_5002')).toBe('In Progress');
    github.calls = [];
    await syncBoard(input(plan(['a', 'b'])));
    expect(mutations(github)).toHaveLength(1);
    expect(github.project.statusOf('I_5002')).toBe('Done');
  });

  it('leaves a card a person moved until the plan changes that phase again', async () => {
    const { github, input } = scene();
    await syncBoard(input(plan()));
    // A person drags phase 1's card to Done.
    github.project.set(github.project.id, 'PVTI_1', 'F_status', { singleSelectOptionId: 'O_done' });
    github.calls = [];

    const untouched = await syncBoard(input(plan()));
    expect(untouched.leftAlone).toEqual([2]);
    expect(mutations(github)).toEqual([]);
    expect(github.callsOf('updateIssue')).toEqual([]);
    expect(github.project.statusOf('I_5002')).toBe('Done');

    // Another phase changes: phase 1's card still stays.
    await syncBoard(input(plan().replace('- [ ] c', '- [x] c')));
    expect(github.project.statusOf('I_5002')).toBe('Done');

    // Phase 1 changes (a task ticked): planbot follows the plan again.
    github.calls = [];
    await syncBoard(input(plan(['a']).replace('- [ ] c', '- [x] c')));
    expect(github.project.statusOf('I_5002')).toBe('In Progress');
    expect(mutations(github).map((call) => call.args[1])).toEqual(['PVTI_1']);
  });

  it('marks a phase Done when its issue is closed as completed', async () => {
    const { github, phases, input } = scene();
    await syncBoard(input(plan()));
    github.issue(phases[3].number).state = 'closed';
    github.issue(phases[3].number).state_reason = 'completed';
    await syncBoard(input(plan()));
    expect(github.project.statusOf('I_5005')).toBe('Done');
  });

  it('clears a target date it set once the plan no longer gives one, and only then', async () => {
    const { github, input } = scene();
    await syncBoard(input(plan()));
    github.calls = [];
    await syncBoard(input(plan().replace('**Duration**: 3d', '')));
    expect(mutations(github).map((call) => [call.method, call.args[1], call.args[2]])).toEqual([['clearProjectItemField', 'PVTI_3', 'F_date']]);
  });

  it('prefers a Due field over the schedule', async () => {
    const { github, input } = scene();
    await syncBoard(input(plan([], '**Due**: 2026-12-24')));
    expect(github.project.itemOf('I_5002')!.values.F_date).toEqual({ date: '2026-12-24' });
    // Phase 2 follows phase 1: from 12-25, one week.
    expect(github.project.itemOf('I_5003')!.values.F_date).toEqual({ date: '2026-12-31' });
  });

  it('puts the tracking issue on the board when configured, with the whole plan\'s progress', async () => {
    const { github, input } = scene();
    await syncBoard(input(plan(['a']), { config: config({ project: { url: 'https://github.com/orgs/acme/projects/1' }, items: { tracking: true } }) }));
    expect(github.project.statusOf('I_5001')).toBe('In Progress');
    expect(github.project.itemOf('I_5001')!.values.F_phase).toBeUndefined();
  });

  it('is off without a `projects` key: no request', async () => {
    const { github, input } = scene();
    const result = await syncBoard(input(plan(), { config: configSchema.parse({}) }));
    expect(result.status).toBe('off');
    expect(github.calls).toEqual([]);
  });

  it('turns a missing field or option into config problems with file, key and line, and keeps the other fields', async () => {
    const { github, input } = scene();
    github.setFile('.github/planbot.yml', 'projects:\n  project:\n    org: acme\n    number: 1\n  fields:\n    status:\n      options:\n        done: Shipped\n    phase:\n      name: Stage\n');
    const projects = { project: { org: 'acme', number: 1 }, fields: { status: { options: { done: 'Shipped' } }, phase: { name: 'Stage' } } };
    const result = await syncBoard(input(plan(), { config: config(projects) }));
    expect(result.problems).toEqual([
      { file: '.github/planbot.yml', key: 'projects.fields.status.options.done', line: 8, column: 9, message: 'the field "Status" has no option named "Shipped"' },
      { file: '.github/planbot.yml', key: 'projects.fields.phase.name', line: 10, column: 7, message: 'the Project "Roadmap" has no field named "Stage"; planbot does not create fields' },
    ]);
    const fieldsSet = new Set(github.callsOf('setProjectItemField').map((call) => call.args[2]));
    expect(fieldsSet).toEqual(new Set(['F_feature', 'F_date', 'F_iteration']));
  });

  it('skips the board with one note when the installation lacks the permission; nothing is written', async () => {
    const { github, input } = scene();
    github.project.unavailable = { unavailable: 'forbidden', message: 'Resource not accessible by integration' };
    const result = await syncBoard(input(plan()));
    expect(result.status).toBe('unavailable');
    expect(result.notes).toHaveLength(1);
    expect(result.notes[0]).toMatch(/organization_projects/);
    expect(github.writes()).toEqual([]);
  });

  it('notes an iteration the board does not have, and sets the rest', async () => {
    const { github, input } = scene();
    const result = await syncBoard(input(plan().replace('Sprint 12', 'Sprint 99')));
    expect(result.notes).toEqual(['#3: the board has no iteration named "Sprint 99"']);
    expect(github.project.itemOf('I_5003')!.values.F_iteration).toBeUndefined();
  });

  it('waits, with a note, when the GraphQL points left cannot pay for the changes', async () => {
    const { github, input } = scene();
    const read = github.project.read.bind(github.project);
    github.project.read = () => ({ ...read(), pointsRemaining: 3 });
    const result = await syncBoard(input(plan()));
    expect(result.applied).toBe(0);
    expect(result.notes).toEqual(['The Project board waits: 20 changes need more GraphQL points than are left (3).']);
    expect(github.writes()).toEqual([]);
  });

  it('stops at a refused mutation with a note and keeps the old record', async () => {
    const { github, tracking, input } = scene();
    github.setProjectItemField = async () => {
      throw Object.assign(new Error('Resource not accessible by integration'), { errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }] });
    };
    const result = await syncBoard(input(plan()));
    expect(result.applied).toBe(1);
    expect(result.notes[0]).toMatch(/refused/);
    expect(result.recordWritten).toBe(false);
    expect(github.issue(tracking.number).body).not.toContain('planbot:board');
  });
});

describe('planBoard (dry run)', () => {
  it('lists the actions without sending any', async () => {
    const { github, input } = scene();
    const result = await planBoard(input(plan()));
    expect(result.actions.filter((action) => action.kind === 'add-project-item')).toHaveLength(4);
    expect(JSON.parse(JSON.stringify(result.actions))).toEqual(result.actions);
    expect(github.writes()).toEqual([]);
  });
});
