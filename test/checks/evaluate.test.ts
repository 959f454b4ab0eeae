import { describe, expect, it } from '@jest/globals';
import { buildCheckRuns, type EvaluationInput } from '../../src/checks/evaluate.js';
import { defaultConfig, DEFAULT_BRANCH_PATTERN } from '../../src/config/schema.js';
import { featureFromBranch } from '../../src/plan/feature.js';
import { analysePlan } from '../../src/plan/index.js';
import type { PullRequestPlans } from '../../src/changed-plans/plans.js';
import { fixture } from './github-mock.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const PATH = 'specs/001-user-auth/plan.md';

function plansOf(overrides: Partial<PullRequestPlans> = {}): PullRequestPlans {
  return {
    config: defaultConfig(),
    problems: [],
    feature: featureFromBranch('001-user-auth', DEFAULT_BRANCH_PATTERN),
    expectedPath: PATH,
    plans: [],
    missing: false,
    changedFiles: [],
    readErrors: [],
    removedFiles: [],
    filesTruncated: false,
    headSha: SHA,
    ...overrides,
  };
}

const completePlan = () => {
  const content = fixture('complete-plan.md');
  return { path: PATH, feature: '001-user-auth', content, blobSha: 'b', ref: SHA, model: analysePlan(content, { file: PATH }) };
};

function input(plans: PullRequestPlans, mergeGroup = false): EvaluationInput {
  return {
    repo: { owner: 'acme', repo: 'web' },
    plans,
    facts: { approvals: null, changedFiles: [], filesTruncated: false, checks: new Map() },
    headRepository: 'acme/web',
    mergeGroup,
  };
}

const summary = (specs: ReturnType<typeof buildCheckRuns>) => specs.map((spec) => `${spec.name}=${spec.conclusion}`);

describe('buildCheckRuns', () => {
  it('a complete plan: plan and gates checks, both green, with both buttons on the plan check', () => {
    const specs = buildCheckRuns(input(plansOf({ plans: [completePlan()] })));
    expect(summary(specs)).toEqual(['planbot / plan=success', 'planbot / quality gates=success']);
    expect(specs[0].actions?.map((action) => action.identifier)).toEqual(['sync_issues', 'recheck']);
    expect(specs[1].actions).toBeUndefined();
  });

  it('per-gate mode adds one run per gate', () => {
    const config = defaultConfig();
    config.checks.per_gate = true;
    const specs = buildCheckRuns(input(plansOf({ config, plans: [completePlan()] })));
    expect(specs.map((spec) => spec.name)).toEqual([
      'planbot / plan',
      'planbot / quality gates',
      'planbot / gate: Code Review',
      'planbot / gate: Unit Tests',
      'planbot / gate: Documentation',
    ]);
  });

  it('an invalid config gives only the failing plan check', () => {
    const problems = [{ file: '.github/planbot.yml', key: 'checks', line: 2, message: 'bad' }];
    const specs = buildCheckRuns(input(plansOf({ problems, plans: [completePlan()] })));
    expect(summary(specs)).toEqual(['planbot / plan=failure']);
    expect(specs[0].title).toBe('Invalid configuration: 1 problem in .github/planbot.yml');
  });

  it('checks disabled: nothing', () => {
    const config = defaultConfig();
    config.checks.enabled = false;
    expect(buildCheckRuns(input(plansOf({ config, plans: [completePlan()] })))).toEqual([]);
  });

  it('no feature and no plan: nothing on a pull request, skipped runs on a merge group', () => {
    const plans = plansOf({ feature: null, expectedPath: null });
    expect(buildCheckRuns(input(plans))).toEqual([]);
    const specs = buildCheckRuns(input(plans, true));
    expect(summary(specs)).toEqual(['planbot / plan=skipped', 'planbot / quality gates=skipped']);
  });

  it('a missing plan: the plan check alone, with only the Re-check button', () => {
    const specs = buildCheckRuns(input(plansOf({ missing: true })));
    expect(summary(specs)).toEqual(['planbot / plan=action_required']);
    expect(specs[0].actions?.map((action) => action.identifier)).toEqual(['recheck']);
  });

  it('merge groups get no buttons', () => {
    const specs = buildCheckRuns(input(plansOf({ plans: [completePlan()] }), true));
    expect(specs[0].actions).toEqual([]);
  });

  it('no Sync issues button when issue sync is disabled', () => {
    const config = defaultConfig();
    config.issues.enabled = false;
    const specs = buildCheckRuns(input(plansOf({ config, plans: [completePlan()] })));
    expect(specs[0].actions?.map((action) => action.identifier)).toEqual(['recheck']);
  });
});
