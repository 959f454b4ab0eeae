import { describe, expect, it } from '@jest/globals';
import { analysePlan, lintPlan, parsePlan, RULES, SEED_TEMPLATE, sortFindings } from '../../src/plan/index.js';

describe('lintPlan and analysePlan', () => {
  it('has stable, unique kebab-case rule ids', () => {
    const ids = RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(ids).toEqual([
      'placeholder',
      'required-section',
      'tech-stack-empty',
      'phase-without-tasks',
      'unknown-dependency',
      'dependency-cycle',
      'duplicate-phase',
      'gate-failing',
      'gate-pending',
      'gate-unknown',
      'gate-warning',
    ]);
  });

  it('lints the seed: 21 placeholder errors and 4 pending gates, nothing else', () => {
    const counts = new Map<string, number>();
    for (const finding of analysePlan(SEED_TEMPLATE).findings) counts.set(`${finding.rule}/${finding.severity}`, (counts.get(`${finding.rule}/${finding.severity}`) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ 'placeholder/error': 21, 'gate-pending/warning': 4 });
  });

  it('skips plan-only rules for task lists', () => {
    const source = '# Tasks\n\n| Component | Technology |\n|---|---|\n| DB | |\n';
    expect(lintPlan(parsePlan(source)).map((f) => f.rule)).toEqual(expect.arrayContaining(['required-section', 'tech-stack-empty']));
    expect(lintPlan(parsePlan(source), { kind: 'tasks' })).toEqual([]);
  });

  it('merges parse-level findings and sorts everything by line, column and severity', () => {
    const model = analysePlan(['| Gate | Status |', '|---|---|', '| A | ❌ | extra |', '', '[DATE] [TBD]'].join('\n'), { kind: 'tasks' });
    expect(model.findings.map((f) => [f.line, f.rule])).toEqual([
      [3, 'gate-failing'],
      [3, 'table-shape'],
      [5, 'placeholder'],
      [5, 'placeholder'],
    ]);
    expect(model.findings[3].column).toBe(8);
  });

  it('sortFindings is stable for equal keys', () => {
    const a = { rule: 'a', severity: 'warning' as const, message: '', line: 1 };
    const b = { rule: 'b', severity: 'warning' as const, message: '', line: 1 };
    expect(sortFindings([a, b])).toEqual([a, b]);
    expect(sortFindings([b, a])).toEqual([b, a]);
  });
});
