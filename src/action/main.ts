// The GitHub Action (action.yml): lints the plans a pull request changes (or all plans), writes
// annotations as workflow commands, the check runs' summaries to the job summary, and exits by
// `fail-on`. Same engine, config schema and rendering as the app; no network and no token.
import { appendFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analysePlan, type Finding, type Severity } from '../plan/index.js';
import { featureFromBranch, renderPlanPath } from '../plan/feature.js';
import { defaultConfig, type PlanbotConfig } from '../config/schema.js';
import { formatConfigProblem } from '../config/problems.js';
import { buildConfigErrorCheck } from '../checks/config-error.js';
import { buildPlanCheck } from '../checks/plan-check.js';
import { buildGatesCheck } from '../checks/gates-check.js';
import { evaluateGates } from '../checks/gates.js';
import { analyseFiles } from '../cli/analyse-files.js';
import { checkConfigText, CONFIG_RELATIVE_PATH } from '../cli/config-file.js';
import { CliError, type CliIo } from '../cli/io.js';
import { readTextFile } from '../cli/read-input.js';
import { workflowCommand, escapeData, escapeProperty } from '../cli/workflow-commands.js';
import { changedFiles, pullRequestOf, type PullRequestFacts } from './changed-files.js';
import { findPlans, globFromPlanPath, matcher } from './find-plans.js';
import { InputError, readInputs, type FailOn } from './inputs.js';

export const EXIT_PASS = 0;
export const EXIT_FAIL = 1;

/** Runs the Action for `env` (process.env in a workflow); returns the exit code. */
export async function runAction(env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  const summary = (markdown: string) => {
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
  };
  try {
    return await run(env, io, summary);
  } catch (error) {
    if (!(error instanceof InputError) && !(error instanceof CliError)) throw error;
    io.stdout(`::error title=planbot::${escapeData(error.message)}\n`);
    summary(`## planbot\n\n❌ ${error.message}\n`);
    return EXIT_FAIL;
  }
}

async function run(env: NodeJS.ProcessEnv, io: CliIo, summary: (markdown: string) => void): Promise<number> {
  const inputs = readInputs(env);
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());

  const configPath = inputs.config ?? (existsSync(join(workspace, CONFIG_RELATIVE_PATH)) ? CONFIG_RELATIVE_PATH : null);
  let config: PlanbotConfig = defaultConfig();
  if (configPath) {
    const checked = checkConfigText(await readTextFile(resolve(workspace, configPath)), configPath);
    if (!checked.config) {
      // Same words as the app's check run and `planbot config`; an unusable config always fails.
      for (const problem of checked.problems) {
        io.stdout(`${workflowCommand({ severity: 'error', file: configPath, line: problem.line ?? 1, column: problem.column ?? undefined, title: 'planbot config', message: `${problem.key ? `${problem.key}: ` : ''}${problem.message}` })}\n`);
      }
      summary(buildConfigErrorCheck(checked.problems, []).summary);
      io.stderr(`planbot: ${configPath} is invalid:\n${checked.problems.map((problem) => `  ${formatConfigProblem(problem)}`).join('\n')}\n`);
      return EXIT_FAIL;
    }
    config = checked.config;
  }

  const glob = inputs.path ?? globFromPlanPath(config.plan.path);
  const all = findPlans(workspace, glob);
  const pr = pullRequestOf(env.GITHUB_EVENT_PATH);
  const scope = pr ? await pullRequestScope(workspace, pr, glob, all, config) : { plans: all, note: null };
  const plans = scope.plans;

  const { models, failures } = await analyseFiles(plans, 'plan', config, { analyse: analysePlan, root: workspace });
  const readErrors = failures.map((failure) => ({ path: pathOf(failure.message, workspace), message: failure.message.split(`${workspace}/`).join('') }));
  const linted = models.map((model) => ({ path: model.file ?? '', model }));
  const findings = linted.flatMap(({ path, model }) => model.findings.map((finding) => ({ path, finding })));

  for (const { path, finding } of findings) {
    io.stdout(`${workflowCommand({ severity: finding.severity, file: path, line: finding.line, column: finding.column, title: `planbot ${finding.rule}`, message: finding.message })}\n`);
  }
  for (const failure of readErrors) io.stdout(`::error file=${escapeProperty(failure.path)},title=planbot::${escapeData(failure.message)}\n`);

  const repo = repoOf(env.GITHUB_REPOSITORY);
  const headSha = pr?.headSha ?? env.GITHUB_SHA ?? 'HEAD';
  const planCheck = buildPlanCheck({
    repo,
    headSha,
    plans: linted,
    readErrors,
    missing: null,
    filesTruncated: false,
    noPlanConclusion: config.checks.no_plan_conclusion,
    // Annotations go out as workflow commands above; the summary lists every finding.
    maxAnnotations: Number.MAX_SAFE_INTEGER,
    actions: [],
  });
  // Evidence (approvals, other checks) needs the API: the Action judges gates by what the plan says.
  const gates = evaluateGates(linted, {}, { approvals: null, changedFiles: [], filesTruncated: false, checks: new Map() });
  const gatesCheck = buildGatesCheck({ planPaths: linted.map((plan) => plan.path), gates, checks: config.checks });

  const counts = tally(findings.map(({ finding }) => finding));
  const failed = readErrors.length > 0 || failsOn(inputs.failOn, counts);
  const lines = [
    '## planbot',
    '',
    `${failed ? '❌' : '✅'} ${plans.length === 0 ? 'No plan to check' : `Checked ${plans.length} plan${plans.length === 1 ? '' : 's'}`} (\`${glob}\`${pr ? ', changed in this pull request' : ''}): ` +
      `${counts.error} errors, ${counts.warning} warnings, ${counts.notice} notices; fail-on: \`${inputs.failOn}\`.`,
    '',
    ...(scope.note ? [`> [!NOTE]\n> ${scope.note}`, ''] : []),
  ];
  summary(`${lines.join('\n')}\n`);
  if (plans.length > 0) {
    summary(`${planCheck.summary.trimEnd()}\n\n`);
    summary(`${gatesCheck.summary.trimEnd()}\n`);
    if (Object.keys(config.gates.evidence).length > 0) {
      summary('\n> [!NOTE]\n> `gates.evidence` (approvals, other checks) is judged by the planbot app; this Action shows what each plan says.\n');
    }
  }
  io.stderr(`planbot: ${plans.length} plan(s), ${counts.error} errors, ${counts.warning} warnings, ${counts.notice} notices${failed ? ` — failing (fail-on: ${inputs.failOn})` : ''}\n`);
  return failed ? EXIT_FAIL : EXIT_PASS;
}

/** The plans the pull request changes, plus its branch's own plan; all plans when git cannot tell. */
async function pullRequestScope(workspace: string, pr: PullRequestFacts, glob: string, all: string[], config: PlanbotConfig) {
  const changed = await changedFiles(workspace, pr);
  if (changed === null) {
    return {
      plans: all,
      note: 'The checkout does not hold the pull request\'s base commit, so every plan was checked. Check out with `fetch-depth: 0` to check only the plans the pull request changes.',
    };
  }
  const isPlan = matcher(glob);
  const plans = new Set(changed.filter((path) => isPlan(path)));
  // Like the app: a feature branch's own plan is checked even when this push did not touch it.
  const ref = featureFromBranch(pr.headRef, config.branches.pattern);
  const own = ref ? renderPlanPath(config.plan.path, ref) : null;
  if (own && all.includes(own)) plans.add(own);
  return { plans: [...plans].sort(), note: null };
}

type Counts = Record<Severity, number>;

function tally(findings: Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, notice: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

function failsOn(failOn: FailOn, counts: Counts): boolean {
  if (failOn === 'never') return false;
  return counts.error > 0 || (failOn === 'warning' && counts.warning > 0);
}

function repoOf(repository: string | undefined): { owner: string; repo: string } {
  const [owner, repo] = (repository ?? '').split('/');
  return owner && repo ? { owner, repo } : { owner: 'OWNER', repo: 'REPO' };
}

/** A read failure's message starts with the absolute path it was read at; name it by its workspace path. */
function pathOf(message: string, workspace: string): string {
  const path = message.split(': ')[0];
  return path.startsWith(workspace) ? path.slice(workspace.length + 1) : path;
}
