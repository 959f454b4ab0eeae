// Hostile and huge input: behaviour, not timing. The counts must come out right and nothing may
// throw. (Speed is measured by `npm run bench`; the long timeouts only keep a loaded CI machine
// from failing these.)
import { describe, expect, it } from '@jest/globals';
import { analysePlan, parsePlan } from '../../src/plan/index.js';
import { MAX_FILE_BYTES } from '../../src/github/errors.js';

describe('hostile input', () => {
  it('reads 10,000 tasks in one list, with ids and checked state', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `- [${i % 4 === 0 ? 'x' : ' '}] T${String(i + 1).padStart(5, '0')} [P] task ${i + 1}`);
    const model = parsePlan(['# Plan', '## Phase 1: Everything', ...lines].join('\n'));
    expect(model.tasks).toHaveLength(10_000);
    expect(model.phases[0].tasks).toHaveLength(10_000);
    expect(model.tasks.filter((t) => t.checked)).toHaveLength(2_500);
    expect(model.tasks[9_999]).toMatchObject({ id: 'T10000', line: 10_002, text: 'T10000 [P] task 10000', markers: ['P'] });
  }, 120_000);

  it('reads a gate table of 5,000 rows', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `| Gate ${i} | criterion ${i} | ${['✅', '❌', '⬜', '⚠️', 'N/A'][i % 5]} |`);
    const model = analysePlan(['| Gate | Criteria | Status |', '|---|---|---|', ...rows].join('\n'));
    expect(model.gates).toHaveLength(5_000);
    const counts = new Map<string, number>();
    for (const gate of model.gates) counts.set(gate.status, (counts.get(gate.status) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ pass: 1_000, fail: 1_000, pending: 1_000, warn: 1_000, waived: 1_000 });
    expect(model.gates[4_999]).toMatchObject({ name: 'Gate 4999', line: 5_002 });
    expect(model.findings.filter((f) => f.rule === 'gate-failing')).toHaveLength(1_000);
  }, 120_000);

  it('reads a file just under the 5 MB limit completely', () => {
    const phase = (n: number) =>
      [`### Phase ${n}: Part ${n}`, `**Dependencies**: Phase ${Math.max(n - 1, 0)}`, '', ...Array.from({ length: 10 }, (_, t) => `- [${t < 3 ? 'x' : ' '}] T${n}-${t} work item`), ''].join('\n');
    const blocks: string[] = ['# Big plan', ''];
    let size = 20;
    let n = 0;
    while (size < MAX_FILE_BYTES - 2_000) {
      const block = phase(n++);
      blocks.push(block);
      size += Buffer.byteLength(block) + 1;
    }
    const source = blocks.join('\n');
    expect(Buffer.byteLength(source)).toBeLessThanOrEqual(MAX_FILE_BYTES);
    const model = analysePlan(source, { kind: 'tasks' });
    expect(model.phases).toHaveLength(n);
    expect(model.tasks).toHaveLength(n * 10);
    expect(model.tasks.filter((t) => t.checked)).toHaveLength(n * 3);
    expect(model.phases[n - 1].dependencies).toEqual([String(n - 2)]);
    // Phase 0 depends on itself in this generated plan: one cycle, reported once.
    expect(model.findings.filter((f) => f.rule === 'dependency-cycle')).toHaveLength(1);
    expect(model.findings.filter((f) => f.rule === 'parse-limit')).toEqual([]);
  }, 300_000);

  it('flattens lists nested thousands deep instead of hanging, keeping every task', () => {
    const lines = Array.from({ length: 2_000 }, (_, i) => `${'  '.repeat(i)}- [ ] level ${i}`);
    const model = parsePlan(['## Phase 1: Deep', ...lines].join('\n'));
    expect(model.tasks).toHaveLength(2_000);
    expect(model.tasks[1_999].text).toBe('level 1999');
    expect(Math.max(...model.tasks.map((t) => t.depth))).toBeLessThanOrEqual(40);
    expect(model.tasks[10].depth).toBe(10);
    expect(model.findings).toEqual([
      expect.objectContaining({ rule: 'parse-limit', severity: 'warning', line: 2 + 32 }),
    ]);
  });

  it('survives deeply nested block quotes and list markers on one line', () => {
    const quotes = parsePlan(`${'>'.repeat(20_000)} - [x] T001 quoted task`);
    expect(quotes.tasks.map((t) => [t.id, t.checked])).toEqual([['T001', true]]);
    const markers = parsePlan(`${'- '.repeat(10_000)}[ ] innermost`);
    expect(markers.tasks.map((t) => t.text)).toEqual(['innermost']);
  });

  it('reads pathological emphasis and link openers as plain text instead of hanging', () => {
    const emphasis = `${'*a '.repeat(30_000)}x${' b*'.repeat(30_000)}`;
    const links = '[a]('.repeat(50_000);
    const model = parsePlan(['# Plan', '', emphasis, '', links, '', '- [ ] T001 survives [TO FILL]'].join('\n'));
    expect(model.tasks.map((t) => t.id)).toEqual(['T001']);
    expect(model.placeholders).toEqual([{ text: '[TO FILL]', line: 7, column: 21 }]);
    expect(model.findings.map((f) => [f.rule, f.line])).toEqual([
      ['parse-limit', 3],
      ['parse-limit', 5],
    ]);
  });

  it('handles bracket floods, long lines and odd characters', () => {
    const model = analysePlan(
      [
        `# ${'['.repeat(50_000)}TO FILL${']'.repeat(50_000)}`,
        `## Phase 1: ${'x'.repeat(200_000)}`,
        `**Dependencies**: ${'Phase 1, '.repeat(20_000)}`,
        '- [ ] \u0000\u202e\uFFFD task',
        '',
        '| Gate | Status |',
        '|---|---|',
        `| ${'g'.repeat(100_000)} | ${'✅'.repeat(10_000)} |`,
      ].join('\n'),
    );
    // A hundred thousand brackets on one line are read as plain text, so no token is left there.
    expect(model.placeholders).toEqual([]);
    expect(model.findings.filter((f) => f.rule === 'parse-limit').map((f) => f.line)).toEqual([1]);
    expect(model.phases[0].title).toHaveLength(200_000);
    expect(model.phases[0].dependencies).toEqual(['1']);
    expect(model.findings.filter((f) => f.rule === 'dependency-cycle')).toHaveLength(1);
    expect(model.tasks).toHaveLength(1);
    expect(model.gates[0].status).toBe('pass');
  });

  it('accepts empty and whitespace-only documents', () => {
    for (const source of ['', '\n\n\n', '   ', '\r\n']) {
      const model = analysePlan(source);
      expect(model.phases).toEqual([]);
      expect(model.title).toBeNull();
    }
  });
});
