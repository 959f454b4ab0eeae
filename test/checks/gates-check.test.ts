import { describe, expect, it } from '@jest/globals';
import { analysePlan, type Gate } from '../../src/plan/index.js';
import { buildGatesCheck, gateTable } from '../../src/checks/gates-check.js';
import { evaluateGates, type EvaluatedGate } from '../../src/checks/gates.js';
import type { EvidenceFacts } from '../../src/checks/evidence.js';
import { defaultConfig } from '../../src/config/schema.js';
import { fixture } from './github-mock.js';
import { expectFixture } from './expect-fixture.js';

const PATH = 'specs/002-export/plan.md';
const noFacts: EvidenceFacts = { approvals: null, changedFiles: [], filesTruncated: false, checks: new Map() };

const gate = (name: string, status: Gate['status'], raw: string = status): Gate => ({ name, criteria: '', status, raw, line: 10 });
const evaluated = (gates: Gate[]): EvaluatedGate[] => evaluateGates([{ path: PATH, model: { gates } }], {}, noFacts);

describe('buildGatesCheck', () => {
  it('renders the gate table with evidence as the readable fixture (gates-summary.md)', () => {
    const model = analysePlan(fixture('gates-plan.md'), { file: PATH });
    const evidence = {
      'code review': { review: { approvals: 2 } },
      'Unit Tests': { check: 'coverage' },
    };
    const facts: EvidenceFacts = {
      approvals: 1,
      changedFiles: ['src/export/csv.ts'],
      filesTruncated: false,
      checks: new Map([['coverage', { state: 'success', detail: 'success', kind: 'check run' }]]),
    };
    const gates = evaluateGates([{ path: PATH, model }], evidence, facts);
    const spec = buildGatesCheck({ planPaths: [PATH], gates, checks: defaultConfig().checks });
    expectFixture('gates-summary.md', spec.summary);
    expect(spec.conclusion).toBe('failure');
    expect(spec.title).toBe('5 gates: 2 pending, 1 with warnings, 1 waived, 1 passing');
    // The plan claims ✅ for Code Review; one approval of two does not prove it.
    expect(spec.annotations).toEqual([
      {
        path: PATH,
        start_line: 33,
        end_line: 33,
        annotation_level: 'warning',
        title: 'gate-evidence-disagrees',
        message: 'The plan marks **Code Review** as passed, but the evidence does not support it: 1 of 2 required approvals.',
      },
    ]);
  });

  it('fails when any gate fails', () => {
    const spec = buildGatesCheck({ planPaths: [PATH], gates: evaluated([gate('A', 'pass'), gate('B', 'fail')]), checks: defaultConfig().checks });
    expect(spec).toMatchObject({ conclusion: 'failure', title: '2 gates: 1 failing, 1 passing' });
  });

  it('pending and unknown gates fail by default, or are neutral when configured', () => {
    const gates = evaluated([gate('A', 'pass'), gate('B', 'pending'), gate('C', 'unknown', 'TBD')]);
    expect(buildGatesCheck({ planPaths: [PATH], gates, checks: defaultConfig().checks }).conclusion).toBe('failure');
    const neutral = { ...defaultConfig().checks, pending_conclusion: 'neutral' as const };
    expect(buildGatesCheck({ planPaths: [PATH], gates, checks: neutral }).conclusion).toBe('neutral');
  });

  it('succeeds when every gate passes or is waived; a warning is neutral', () => {
    const checks = defaultConfig().checks;
    const passing = buildGatesCheck({ planPaths: [PATH], gates: evaluated([gate('A', 'pass'), gate('B', 'waived')]), checks });
    expect(passing).toMatchObject({ conclusion: 'success', title: 'All 2 gates pass' });
    expect(buildGatesCheck({ planPaths: [PATH], gates: evaluated([gate('A', 'pass'), gate('B', 'warn')]), checks }).conclusion).toBe('neutral');
  });

  it('is neutral, and says why, when no plan has a gate table', () => {
    const spec = buildGatesCheck({ planPaths: [PATH], gates: [], checks: defaultConfig().checks });
    expect(spec).toMatchObject({ conclusion: 'neutral', title: 'No quality gates', annotations: [] });
    expect(spec.summary).toContain('This plan has no quality gate table.');
  });

  it('escapes pipes and line breaks so each value stays in its cell', () => {
    const table = gateTable(evaluated([{ name: 'A|B', criteria: 'x | y\nz', status: 'pass', raw: '✅ a|b', line: 3 }]), false);
    expect(table.split('\n')[2]).toBe('| A\\|B | x \\| y<br>z | ✅ pass | ✅ a\\|b |');
  });
});

describe('gate text is rendered safely and within limits (issue 13)', () => {
  // GitHub's renderer, as near as remark gets: GFM tables, raw HTML kept.
  const render = async (markdown: string) => {
    const { unified } = await import('unified');
    const { default: remarkParse } = await import('remark-parse');
    const { default: remarkGfm } = await import('remark-gfm');
    const { default: remarkRehype } = await import('remark-rehype');
    const { default: rehypeStringify } = await import('rehype-stringify');
    return String(
      await unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).process(markdown),
    );
  };
  const withCriteria = (name: string, criteria: string, status: Gate['status']): Gate => ({ name, criteria, status, raw: status, line: 10 });

  it('an unclosed <!-- in one cell hides no following row, and no ping, reference or HTML goes live', async () => {
    const gates = evaluated([
      withCriteria('Review by @someone @acme/security-team', 'see #1 and acme/web#1 <img src=https://evil.example/g.png>', 'pass'),
      withCriteria('Docs', 'left open <!-- oops', 'pass'),
      withCriteria('Security', 'must not be hidden', 'fail'),
    ]);
    const spec = buildGatesCheck({ planPaths: [PATH], gates, checks: defaultConfig().checks });
    const html = await render(spec.summary);
    expect(html.match(/<tr>/g)).toHaveLength(4); // header + 3 gates
    expect(html).toContain('Security');
    expect(html).not.toMatch(/<img|<!--/);
    const live = html.replace(/<code>[\s\S]*?<\/code>/g, '');
    expect(live).not.toMatch(/@someone|@acme|#1/);
  });

  it('a 100,000-character gate name is shortened in its cell and every row is still shown', () => {
    const gates = evaluated([gate('G'.repeat(100_000), 'pass'), gate('Second', 'fail'), gate('Third', 'pending')]);
    const spec = buildGatesCheck({ planPaths: [PATH], gates, checks: defaultConfig().checks });
    expect(spec.summary.length).toBeLessThanOrEqual(65_535);
    expect(spec.summary).toContain('… (shortened)');
    expect(spec.summary).toContain('| Second |');
    expect(spec.summary).toContain('| Third |');
    expect(spec.summary).not.toMatch(/only the first/);
  });

  it('many gates with long criteria all keep their rows within 65,535 characters', () => {
    const gates = evaluated(Array.from({ length: 300 }, (_, i) => withCriteria(`Gate ${i}`, 'c'.repeat(5_000), 'pass')));
    const spec = buildGatesCheck({ planPaths: [PATH], gates, checks: defaultConfig().checks });
    expect(spec.summary.length).toBeLessThanOrEqual(65_535);
    expect(spec.summary).toContain('| Gate 299 |');
  });
});
