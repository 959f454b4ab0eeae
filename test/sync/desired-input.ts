// The desired state of feature 001-x in acme/web, for the reconciler's unit tests.
import { parsePlan, type PlanModel } from '../../src/plan/index.js';
import { defaultConfig, type PlanbotConfig } from '../../src/config/schema.js';
import { buildDesired, type DesiredFeature, type DesiredInput } from '../../src/sync/desired.js';

export function desiredInput(plan: PlanModel, overrides: Partial<Omit<DesiredInput, 'issues'>> & { issues?: Partial<PlanbotConfig['issues']> } = {}): DesiredInput {
  const { issues, ...rest } = overrides;
  return {
    owner: 'acme',
    repo: 'web',
    feature: '001-x',
    planPath: 'specs/001-x/plan.md',
    defaultPlanPath: 'specs/001-x/plan.md',
    branch: '001-x',
    repoUrl: 'https://github.com/acme/web',
    plan,
    tasks: null,
    tasksPath: null,
    author: 'octocat',
    ...rest,
    issues: { ...defaultConfig().issues, ...issues },
  };
}

/** Desired issues for a plan's markdown; `kind: 'tasks'` treats it as a spec-kit tasks.md. */
export function desiredFor(markdown: string, kind: 'plan' | 'tasks' = 'plan'): DesiredFeature {
  if (kind === 'plan') return buildDesired(desiredInput(parsePlan(markdown)));
  return buildDesired(
    desiredInput(parsePlan('# empty'), { tasks: parsePlan(markdown, { kind: 'tasks' }), tasksPath: 'specs/001-x/tasks.md', author: null, issues: { source: 'tasks' } }),
  );
}
