// `planbot issues --dry-run`: the issue sync's decisions, printed instead of applied.
// Against GitHub (`--repo OWNER/NAME --ref BRANCH`, src/cli/issues-remote.ts): the actions the app
// would apply now, read from the real repository. Offline (`FILE`): the issues and links the app
// would create for a local plan, computed by the same reconciler (desired from the plan, compared
// with a repository that has no planbot issues yet). Without --dry-run the command refuses.
import { basename, dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import { existsSync } from 'node:fs';
import type { PlanbotConfig } from '../config/schema.js';
import { featureFromBranch, renderPlanPath, siblingPath } from '../plan/feature.js';
import { parsePlan } from '../plan/index.js';
import { featureOfPlanPath } from '../plan/spec-directory.js';
import { doneCount } from '../plan/phase-state.js';
import { noIssues } from '../sync/actual.js';
import { buildDesired, type DesiredFeature } from '../sync/desired.js';
import { planActions, type Action, type IssueRef, type Resolve } from '../sync/plan-actions.js';
import type { BodySpec } from '../sync/actions.js';
import { renderBody } from '../sync/body-spec.js';
import { argsOrHelp, choice } from './args.js';
import { configFor } from './analyse-files.js';
import { CliError, EXIT_OK, type CliIo } from './io.js';
import { readTextFile } from './read-input.js';
import { remoteRepository } from './git.js';
import { runRemoteDryRun } from './issues-remote.js';

export const ISSUES_USAGE = `Usage: planbot issues --dry-run --repo OWNER/NAME --ref BRANCH [--plan PATH] [--json]
       planbot issues FILE --dry-run [options]

Shows what planbot's issue sync would do, and does none of it.

Against GitHub (--ref): reads the plans of BRANCH, .github/planbot.yml and the repository's
issues and their links, exactly as the app does, and prints the actions the app would apply now:
none for a feature whose issues are in sync, otherwise exactly the difference. Only reads: the
client refuses any write. Which plans: --plan PATH, else those BRANCH's pull request carries
(without an open pull request: those BRANCH changes against the default branch).
  Environment: GITHUB_TOKEN (required: a token that can read contents, issues and pull
  requests), GITHUB_API_URL (default https://api.github.com; GitHub Enterprise Server:
  https://HOST/api/v3).

Offline (FILE): the GitHub issues planbot would create for the plan FILE, one per phase plus a
tracking issue, with their titles, labels, task lists, sub-issue and blocked-by links, as if the
repository had no planbot issues yet. The issue numbers shown (#1, #2, …) are placeholders.

Options:
  --dry-run                 Required: the CLI only shows, the app syncs
  --ref BRANCH              Against GitHub: the branch (or commit SHA) to read the plans at
  --repo OWNER/NAME         With --ref: the repository  [default: the git remote (origin) here].
                            Offline: the repository the links point at  [default: the git
                            remote (origin) of FILE's checkout, else OWNER/REPO]
  --plan PATH               With --ref: only this plan (its path in the repository)
  --json                    Print the actions as JSON (with --ref: {"actions": [...]}, see docs/cli.md)

Offline only:
  --feature ID              Feature id  [default: the plan's folder, e.g. 001-user-auth]
  --branch NAME             Branch the links point at  [default: the feature id]
  --path PATH               The plan's path in the repository  [default: FILE relative to its
                            git checkout, else plan.path for the feature]
  --source auto|plan|tasks|both
                            Where phases come from  [default: issues.source from the config]
  --tasks FILE              The spec-kit tasks.md  [default: tasks.md next to FILE]
  --config FILE             planbot.yml to use  [default: ./.github/planbot.yml when present]
  --bodies                  Also print each issue's body

Exit codes: 0 it ran (whatever it found), 1 GitHub failed (5xx, rate limit, unreachable),
2 bad input or GITHUB_TOKEN missing or refused.
`;

const SOURCES = ['auto', 'plan', 'tasks', 'both'] as const;

export async function runIssuesCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await run(args, io, env);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`planbot: ${error.message}\n`);
    return error.exitCode;
  }
}

async function run(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = argsOrHelp('issues', args, {
    'dry-run': { type: 'boolean' },
    feature: { type: 'string' },
    repo: { type: 'string' },
    ref: { type: 'string' },
    plan: { type: 'string' },
    branch: { type: 'string' },
    path: { type: 'string' },
    source: { type: 'string' },
    tasks: { type: 'string' },
    config: { type: 'string' },
    bodies: { type: 'boolean' },
    json: { type: 'boolean' },
  }, { text: ISSUES_USAGE, io });
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (!values['dry-run']) {
    throw new CliError('issues: only --dry-run is supported; the app syncs issues on GitHub. Run `planbot issues --dry-run --repo OWNER/NAME --ref BRANCH` or `planbot issues FILE --dry-run`.');
  }
  if (values.ref !== undefined) return runAgainstGitHub(values, positionals, io, env);
  if (values.plan !== undefined) throw new CliError('issues: --plan names a plan in the repository and needs --ref; offline, give the plan FILE');
  if (positionals.length !== 1) throw new CliError('issues: give exactly one plan FILE. Run `planbot issues --help` for usage.');
  const [file] = positionals;
  const repo = (values.repo as string | undefined) ?? (await remoteRepository(dirname(resolvePath(file)))) ?? 'OWNER/REPO';
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new CliError(`issues: --repo must look like owner/name (got "${repo}")`);
  const loaded = await configFor(values.config as string | undefined);
  const source = choice('issues', 'source', values.source, SOURCES, loaded.issues.source);
  const config: PlanbotConfig = { ...loaded, issues: { ...loaded.issues, source } };

  const planText = await readTextFile(file);
  const plan = parsePlan(planText, { file, kind: 'plan' });
  const tasksFile = (values.tasks as string | undefined) ?? (source !== 'plan' && existsSync(join(dirname(file), 'tasks.md')) ? join(dirname(file), 'tasks.md') : null);
  const tasks = tasksFile && source !== 'plan' ? parsePlan(await readTextFile(tasksFile), { file: tasksFile, kind: 'tasks' }) : null;
  const folder = basename(dirname(resolvePath(file)));
  const feature = (values.feature as string | undefined) ?? featureOfPlanPath(`${folder}/${basename(file)}`, config.branches.pattern, plan.feature);
  const [owner, name] = repo.split('/');
  const featureRef = featureFromBranch(feature, config.branches.pattern);
  const defaultPlanPath = featureRef ? renderPlanPath(config.plan.path, featureRef) : null;
  const planPath = (values.path as string | undefined) ?? repositoryPath(file) ?? defaultPlanPath ?? basename(file);

  const desired = buildDesired({
    owner,
    repo: name,
    feature,
    planPath,
    // Titles name the feature, never a folder: the dry run shows one plan, so there is nothing to tell apart.
    defaultPlanPath: null,
    branch: (values.branch as string | undefined) ?? feature,
    repoUrl: `https://github.com/${owner}/${name}`,
    plan,
    tasks,
    tasksPath: tasks && tasksFile ? siblingPath(planPath, basename(tasksFile)) : null,
    issues: config.issues,
    author: null,
  });
  const syncPlan = planActions(desired, noIssues());
  const { actions } = syncPlan;
  const resolve = placeholderNumbers(actions);
  const render = (body: BodySpec) => renderBody(body, syncPlan, resolve);

  if (values.json) {
    io.stdout(`${JSON.stringify(actions.map((action) => actionJson(action, render)), null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout(describe(desired, actions, resolve, render, { repo, bodies: Boolean(values.bodies) }));
  for (const finding of desired.findings) io.stderr(`${planPath}:${finding.line}  ${finding.severity}  ${finding.rule}  ${finding.message}\n`);
  return EXIT_OK;
}

const OFFLINE_ONLY = ['feature', 'branch', 'path', 'source', 'tasks', 'config', 'bodies'] as const;

async function runAgainstGitHub(values: Record<string, unknown>, positionals: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  if (positionals.length > 0) throw new CliError('issues: --ref reads the plans on GitHub; give no FILE (or drop --ref to show a local FILE offline)');
  const offline = OFFLINE_ONLY.filter((name) => values[name] !== undefined);
  if (offline.length > 0) throw new CliError(`issues: ${offline.map((name) => `--${name}`).join(', ')} only apply offline (with a FILE); with --ref the repository's own config and plans are used`);
  const ref = String(values.ref).trim();
  if (!ref) throw new CliError('issues: --ref needs a branch name or a commit SHA');
  const repo = (values.repo as string | undefined) ?? (await remoteRepository(process.cwd()));
  if (!repo) throw new CliError('issues: --ref needs --repo OWNER/NAME (there is no git remote here to take it from)');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new CliError(`issues: --repo must look like owner/name (got "${repo}")`);
  const plan = (values.plan as string | undefined)?.replace(/^\/+/, '') ?? null;
  return runRemoteDryRun({ repo, ref, plan, json: Boolean(values.json) }, io, env);
}

/** FILE's path inside its git checkout, else relative to the working directory when inside it, else null. */
function repositoryPath(file: string): string | null {
  const absolute = resolvePath(file);
  for (let dir = dirname(absolute); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return relative(dir, absolute).split(sep).join('/');
    if (dirname(dir) === dir) break;
  }
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd.startsWith('..') || fromCwd === '' ? null : fromCwd.split(sep).join('/');
}

/** New issues get #1, #2, … in creation order, so bodies can be shown with their cross-references. */
function placeholderNumbers(actions: Action[]): Resolve {
  const numbers = new Map<IssueRef, number>();
  for (const action of actions) if (action.type === 'create-issue') numbers.set(action.ref, numbers.size + 1);
  return (ref) => {
    const number = numbers.get(ref);
    return number === undefined ? null : { number, id: number };
  };
}

function describe(desired: DesiredFeature, actions: Action[], resolve: Resolve, render: (body: BodySpec) => string, options: { repo: string; bodies: boolean }): string {
  const lines = [`Dry run for ${desired.planPath} (feature ${desired.feature}) in ${options.repo}: nothing is sent; issue numbers are placeholders.`, ''];
  if (actions.length === 0) return `${lines[0]}\n\nThe plan has no phases: no issues would be created.\n`;
  const name = (ref: IssueRef) => {
    const phase = desired.phases.find((candidate) => `phase:${candidate.key}` === ref);
    const task = desired.taskIssues?.find((candidate) => `task:${candidate.key}` === ref);
    return `#${resolve(ref)?.number} (${phase ? `Phase ${phase.number}` : task ? `task ${task.task.id ?? task.key}` : 'tracking issue'})`;
  };
  const creates = actions.filter((action): action is Extract<Action, { type: 'create-issue' }> => action.type === 'create-issue');
  lines.push(`Would create ${creates.length} issues:`);
  for (const action of creates) {
    const phase = desired.phases.find((candidate) => `phase:${candidate.key}` === action.ref);
    const tasks = phase ? `, ${doneCount(phase.tasks)}/${phase.tasks.length} tasks done` : '';
    const assignees = action.assignees.length ? `, assigned to ${action.assignees.join(', ')}` : '';
    lines.push(`  #${resolve(action.ref)?.number}  ${action.title}  [${action.labels.join(', ')}]${tasks}${assignees}`);
  }
  const after = actions.filter((action) => action.type === 'update-issue');
  if (after.length) lines.push('', `Then update ${after.length} of them:`, ...after.map((action) => `  ${name(action.ref as IssueRef)}: ${action.reason}`));
  const children = actions.filter((action): action is Extract<Action, { type: 'add-sub-issue' }> => action.type === 'add-sub-issue');
  const nested = children.some((action) => action.parent && action.parent !== 'tracking');
  if (children.length && !nested) lines.push('', `Would link ${children.length} sub-issues under ${name('tracking')}:`, `  ${children.map((action) => name(action.child)).join(', ')}`);
  // Sub-phases and tasks (issues.granularity: task) nest under their phase's issue.
  if (nested) lines.push('', `Would link ${children.length} sub-issues:`, ...children.map((action) => `  ${name(action.child)} under ${name(action.parent ?? 'tracking')}`));
  const blocked = actions.filter((action): action is Extract<Action, { type: 'add-blocked-by' }> => action.type === 'add-blocked-by');
  if (blocked.length) {
    lines.push('', `Would add ${blocked.length} blocked-by links:`, ...blocked.map((action) => `  ${name(action.issue)} is blocked by ${name(action.blocker)}`));
  }
  if (options.bodies) {
    for (const action of creates) {
      const update = [...actions].reverse().find((candidate) => candidate.type === 'update-issue' && candidate.ref === action.ref && candidate.body);
      const body = update?.type === 'update-issue' && update.body ? update.body : action.body;
      lines.push('', `----- #${resolve(action.ref)?.number} ${action.title}`, render(body));
    }
  }
  return `${lines.join('\n')}\n`;
}

function actionJson(action: Action, render: (body: BodySpec) => string): Record<string, unknown> {
  const body = 'body' in action ? action.body : undefined;
  return { ...action, ...(body && typeof body === 'object' ? { body: render(body) } : {}) };
}
