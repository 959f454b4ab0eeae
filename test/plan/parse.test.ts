import { describe, expect, it } from '@jest/globals';
import { parsePlan, SEED_TEMPLATE } from '../../src/plan/index.js';

const md = (...lines: string[]) => lines.join('\n');

describe('parsePlan on the seed template', () => {
  const model = parsePlan(SEED_TEMPLATE, { file: 'specs/001-user-auth/plan.md' });

  it('reads the title, the feature (from the path: the Branch field is still a placeholder) and every section', () => {
    expect(model.title).toBe('Implementation Plan: [FEATURE NAME]');
    expect(model.feature).toBe('001-user-auth');
    expect(model.sections.filter((s) => s.depth === 2).map((s) => [s.title, s.line, s.endLine])).toEqual([
      ['Summary', 5, 8],
      ['Technical Context', 9, 30],
      ['Project Structure', 31, 49],
      ['Implementation Phases', 50, 88],
      ['Quality Gates', 89, 99],
      ['Risks & Mitigations', 100, 107],
      ['Technical Decisions', 108, 115],
      ['Dependencies', 116, 123],
      ['Notes', 124, 126],
    ]);
  });

  it('reads the four phases with durations, dependencies and tasks', () => {
    expect(model.phases.map((p) => [p.number, p.title, p.line, p.duration, p.dependencies, p.dependenciesLine, p.tasks.length])).toEqual([
      ['0', 'Research & Design', 52, '[X days]', [], null, 4],
      ['1', 'Foundation', 61, '[X days]', ['0'], 63, 4],
      ['2', 'Core Implementation', 70, '[X days]', ['1'], 72, 3],
      ['3', 'Integration & Polish', 78, '[X days]', ['2'], 80, 4],
    ]);
    expect(model.phases[0].tasks[0]).toEqual({ text: 'Validate tech stack choices', checked: false, line: 56, id: null, depth: 0, markers: [] });
    expect(model.tasks).toHaveLength(15);
  });

  it('reads the gate table and the tech stack table', () => {
    expect(model.gates).toEqual([
      { name: 'Code Review', criteria: 'All PRs reviewed', status: 'pending', raw: '⬜', line: 93 },
      { name: 'Unit Tests', criteria: '>80% coverage', status: 'pending', raw: '⬜', line: 94 },
      { name: 'Integration Tests', criteria: 'All scenarios pass', status: 'pending', raw: '⬜', line: 95 },
      { name: 'Documentation', criteria: 'README updated', status: 'pending', raw: '⬜', line: 96 },
    ]);
    expect(model.techStack).toEqual([
      { component: 'Language', technology: '[TO FILL]', line: 14 },
      { component: 'Framework', technology: '[TO FILL]', line: 15 },
      { component: 'Database', technology: '[TO FILL]', line: 16 },
      { component: 'Testing', technology: '[TO FILL]', line: 17 },
    ]);
  });

  it('finds the 21 placeholders outside code fences, with columns', () => {
    expect(model.placeholders).toHaveLength(21);
    expect(model.placeholders.slice(0, 5)).toEqual([
      { text: '[FEATURE NAME]', line: 1, column: 24 },
      { text: '[###-feature-name]', line: 3, column: 14 },
      { text: '[DATE]', line: 3, column: 46 },
      { text: '[link to spec.md]', line: 3, column: 65 },
      { text: '[TO FILL: Brief description of the implementation approach]', line: 7, column: 1 },
    ]);
    // Lines 22 and 34 hold `[TO FILL: …]` inside code fences: not counted.
    expect(model.placeholders.map((p) => p.line)).not.toContain(22);
    expect(model.placeholders.map((p) => p.line)).not.toContain(34);
    expect(model.findings).toEqual([]);
  });
});

describe('parsePlan formats', () => {
  it('accepts every phase heading style', () => {
    const model = parsePlan(
      md(
        '# Plan',
        '## Phase 1: Colon',
        '### Phase 2 — Em dash',
        '## Phase 3 - Hyphen',
        '## Phase 4. Dot',
        '## ✅ Phase 5: Emoji prefix',
        '### Phase 6: Scaffolding ✅ **100% COMPLETE**',
        '## 🎯 Phase 7.1: Kubernetes Manifests (4-5 days)',
        '## Phase 1A — Hardening',
        '## Phase -1: Pre-Implementation Gates',
        '### Fase 8 — Fundação 🟡 Em andamento',
        '### 6.2 Phase 9: Core Framework (Months 1-3)',
        '## Phase 10',
        '## Phase 11: Ship it **DONE**',
        '### Phase 12: Release (Weeks 3-4)',
      ),
    );
    expect(model.phases.map((p) => [p.number, p.title, p.duration])).toEqual([
      ['1', 'Colon', null],
      ['2', 'Em dash', null],
      ['3', 'Hyphen', null],
      ['4', 'Dot', null],
      ['5', 'Emoji prefix', null],
      ['6', 'Scaffolding', null],
      ['7.1', 'Kubernetes Manifests', '4-5 days'],
      ['1A', 'Hardening', null],
      ['-1', 'Pre-Implementation Gates', null],
      ['8', 'Fundação', null],
      ['9', 'Core Framework', 'Months 1-3'],
      ['10', '', null],
      ['11', 'Ship it', null],
      ['12', 'Release', 'Weeks 3-4'],
    ]);
  });

  it('does not take ranges, prose or the document title for phases', () => {
    const model = parsePlan(
      md('# Phase 7: The whole document', '## Phase 7 Overview', '### 6.4 Phase 3-6 Schedule Summary', '#### Phase 1 Gate Review (Week 13)', '## Phases 1-3: Summary', '## Week 1: Foundation'),
    );
    expect(model.phases).toEqual([]);
    expect(model.title).toBe('Phase 7: The whole document');
  });

  it('reads numbered steps inside a phase as sub-phases with their own fields and tasks', () => {
    const model = parsePlan(
      md(
        '## Phase 1: Foundation (Weeks 1-2)',
        '### 1.1 Project Structure',
        '**Duration**: 2 days',
        '**Dependencies**: None',
        '- [ ] Scaffold',
        '### 1.2 Core Engine',
        '**Duration**: 4 days  ',
        '**Dependencies**: 1.1',
        '- [x] Engine',
        '## Phase 2: State',
        '**Dependencies**: Phase 1',
        '### 2.1 State Manager',
        '- [ ] Manager',
        '### 3.1 Not a step of phase 2',
        '- [ ] Belongs to phase 2',
      ),
    );
    expect(model.phases.map((p) => [p.number, p.parent, p.duration, p.dependencies, p.tasks.map((t) => t.text)])).toEqual([
      ['1', null, 'Weeks 1-2', [], []],
      ['1.1', '1', '2 days', [], ['Scaffold']],
      ['1.2', '1', '4 days', ['1.1'], ['Engine']],
      ['2', null, null, ['1'], ['Belongs to phase 2']],
      ['2.1', '2', null, [], ['Manager']],
    ]);
  });

  it('reads durations and dependencies in their many spellings, first duration winning', () => {
    const model = parsePlan(
      md(
        '## Phase 1: A (3 days)',
        '**Estimated Time**: 4 hours',
        '**Duration**: 1 week',
        '- [ ] a',
        '## Phase 2: B',
        '**Status**: ✅ Complete  ',
        '**Estimated Time**: 45 minutes  ',
        '**Dependencies**: Phase 1, Phase 4',
        '- [ ] b',
        '## Phase 3: C',
        '- **Duration**: 2 days',
        '- **Dependencies**: Phases 1-2',
        '- [ ] c',
        '  - Dependencies: Phase 9 (a task-level note, not the phase)',
        '## Phase 4: D',
        '**Dependencies**: None (can be done in parallel)',
        '- [ ] d',
      ),
    );
    expect(model.phases.map((p) => [p.number, p.duration, p.dependencies, p.dependenciesLine])).toEqual([
      ['1', '4 hours', [], null],
      ['2', '45 minutes', ['1', '4'], 8],
      ['3', '2 days', ['1', '2'], 12],
      ['4', null, [], 16],
    ]);
  });

  it('reads tasks: [ ], [x], [X], nested, ids plain and bold, markers kept', () => {
    const model = parsePlan(
      md(
        '## Phase 1: Setup',
        '- [ ] T001 [P] [US1] Create project in `src/`',
        '- [X] **T002** [SETUP] Configure lint',
        '- [x] Plain task',
        '  - [ ] Nested task',
        '    * [x] Deeper task',
        '- Not a task',
        '  - [ ] Task under a plain bullet',
        '1. [ ] Ordered task',
        '- [ ]',
      ),
    );
    expect(model.tasks.map((t) => [t.text, t.checked, t.line, t.id, t.depth, t.markers])).toEqual([
      ['T001 [P] [US1] Create project in `src/`', false, 2, 'T001', 0, ['P', 'US1']],
      ['T002 [SETUP] Configure lint', true, 3, 'T002', 0, ['SETUP']],
      ['Plain task', true, 4, null, 0, []],
      ['Nested task', false, 5, null, 1, []],
      ['Deeper task', true, 6, null, 2, []],
      ['Task under a plain bullet', false, 8, null, 1, []],
      ['Ordered task', false, 9, null, 0, []],
    ]);
    expect(model.phases[0].tasks).toHaveLength(7);
    expect(model.placeholders).toEqual([]);
  });

  it('ignores everything inside code fences and HTML comments', () => {
    const model = parsePlan(
      md(
        '# Plan',
        '```markdown',
        '## Phase 1: In a fence',
        '- [ ] fenced task [TO FILL]',
        '| Gate | Status |',
        '|---|---|',
        '| Fenced | ❌ |',
        '```',
        '<!--',
        '## Phase 2: In a comment',
        '- [ ] commented task [DATE]',
        '-->',
        '~~~',
        '# Not a title',
        '~~~',
        'Inline <!-- [TO FILL] --> comment.',
        '## Phase 3: Real',
        '- [ ] real task',
      ),
    );
    expect(model.phases.map((p) => p.number)).toEqual(['3']);
    expect(model.tasks.map((t) => t.text)).toEqual(['real task']);
    expect(model.gates).toEqual([]);
    expect(model.placeholders).toEqual([]);
    expect(model.sections.map((s) => s.title)).toEqual(['Plan', 'Phase 3: Real']);
  });

  it('gives the same model, line for line, for CRLF and LF files', () => {
    const lf = SEED_TEMPLATE;
    const crlf = lf.replace(/\n/g, '\r\n');
    const cr = lf.replace(/\n/g, '\r');
    expect(parsePlan(crlf)).toEqual(parsePlan(lf));
    expect(parsePlan(cr)).toEqual(parsePlan(lf));
  });

  it('skips YAML front matter but keeps line numbers of the original file', () => {
    const body = md('# Plan', '', '## Phase 1: Start', '- [ ] first [TO FILL]');
    const model = parsePlan(md('---', 'title: "## Phase 9: not a phase"', 'tags: [TO FILL]', '---', body));
    expect(model.title).toBe('Plan');
    expect(model.phases.map((p) => [p.number, p.line])).toEqual([['1', 7]]);
    expect(model.tasks[0].line).toBe(8);
    expect(model.placeholders).toEqual([{ text: '[TO FILL]', line: 8, column: 13 }]);
    expect(model.sections[0].line).toBe(5);
  });

  it('treats a BOM as nothing', () => {
    expect(parsePlan('\uFEFF# Plan\n## Phase 1: A\n- [ ] a').phases).toHaveLength(1);
  });
});

describe('parsePlan gate tables', () => {
  it('reads any table with a Gate and a Status column, anywhere, with extra columns', () => {
    const model = parsePlan(
      md(
        '# Report',
        '- item',
        '  > | **Gate** | Criteria | Status | Evidence |',
        '  > |---|---|---|---|',
        '  > | G1: Structure | 0 Blocker | ✅ PASS | ok |',
        '',
        '| Status | Owner | Quality Gate |',
        '|---|---|---|',
        '| ❌ | me | Security |',
        '| | me | Empty status |',
        '',
        '| Gate | Name | Status | Reviewer |',
        '|---|---|---|---|',
        '| 03A | Purity Boundary | pass | self |',
        '',
        '| Task | Status |',
        '|---|---|',
        '| Not a gate table | ✅ |',
        '',
        '| Check | Status |',
        '|---|---|',
        '| Check column (issue 15) | ✅ |',
      ),
    );
    expect(model.gates).toEqual([
      { name: 'G1: Structure', criteria: '0 Blocker', status: 'pass', raw: '✅ PASS', line: 5 },
      { name: 'Security', criteria: '', status: 'fail', raw: '❌', line: 9 },
      { name: 'Empty status', criteria: '', status: 'pending', raw: '', line: 10 },
      { name: '03A: Purity Boundary', criteria: '', status: 'pass', raw: 'pass', line: 14 },
      { name: 'Check column (issue 15)', criteria: '', status: 'pass', raw: '✅', line: 22 },
    ]);
  });

  it('survives rows with more or fewer cells than the header, and says so', () => {
    const model = parsePlan(
      md('| Gate | Criteria | Status |', '|---|---|---|', '| G1 | c | VERIFIED | extra |', '| G2 | c |', '| G3 |'),
      { vocabulary: {} },
    );
    expect(model.gates.map((g) => [g.name, g.status, g.raw])).toEqual([
      ['G1', 'pass', 'VERIFIED'],
      ['G2', 'pending', ''],
      ['G3', 'pending', ''],
    ]);
    expect(model.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([
      ['table-shape', 'notice', 3],
      ['table-shape', 'notice', 4],
      ['table-shape', 'notice', 5],
    ]);
  });

  it('uses the configured vocabulary', () => {
    const source = md('| Gate | Status |', '|---|---|', '| Deploy | shipped |');
    expect(parsePlan(source).gates[0].status).toBe('unknown');
    expect(parsePlan(source, { vocabulary: { pass: ['shipped'] } }).gates[0].status).toBe('pass');
  });
});

describe('parsePlan metadata', () => {
  it('takes the feature from the Branch field, then the path, then the title, then the Input line', () => {
    expect(parsePlan('**Branch**: `feat/002-export` | **Date**: 2026-01-01', { file: 'specs/001-x/plan.md' }).feature).toBe('002-export');
    expect(parsePlan('**Branch**: `[001-registrar-contacto]`').feature).toBe('001-registrar-contacto');
    expect(parsePlan('**Branch**: `[###-feature-name]`', { file: 'apps/web/specs/20261123-101500-export/plan.md' }).feature).toBe('20261123-101500-export');
    expect(parsePlan('# Plan for 003-billing\n').feature).toBe('003-billing');
    expect(parsePlan('# Tasks\n\n**Input**: Design documents from `/specs/004-legal-pages/`\n').feature).toBe('004-legal-pages');
    expect(parsePlan('# Nothing here').feature).toBeNull();
  });

  it('reads spec-kit Technical Context fields as the tech stack, wrapped values and following lists included', () => {
    const model = parsePlan(
      md(
        '## Technical Context',
        '**Language/Version**: .NET 10 / C#',
        '',
        '**Primary Dependencies**: Wolverine, FluentValidation,',
        'Serilog',
        '',
        '**Storage**: ',
        '- Cloudflare D1',
        '- Cloudflare R2',
        '',
        '**Testing**:',
        '',
        'Prose: not a field because it is not bold',
        '## Other',
        '**Language**: not in Technical Context',
      ),
    );
    expect(model.techStack).toEqual([
      { component: 'Language/Version', technology: '.NET 10 / C#', line: 2 },
      { component: 'Primary Dependencies', technology: 'Wolverine, FluentValidation, Serilog', line: 4 },
      { component: 'Storage', technology: 'Cloudflare D1; Cloudflare R2', line: 7 },
      { component: 'Testing', technology: '', line: 11 },
    ]);
  });

  it('never counts links, reference links, task boxes or task markers as placeholders', () => {
    const model = parsePlan(
      md(
        'See [the spec](./spec.md) and [DATE][ref] and ![ALT TEXT](x.png).',
        '',
        '[ref]: https://example.com',
        '',
        '- [ ] T001 [P] [SETUP] [HEADER] set up `[BYPASSED]` tag',
        '- [x] [FOUND] marker without id',
        '- [ ] task with a real [DATE] placeholder',
        '',
        'Spec-kit: `specs/[###-feature-name]/spec.md` and [e.g., Python 3.11 or NEEDS CLARIFICATION].',
        '- NEEDS CLARIFICATION: storage choice',
        'Resolve all NEEDS CLARIFICATION items.',
      ),
    );
    expect(model.placeholders).toEqual([
      { text: '[DATE]', line: 7, column: 24 },
      { text: '[###-feature-name]', line: 9, column: 18 },
      { text: '[e.g., Python 3.11 or NEEDS CLARIFICATION]', line: 9, column: 50 },
      { text: 'NEEDS CLARIFICATION: storage choice', line: 10, column: 3 },
    ]);
  });
});
