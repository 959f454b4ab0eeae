import { describe, expect, it } from '@jest/globals';
import { analysePlan, type Finding } from '../../src/plan/index.js';
import { buildPlanCheck, type PlanCheckInput } from '../../src/checks/plan-check.js';
import { RECHECK, SYNC_ISSUES } from '../../src/checks/actions.js';
import { featureFromBranch } from '../../src/plan/feature.js';
import { DEFAULT_BRANCH_PATTERN } from '../../src/config/schema.js';
import { fixture } from './github-mock.js';
import { expectFixture } from './expect-fixture.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const PATH = 'specs/001-user-auth/plan.md';

function input(overrides: Partial<PlanCheckInput> = {}): PlanCheckInput {
  return {
    repo: { owner: 'acme', repo: 'web' },
    headSha: SHA,
    plans: [],
    readErrors: [],
    missing: null,
    filesTruncated: false,
    noPlanConclusion: 'action_required',
    maxAnnotations: 500,
    actions: [SYNC_ISSUES, RECHECK],
    ...overrides,
  };
}

const finding = (line: number, severity: Finding['severity'] = 'error', rule = 'placeholder'): Finding => ({
  rule,
  severity,
  line,
  message: `${rule} at ${line}`,
});

describe('buildPlanCheck', () => {
  it('renders a partly filled plan as the readable fixture (plan-summary.md)', () => {
    const model = analysePlan(fixture('partial-plan.md'), { file: PATH });
    const spec = buildPlanCheck(input({ plans: [{ path: PATH, model }] }));
    expectFixture('plan-summary.md', spec.summary);
    expect(spec.conclusion).toBe('failure');
    expect(spec.title).toBe('Plan incomplete: 13 errors, 4 warnings');
  });

  it('annotates every finding on its line: level from severity, title = rule id', () => {
    const plans = [{ path: PATH, model: { findings: [finding(3), finding(9, 'warning', 'gate-pending'), finding(0, 'notice', 'style')] } }];
    const spec = buildPlanCheck(input({ plans }));
    expect(spec.annotations).toEqual([
      { path: PATH, start_line: 3, end_line: 3, annotation_level: 'failure', title: 'placeholder', message: 'placeholder at 3' },
      { path: PATH, start_line: 9, end_line: 9, annotation_level: 'warning', title: 'gate-pending', message: 'gate-pending at 9' },
      // A finding without a line (0) still needs a valid annotation line.
      { path: PATH, start_line: 1, end_line: 1, annotation_level: 'notice', title: 'style', message: 'style at 0' },
    ]);
  });

  it('succeeds with warnings only, and says so in the title', () => {
    const spec = buildPlanCheck(input({ plans: [{ path: PATH, model: { findings: [finding(4, 'warning', 'gate-pending')] } }] }));
    expect(spec.conclusion).toBe('success');
    expect(spec.title).toBe('Plan complete, 1 warning');
  });

  it('a plan with no findings is complete', () => {
    const spec = buildPlanCheck(input({ plans: [{ path: PATH, model: { findings: [] } }] }));
    expect(spec).toMatchObject({ conclusion: 'success', title: 'Plan complete', annotations: [] });
    expect(spec.summary).toContain('✅ The plan is complete: no findings.');
  });

  it('groups findings by rule with counts, errors first, each linked to its line', () => {
    const plans = [{ path: PATH, model: { findings: [finding(2, 'warning', 'gate-pending'), finding(5), finding(7)] } }];
    const summary = buildPlanCheck(input({ plans })).summary;
    expect(summary).toContain('| `placeholder` | error | 2 |\n| `gate-pending` | warning | 1 |');
    expect(summary.indexOf('#### ❌ `placeholder` (2)')).toBeLessThan(summary.indexOf('#### ⚠️ `gate-pending` (1)'));
    expect(summary).toContain(`- [Line 5](https://github.com/acme/web/blob/${SHA}/specs/001-user-auth/plan.md#L5): placeholder at 5`);
  });

  it('covers two plans in one run: overview row and section per plan, annotations per file', () => {
    const other = 'apps/api/specs/002-export/plan.md';
    const spec = buildPlanCheck(
      input({ plans: [{ path: PATH, model: { findings: [finding(3)] } }, { path: other, model: { findings: [finding(8, 'warning')] } }] }),
    );
    expect(spec.title).toBe('Plan incomplete: 1 error, 1 warning across 2 plans');
    expect(spec.summary).toContain(`| \`${PATH}\` | 1 | 0 | 0 |\n| \`${other}\` | 0 | 1 | 0 |`);
    expect(spec.summary).toContain(`### \`${other}\``);
    expect(spec.annotations.map((annotation) => annotation.path)).toEqual([PATH, other]);
  });

  it('a missing plan uses the configured conclusion and explains the three ways to add one', () => {
    const feature = featureFromBranch('feat/001-user-auth', DEFAULT_BRANCH_PATTERN)!;
    const missing = { feature, expectedPath: PATH, headSha: SHA, headRepository: 'acme/web' };
    const spec = buildPlanCheck(input({ missing, actions: [RECHECK] }));
    expect(spec.conclusion).toBe('action_required');
    expect(spec.title).toBe('No plan for 001-user-auth');
    expect(spec.detailsUrl).toBe('https://github.com/acme/web/new/feat/001-user-auth?filename=specs%2F001-user-auth%2Fplan.md');
    expect(spec.summary).toContain('comment `/planbot init` on this pull request');
    expect(spec.summary).toContain('run `planbot init` in your checkout');
    expect(buildPlanCheck(input({ missing, noPlanConclusion: 'neutral' })).conclusion).toBe('neutral');
  });

  it('a plan that could not be read fails the check and says why', () => {
    const spec = buildPlanCheck(input({ readErrors: [{ path: PATH, message: `${PATH} is 6000000 bytes; planbot reads files up to 5242880 bytes` }] }));
    expect(spec.conclusion).toBe('failure');
    expect(spec.title).toBe('1 plan could not be checked');
    expect(spec.summary).toContain('### Plans planbot could not check');
    expect(spec.summary).toContain('is 6000000 bytes');
  });

  it('keeps at most maxAnnotations annotations and notes how many were left out', () => {
    const findings = Array.from({ length: 12 }, (_, index) => finding(index + 1));
    const spec = buildPlanCheck(input({ plans: [{ path: PATH, model: { findings } }], maxAnnotations: 10 }));
    expect(spec.annotations).toHaveLength(10);
    expect(spec.summary).toContain('The first 10 of 12 findings are annotated on their lines; all are listed below.');
    expect(spec.summary.match(/^- \[Line/gm)).toHaveLength(12);
  });

  it('notes a truncated changed-file list', () => {
    const spec = buildPlanCheck(input({ plans: [{ path: PATH, model: { findings: [] } }], filesTruncated: true }));
    expect(spec.summary).toContain('GitHub lists at most 3,000 changed files of a pull request');
  });
});

describe('plan text quoted in findings is neutralised (issue 13)', () => {
  it('a finding quoting a mention, a reference or an open comment pings, links and hides nothing', () => {
    const hostile: Finding = { rule: 'placeholder', severity: 'error', line: 3, message: 'Placeholder `TODO` for @acme/security-team, see #1 <!-- and <img src=x>' };
    const spec = buildPlanCheck(input({ plans: [{ path: PATH, model: { findings: [hostile, finding(9)] } }] }));
    const outsideCode = spec.summary.replace(/`[^`\n]+`/g, '');
    expect(outsideCode).not.toMatch(/@acme|#1\b|<!--|<img/);
    expect(spec.summary).toContain('placeholder at 9');
  });
});
