// The pure parts of the board sync: the Status rule, durations and target dates, the record, the
// config key, and the plan's Due / Iteration fields.
import { describe, expect, it } from '@jest/globals';
import { statusOf } from '../../src/projects/status.js';
import { durationDays, targetDates } from '../../src/projects/target-dates.js';
import { readBoardRecord, renderBoardRecord, withBoardRecord, type BoardRecord } from '../../src/projects/board-record.js';
import { projectRefOf } from '../../src/projects/project-ref.js';
import { parsePlan } from '../../src/plan/parse.js';
import { configSchema } from '../../src/config/schema.js';
import type { Phase } from '../../src/plan/model.js';

describe('the Status rule', () => {
  it('is Todo with no task ticked, In Progress with some, Done with all or when closed as completed', () => {
    expect(statusOf({ ticked: 0, total: 3, closedCompleted: false })).toBe('todo');
    expect(statusOf({ ticked: 1, total: 3, closedCompleted: false })).toBe('in_progress');
    expect(statusOf({ ticked: 3, total: 3, closedCompleted: false })).toBe('done');
    expect(statusOf({ ticked: 0, total: 3, closedCompleted: true })).toBe('done');
    expect(statusOf({ ticked: 0, total: 0, closedCompleted: false })).toBe('todo');
  });
});

describe('durations', () => {
  it.each([
    ['2 days', 2],
    ['1 week', 7],
    ['3d', 3],
    ['2w', 14],
    ['1-2 weeks', 14],
    ['4 hours', 1],
    ['12 hours', 2],
    ['~3 days (buffer)', 3],
    ['soon', null],
    [null, null],
  ])('%s → %s days', (text, days) => {
    expect(durationDays(text)).toBe(days);
  });
});

const phase = (number: string, fields: Partial<Phase> = {}): Phase => ({ number, title: `P${number}`, line: 1, duration: null, dependencies: [], dependenciesLine: null, tasks: [], ...fields });

describe('target dates', () => {
  it('chains phases in order, counting inclusive days, and starts after the latest dependency', () => {
    const dates = targetDates(
      [phase('1', { duration: '2 days' }), phase('2', { duration: '1 week' }), phase('3', { duration: '1d', dependencies: ['1'] }), phase('4', { duration: '1d', dependencies: ['2', '3'] })],
      '2026-12-01',
    );
    expect([...dates]).toEqual([
      ['1', '2026-12-02'],
      ['2', '2026-12-09'],
      ['3', '2026-12-03'],
      ['4', '2026-12-10'],
    ]);
  });

  it('takes a Due date as the end, and leaves phases after an unknown end without a date', () => {
    const dates = targetDates([phase('1', { due: '2026-12-24' }), phase('2', { duration: '2d' }), phase('3'), phase('4', { duration: '1d' })], '2026-12-01');
    expect([...dates]).toEqual([
      ['1', '2026-12-24'],
      ['2', '2026-12-26'],
    ]);
  });

  it('survives a dependency cycle', () => {
    const dates = targetDates([phase('1', { duration: '1d', dependencies: ['2'] }), phase('2', { duration: '1d', dependencies: ['1'] })], '2026-12-01');
    expect(dates.size).toBe(0);
  });
});

describe('the board record', () => {
  const record: BoardRecord = new Map([
    [12, { status: 'todo', fingerprint: '1a2b3c4d', setDate: false, setIteration: false }],
    [3, { status: 'in_progress', fingerprint: 'ffffffff', setDate: true, setIteration: true }],
  ]);

  it('round-trips through its hidden line, sorted by issue', () => {
    expect(renderBoardRecord(record)).toBe('<!-- planbot:board 3:p:ffffffff:di,12:t:1a2b3c4d -->');
    expect(readBoardRecord(`text\n${renderBoardRecord(record)}\n<!-- planbot:links sub=3 -->`)).toEqual(new Map([...record].sort((a, b) => a[0] - b[0])));
  });

  it('replaces its own line and leaves the rest of the body alone', () => {
    const body = withBoardRecord(withBoardRecord('Tracking\n\n<!-- planbot:links sub=3 -->', new Map()), record);
    expect(body).toBe('Tracking\n\n<!-- planbot:links sub=3 -->\n\n<!-- planbot:board 3:p:ffffffff:di,12:t:1a2b3c4d -->');
  });

  it('ignores entries it cannot read', () => {
    expect(readBoardRecord('<!-- planbot:board 3:x:ffffffff,4:t:zz,5:d:00000000 -->')).toEqual(new Map([[5, { status: 'done', fingerprint: '00000000', setDate: false, setIteration: false }]]));
    expect(readBoardRecord(null).size).toBe(0);
  });
});

describe('the `projects` config', () => {
  it('is absent by default, and names a Project by org and number or by URL', () => {
    expect(configSchema.parse({}).projects).toBeUndefined();
    const byOrg = configSchema.parse({ projects: { project: { org: 'acme', number: 4 } } }).projects!;
    expect(projectRefOf(byOrg)).toEqual({ ownerType: 'organization', login: 'acme', number: 4 });
    expect(byOrg.fields.status.options).toEqual({ todo: 'Todo', in_progress: 'In Progress', done: 'Done' });
    const byUrl = configSchema.parse({ projects: { project: { url: 'https://github.com/users/octocat/projects/3' }, fields: { target_date: null } } }).projects!;
    expect(projectRefOf(byUrl)).toEqual({ ownerType: 'user', login: 'octocat', number: 3 });
    expect(byUrl.fields.target_date).toBeNull();
    expect(byUrl.fields.iteration).toEqual({ name: 'Iteration' });
  });

  it('refuses a Project it cannot name, and unknown keys', () => {
    expect(configSchema.safeParse({ projects: { project: { url: 'https://github.com/acme/web' } } }).success).toBe(false);
    expect(configSchema.safeParse({ projects: {} }).success).toBe(false);
    expect(configSchema.safeParse({ projects: { project: { org: 'acme', number: 1 }, fields: { colour: { name: 'x' } } } }).success).toBe(false);
  });
});

describe('the plan\'s Due and Iteration fields', () => {
  it('are read per phase, and absent when not written', () => {
    const model = parsePlan('# Plan\n\n## Implementation Phases\n\n### Phase 1: Setup\n\n**Due**: 2026-12-24 | **Iteration**: Sprint 12\n\n- [ ] a\n\n### Phase 2: Build\n\n- [ ] b\n');
    expect(model.phases.map((each) => [each.number, each.due, each.iteration])).toEqual([
      ['1', '2026-12-24', 'Sprint 12'],
      ['2', undefined, undefined],
    ]);
    expect('due' in model.phases[1]).toBe(false);
  });
});
