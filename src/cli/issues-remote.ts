// `planbot issues --dry-run --repo OWNER/NAME --ref BRANCH`: what the app would do to the issues
// right now, read from the real repository through the app's own GitHub boundary and decided by
// the app's own reconciler (planFeatureSync). Reads only: the client refuses writes.
import type { Logger } from 'pino';
import { buildJob } from '../job/build-job.js';
import type { ConfigProblem } from '../config/load.js';
import { formatConfigProblem } from '../config/problems.js';
import type { GitHub, RepoCoordinates, RepositoryData } from '../github/github.js';
import { statusOf } from '../github/errors.js';
import { ReadOnlyViolation } from '../github/token-github.js';
import { KeyedMutex } from '../job/feature-lock.js';
import type { Job } from '../job/job.js';
import { planAnalysisCache } from '../plan/analysis-cache.js';
import { describeAction, planFeatureSync, syncActionJson, type FeatureSyncPlan } from '../sync/dry-run.js';
import { boardActionJson, describeBoardAction } from '../projects/actions.js';
import { planBoardAfter, type BoardOutcome } from '../sync/board-step.js';
import { cliLogger } from './cli-logger.js';
import { githubFromEnv } from './github-from-env.js';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { plansOfRef, type SyncTarget } from './ref-plans.js';

/** GitHub answered, but not with what was asked for (5xx, rate limits, network): exit 1. */
export const EXIT_GITHUB = 1;

export interface RemoteDryRun {
  repo: string;
  ref: string;
  /** The plan's path in the repository; null: the plans the ref's feature has. */
  plan: string | null;
  json: boolean;
}

export async function runRemoteDryRun(options: RemoteDryRun, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const [owner, repo] = options.repo.split('/');
  const where = { owner, repo };
  const github = githubFromEnv(env, 'issues', (message) => io.stderr(`planbot: ${message}\n`));
  const log = cliLogger(io, env);
  try {
    return await dryRun(github, where, options, io, log);
  } catch (error) {
    throw asCliError(error, options, github.apiBaseUrl);
  }
}

async function dryRun(github: GitHub, where: RepoCoordinates, options: RemoteDryRun, io: CliIo, log: Logger): Promise<number> {
  const repository = await github.getRepository(where);
  const job = cliJob(github, where, log);
  const { config, problems } = await job.config();
  if (problems.length > 0) return nothing(io, options, '.github/planbot.yml is invalid', configProblemsNote(problems));
  if (!config.issues.enabled) return nothing(io, options, 'issue sync is turned off (issues.enabled: false)', 'issue sync is turned off in .github/planbot.yml (issues.enabled: false): the app would do nothing');

  const found = await plansOfRef(job, repository, options.ref, options.plan);
  for (const note of found.notes) io.stderr(`planbot: ${note}\n`);
  if (found.targets.length === 0) {
    throw new CliError(`issues: found no plan for ${options.ref} in ${options.repo}${found.looked ? ` (looked at ${found.looked})` : ''}; name one with --plan PATH`);
  }

  const results: Planned[] = [];
  for (const target of found.targets) {
    const input = { github, where, config, log, repoUrl: webUrl(repository), ...target };
    const plan = await planFeatureSync(input);
    // The Project board's changes too (`projects` configured): one board read per feature.
    results.push({ target, plan, board: await planBoardAfter(input, plan) });
  }
  if (options.json) {
    const actions = results.flatMap(({ target, plan, board }) => [
      ...plan.actions.map((action) => ({ ...syncActionJson(action, plan), plan: target.planPath })),
      ...(board?.actions ?? []).map((action) => ({ ...boardActionJson(action), plan: target.planPath })),
    ]);
    io.stdout(`${JSON.stringify({ actions }, null, 2)}\n`);
    for (const { target, plan } of results) if (plan.message) io.stderr(`planbot: ${target.planPath}: ${plan.message}\n`);
  } else {
    io.stdout(describe(options, results));
  }
  for (const { target, plan, board } of results) {
    for (const finding of plan.findings) io.stderr(`${target.planPath}:${finding.line}  ${finding.severity}  ${finding.rule}  ${finding.message}\n`);
    for (const problem of board?.problems ?? []) io.stderr(`planbot: ${formatConfigProblem(problem)}\n`);
    for (const note of board?.notes ?? []) io.stderr(`planbot: ${target.planPath}: ${note}\n`);
  }
  return EXIT_OK;
}

/** A Job like the app's for one delivery, built by the app's own builder: config is loaded the app's way. */
function cliJob(github: GitHub, where: RepoCoordinates, log: Logger): Job {
  return buildJob({
    delivery: { id: `cli-dry-run-${process.pid}`, name: 'dry-run', payload: { repository: { owner: { login: where.owner }, name: where.repo } } },
    github,
    log,
    identity: { login: async () => null },
    lock: new KeyedMutex(),
    analyses: planAnalysisCache,
  });
}

function webUrl(repository: RepositoryData): string | undefined {
  return repository.html_url?.replace(/\/+$/, '') || undefined;
}

type Planned = { target: SyncTarget; plan: FeatureSyncPlan; board: BoardOutcome | null };

function describe(options: RemoteDryRun, results: Planned[]): string {
  const total = results.reduce((sum, { plan, board }) => sum + plan.actions.length + (board?.actions.length ?? 0), 0);
  const lines = [`Dry run against ${options.repo} at ${options.ref}: nothing was written.`];
  for (const { target, plan, board } of results) {
    lines.push('', `${target.planPath} (feature ${target.feature}):`);
    if (plan.status !== 'planned') lines.push(`  ${plan.message}`);
    else if (plan.actions.length === 0) lines.push('  nothing to do: the issues match the plan');
    else lines.push(...plan.actions.map((action) => `  ${describeAction(action, plan)}`));
    if (board && board.status !== 'off') lines.push(...boardLines(board));
  }
  lines.push('', total === 0 ? 'Nothing to do.' : `${total} ${total === 1 ? 'action' : 'actions'} the app would apply now.`);
  return `${lines.join('\n')}\n`;
}

function boardLines(board: BoardOutcome): string[] {
  if (board.actions.length > 0) return ['  Project board:', ...board.actions.map((action) => `    ${describeBoardAction(action)}`)];
  if (board.status === 'planned' || board.status === 'unchanged') return ['  Project board: nothing to do'];
  return [];
}

/** The app would make no change at all: say why, and print an empty list. */
function nothing(io: CliIo, options: RemoteDryRun, reason: string, details: string): number {
  io.stderr(`planbot: ${details}\n`);
  io.stdout(options.json ? `${JSON.stringify({ actions: [] }, null, 2)}\n` : `Dry run against ${options.repo} at ${options.ref}: nothing to do, ${reason}.\n`);
  return EXIT_OK;
}

function configProblemsNote(problems: ConfigProblem[]): string {
  return [`.github/planbot.yml is invalid, so the app makes no changes until it is fixed:`, ...problems.map((problem) => `  ${formatConfigProblem(problem)}`)].join('\n');
}

/** One line for what went wrong on the way to GitHub: 2 when the token or the names are wrong, 1 otherwise. */
function asCliError(error: unknown, options: RemoteDryRun, apiBaseUrl: string): unknown {
  if (error instanceof CliError) return error;
  if (error instanceof ReadOnlyViolation) return new CliError(`issues: ${error.message}`, EXIT_GITHUB);
  const status = statusOf(error);
  const said = githubMessage(error);
  // Octokit reports a request that got no answer at all (refused, DNS, TLS) as a 500 without a response.
  const answered = (error as { response?: unknown })?.response !== undefined;
  if (status === 401) return new CliError(`issues: GitHub refused GITHUB_TOKEN (401${said ? `: ${said}` : ''})`, EXIT_USAGE);
  // A 403 that is no rate limit: the token lacks a permission (contents, issues or pull requests: read).
  if (status === 403 && answered && !/rate limit/i.test(said)) return new CliError(`issues: GitHub refused GITHUB_TOKEN for ${options.repo} (403${said ? `: ${said}` : ''})`, EXIT_USAGE);
  if (status === 404) return new CliError(`issues: ${options.repo} or ${options.ref} was not found, or GITHUB_TOKEN cannot read it (404)`, EXIT_USAGE);
  if (status !== undefined && answered) return new CliError(`issues: GitHub answered ${status}${said ? `: ${said}` : ''}`, EXIT_GITHUB);
  const message = (error as Error)?.message ?? String(error);
  const code = (error as { cause?: { cause?: { code?: string } } })?.cause?.cause?.code;
  const why = code && !message.includes(code) ? `${message} (${code})` : message;
  return new CliError(`issues: could not reach GitHub at ${apiBaseUrl}: ${why}`, EXIT_GITHUB);
}

function githubMessage(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown } } })?.response?.data;
  return typeof data?.message === 'string' ? data.message : '';
}
