// From what a pull request (or merge group) carries to the check runs planbot wants on it. Pure:
// every GitHub fact arrives as data, so each decision here is tested without HTTP.
import type { CheckRunSpec } from './check-run-spec.js';
import type { RepoCoordinates } from '../github/github.js';
import type { PullRequestPlans } from '../changed-plans/plans.js';
import { RECHECK, SYNC_ISSUES, type CheckAction } from './actions.js';
import { buildConfigErrorCheck } from './config-error.js';
import type { EvidenceFacts } from './evidence.js';
import { buildGateChecks } from './gate-checks.js';
import { buildGatesCheck } from './gates-check.js';
import { evaluateGates } from './gates.js';
import { GATES_CHECK, PLAN_CHECK } from './names.js';
import { buildPlanCheck } from './plan-check.js';

/** Each 50 annotations cost one request; all findings are listed in the summary regardless. */
export const MAX_ANNOTATIONS = 500;

export interface EvaluationInput {
  repo: RepoCoordinates;
  plans: PullRequestPlans;
  facts: EvidenceFacts;
  /** `owner/repo` of the head branch (a fork's for fork pull requests). */
  headRepository: string;
  /** Merge groups get no buttons, and get `skipped` runs when there is nothing to check. */
  mergeGroup: boolean;
}

export function buildCheckRuns(input: EvaluationInput): CheckRunSpec[] {
  const { plans, mergeGroup } = input;
  const { config } = plans;
  if (plans.problems.length > 0) return [buildConfigErrorCheck(plans.problems, mergeGroup ? [] : [RECHECK])];
  if (!config.checks.enabled) return [];

  const nothingToCheck = plans.plans.length === 0 && plans.readErrors.length === 0 && !plans.missing;
  if (nothingToCheck) return mergeGroup ? skippedRuns() : [];

  const actions: CheckAction[] = mergeGroup
    ? []
    : [...(config.issues.enabled && plans.plans.length > 0 ? [SYNC_ISSUES] : []), RECHECK];
  const planCheck = buildPlanCheck({
    repo: input.repo,
    headSha: plans.headSha,
    plans: plans.plans,
    readErrors: plans.readErrors,
    missing:
      plans.missing && plans.feature && plans.expectedPath
        ? { feature: plans.feature, expectedPath: plans.expectedPath, headSha: plans.headSha, headRepository: input.headRepository }
        : null,
    filesTruncated: plans.filesTruncated,
    noPlanConclusion: config.checks.no_plan_conclusion,
    maxAnnotations: MAX_ANNOTATIONS,
    actions,
  });
  // Without any plan there are no gates to judge: the plan check alone says what to do.
  if (plans.plans.length === 0) return [planCheck];

  // spec-kit checklists are gates too, each in a section of its own.
  const checklists = (plans.checklists ?? []).map((checklist) => ({ path: checklist.path, model: { gates: [checklist.gate] } }));
  const gates = evaluateGates([...plans.plans, ...checklists], config.gates.evidence, input.facts);
  const perGate = config.checks.per_gate ? buildGateChecks(gates, config.checks) : { specs: [], omitted: [] };
  const notes =
    perGate.omitted.length > 0
      ? [`${perGate.omitted.length} gates have no check run of their own (at most ${perGate.specs.length} per commit): ${perGate.omitted.join(', ')}.`]
      : [];
  const gatesCheck = buildGatesCheck({ planPaths: [...plans.plans, ...checklists].map((plan) => plan.path), gates, checks: config.checks, notes });
  return [planCheck, gatesCheck, ...perGate.specs];
}

/** Required checks must report on every merge group, or the queue waits forever. */
function skippedRuns(): CheckRunSpec[] {
  const summary = 'This merge group changes no plan and comes from no feature branch: there is nothing for planbot to check.\n';
  return [PLAN_CHECK, GATES_CHECK].map((name) => ({
    name,
    conclusion: 'skipped' as const,
    title: 'Nothing to check',
    summary,
    annotations: [],
  }));
}
