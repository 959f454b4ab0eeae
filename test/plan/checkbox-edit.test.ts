import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../src/plan/index.js';
import { applyCheckboxStates, withOccurrences, type CheckboxEditOptions } from '../../src/plan/checkbox-edit.js';
import type { Task } from '../../src/plan/model.js';
import { quickSample } from '../helpers/full-suite.js';

// The key the issue side uses: the id where there is one, else the text with case and spacing folded.
const keyOf = (task: Task) => task.id ?? task.text.toLowerCase().replace(/\s+/g, ' ').trim();
const options: CheckboxEditOptions = { keyOf };

const plan = [
  '# Implementation Plan: Login',
  '',
  '## Implementation Phases',
  '',
  '### Phase 1: Foundation',
  '**Duration**: 2 days',
  '',
  '- [ ] T001 Set up project structure',
  '- [x] T002 Configure build pipeline',
  '- [ ] Create base models',
  '',
  '### Phase 2: Core',
  '',
  '- [ ] T003 Implement services',
  '- [ ] Create base models',
  '',
].join('\n');

describe('applyCheckboxStates', () => {
  it('ticks a task found by its id and changes only that box', () => {
    const result = applyCheckboxStates(plan, new Map([['T001', true]]), options);
    expect(result.content).toBe(plan.replace('- [ ] T001', '- [x] T001'));
    expect(result).toMatchObject({ changed: ['T001'], unchanged: [], missing: [] });
  });

  it('uses the model the caller passes (e.g. from the parallel parser) instead of parsing again', () => {
    const model = parsePlan(plan);
    expect(applyCheckboxStates(plan, new Map([['T001', true]]), options, model)).toEqual(applyCheckboxStates(plan, new Map([['T001', true]]), options));
    const withoutT001 = { ...model, tasks: model.tasks.filter((task) => task.id !== 'T001') };
    expect(applyCheckboxStates(plan, new Map([['T001', true]]), options, withoutT001)).toMatchObject({ content: plan, changed: [], missing: ['T001'] });
  });

  it('unticks by id', () => {
    const result = applyCheckboxStates(plan, new Map([['T002', false]]), options);
    expect(result.content).toBe(plan.replace('- [x] T002', '- [ ] T002'));
    expect(result.changed).toEqual(['T002']);
  });

  it('finds a task without id by its normalised text, within the given phase only (phase numbers compared canonically)', () => {
    const result = applyCheckboxStates(plan, new Map([['create base models', true]]), { ...options, phase: '02' });
    const lines = result.content.split('\n');
    expect(lines[9]).toBe('- [ ] Create base models'); // phase 1's twin untouched
    expect(lines[14]).toBe('- [x] Create base models');
    expect(result.changed).toEqual(['create base models']);
  });

  it('matches by identity, not line number: a task moved by a concurrent edit is still found', () => {
    const moved = plan.replace('- [ ] T001 Set up project structure\n', '- [ ] T000 A new first task\n- [ ] T001 Set up project structure\n');
    const result = applyCheckboxStates(moved, new Map([['T001', true]]), options);
    expect(result.content).toContain('- [ ] T000 A new first task\n- [x] T001 Set up project structure\n');
  });

  it('applies several states at once and reports what was already so and what is gone', () => {
    const wanted = new Map([
      ['T001', true],
      ['T002', true],
      ['T003', true],
      ['T999', true],
    ]);
    const result = applyCheckboxStates(plan, wanted, options);
    expect(result.changed).toEqual(['T001', 'T003']);
    expect(result.unchanged).toEqual(['T002']);
    expect(result.missing).toEqual(['T999']);
    expect(result.content).toBe(plan.replace('- [ ] T001', '- [x] T001').replace('- [ ] T003', '- [x] T003'));
  });

  it('returns the source untouched when nothing changes', () => {
    const result = applyCheckboxStates(plan, new Map([['T002', true]]), options);
    expect(result.content).toBe(plan);
    expect(result.changed).toEqual([]);
  });

  it('edits nested items and keeps their indentation', () => {
    const source = '## Tasks\n\n- [ ] T010 Parent\n  - [ ] Child step\n    - [ ] Grandchild\n';
    const result = applyCheckboxStates(
      source,
      new Map([
        ['child step', true],
        ['grandchild', true],
      ]),
      options,
    );
    expect(result.content).toBe('## Tasks\n\n- [ ] T010 Parent\n  - [x] Child step\n    - [x] Grandchild\n');
  });

  it('preserves CRLF line endings byte for byte', () => {
    const crlf = plan.replace(/\n/g, '\r\n');
    const result = applyCheckboxStates(crlf, new Map([['T003', true]]), options);
    expect(result.content).toBe(crlf.replace('- [ ] T003', '- [x] T003'));
    expect(result.content.split('\r\n')).toHaveLength(crlf.split('\r\n').length);
  });

  it('finds the right line in a file with old-Mac CR line endings (the parser counts them as lines too)', () => {
    const cr = plan.replace(/\n/g, '\r');
    const result = applyCheckboxStates(cr, new Map([['T003', true]]), options);
    expect(result.content).toBe(cr.replace('- [ ] T003', '- [x] T003'));
  });

  it('ticks in the file’s own style: [X] where most boxes use it, [x] otherwise', () => {
    const upper = '## Phase 1: Setup\n\n- [X] T001 a\n- [X] T002 b\n- [x] T003 c\n- [ ] T004 d\n';
    expect(applyCheckboxStates(upper, new Map([['T004', true]]), options).content).toContain('- [X] T004 d');
    const lower = '## Phase 1: Setup\n\n- [x] T001 a\n- [ ] T004 d\n';
    expect(applyCheckboxStates(lower, new Map([['T004', true]]), options).content).toContain('- [x] T004 d');
  });

  it('leaves an [X] box as written when it is already ticked, and unticks it to [ ]', () => {
    const upper = '## Phase 1: Setup\n\n- [X] T001 a\n- [X] T002 b\n';
    const result = applyCheckboxStates(
      upper,
      new Map([
        ['T001', true],
        ['T002', false],
      ]),
      options,
    );
    expect(result.content).toBe('## Phase 1: Setup\n\n- [X] T001 a\n- [ ] T002 b\n');
  });

  it('never rewrites the ticks a person or a tool wrote: [X] and [x] stay as written whatever else changes', () => {
    // /speckit.implement ticks with [X], a person with [x]; the write-back flips only the boxes asked for
    // (a new tick takes the file's style: a tie in tasks.md is spec-kit's [X]).
    const tasks = [
      '# Tasks: Login',
      '',
      '## Phase 1: Setup',
      '',
      '- [X] T001 [P] Create project',
      '- [x] T002 Configure linting',
      '- [x] T003 [P] [US1] Add fixtures',
      '- [ ] T004 [US1] Login form',
      '- [X] T005 [US1] Login endpoint',
      '',
    ].join('\n');
    const result = applyCheckboxStates(
      tasks,
      new Map([
        ['T004', true],
        ['T003', false],
        ['T001', true],
        ['T005', true],
      ]),
      { ...options, kind: 'tasks' },
    );
    expect(result.changed.sort()).toEqual(['T003', 'T004']);
    expect(result.unchanged.sort()).toEqual(['T001', 'T005']);
    expect(result.content.split('\n')).toEqual(
      tasks
        .split('\n')
        .map((line) => line.replace('- [x] T003', '- [ ] T003').replace('- [ ] T004', '- [X] T004')),
    );
  });

  it('uses spec-kit’s [X] in a tasks.md that has no ticked box yet', () => {
    const tasks = '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 [P] Create project\n';
    const result = applyCheckboxStates(tasks, new Map([['T001', true]]), { ...options, kind: 'tasks' });
    expect(result.content).toBe('# Tasks\n\n## Phase 1: Setup\n\n- [X] T001 [P] Create project\n');
  });

  it('tells tasks with the same text apart by their order', () => {
    const source = '## Phase 1: Setup\n\n- [ ] Add unit tests\n- [ ] Add unit tests\n- [ ] Add unit tests\n';
    const result = applyCheckboxStates(source, new Map([['add unit tests#2', true]]), options);
    expect(result.content).toBe('## Phase 1: Setup\n\n- [ ] Add unit tests\n- [x] Add unit tests\n- [ ] Add unit tests\n');
  });

  it('never touches a task-like line inside a code fence', () => {
    const source = [
      '## Phase 1: Setup',
      '',
      '```markdown',
      '- [ ] T001 Example in a fence',
      '```',
      '',
      '- [ ] T001 The real task',
      '',
    ].join('\n');
    const result = applyCheckboxStates(source, new Map([['T001', true]]), options);
    expect(result.content).toBe(source.replace('- [ ] T001 The real task', '- [x] T001 The real task'));
    expect(result.content).toContain('- [ ] T001 Example in a fence');
  });

  it('edits a task in a blockquote and a numbered list, and bold ids', () => {
    const source = '## Phase 1: Setup\n\n> - [ ] T001 quoted\n\n1. [ ] T002 numbered\n\n- [ ] **T003** bold\n';
    const result = applyCheckboxStates(
      source,
      new Map([
        ['T001', true],
        ['T002', true],
        ['T003', true],
      ]),
      options,
    );
    expect(result.content).toBe('## Phase 1: Setup\n\n> - [x] T001 quoted\n\n1. [x] T002 numbered\n\n- [x] **T003** bold\n');
  });

  it('keeps a byte-order mark and front matter as they are', () => {
    const source = '\uFEFF---\ntitle: x\n---\n## Phase 1: Setup\n\n- [ ] T001 a\n';
    const result = applyCheckboxStates(source, new Map([['T001', true]]), options);
    expect(result.content).toBe('\uFEFF---\ntitle: x\n---\n## Phase 1: Setup\n\n- [x] T001 a\n');
  });

  it('reports every key missing when the phase does not exist', () => {
    const result = applyCheckboxStates(plan, new Map([['T001', true]]), { ...options, phase: '9' });
    expect(result).toEqual({ content: plan, changed: [], unchanged: [], missing: ['T001'] });
  });
});

describe('withOccurrences', () => {
  it('suffixes repeated keys by their order and leaves unique ones alone', () => {
    expect(withOccurrences(['a', 'b', 'a', 'a'])).toEqual(['a', 'b', 'a#2', 'a#3']);
  });
});

describe('applyCheckboxStates over the shared corpus', () => {
  const corpus = '../shared/corpus';
  const files = quickSample(readdirSync(corpus).filter((name) => name.endsWith('.md')).sort()); // a spread in the quick tier

  it.each(files)('%s: flipping every task changes only box characters, and flipping back restores the file', (name) => {
    const source = readFileSync(join(corpus, name), 'utf8');
    const kind = name.includes('tasks') ? ('tasks' as const) : ('plan' as const);
    const tasks = parsePlan(source, { kind }).tasks;
    const keys = withOccurrences(tasks.map(keyOf));
    const flipped = new Map(keys.map((key, index) => [key, !tasks[index].checked]));
    const once = applyCheckboxStates(source, flipped, { keyOf, kind });
    expect(once.missing).toEqual([]);
    expect(once.changed).toHaveLength(tasks.length);
    expect(once.content).toHaveLength(source.length);
    const differing = source.split('').filter((char, index) => char !== once.content[index]);
    expect(differing.every((char) => char === ' ' || char === 'x' || char === 'X')).toBe(true);
    expect(parsePlan(once.content, { kind }).tasks.map((task) => task.checked)).toEqual(tasks.map((task) => !task.checked));
    const back = applyCheckboxStates(once.content, new Map(keys.map((key, index) => [key, tasks[index].checked])), { keyOf, kind });
    // Ticks come back in the file's majority style, so compare states, and bytes where the style agrees.
    expect(parsePlan(back.content, { kind }).tasks.map((task) => task.checked)).toEqual(tasks.map((task) => task.checked));
    expect(back.content.replace(/\[[xX]\]/g, '[x]')).toBe(source.replace(/\[[xX]\]/g, '[x]'));
  });
});
