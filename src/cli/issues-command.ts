// `planbot issues FILE --dry-run`: the issues and links the app would create for a local plan,
// computed by the same reconciler (desired from the plan, compared with a repository that has no
// planbot issues yet). No network: without --dry-run the command refuses.
import { basename, dirname, join, relative, resolve as resolvePath, sep } from 'node:path';
import { existsSync } from 'node:fs';
import type { PlanbotConfig } from '../config/schema.js';
import { featureFromBranch, renderPlanPath, siblingPath } from '../plan/feature.js';
import { parsePlan } from '../plan/index.js';
import { noIssues } from '../sync/actual.js';
import { buildDesired, type DesiredFeature } from '../sync/desired.js';
import { planActions, type Action, type IssueRef, type Resolve } from '../sync/plan-actions.js';
import { parseCommandArgs, choice } from './args.js';
import { configFor } from './analyse-files.js';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { readTextFile } from './read-input.js';
import { remoteRepository } from './git.js';

export const ISSUES_USAGE = `Usage: planbot issues FILE --dry-run [options]

Shows the GitHub issues planbot would create for the plan FILE — one per phase plus a tracking
issue — with their titles, labels, task lists, sub-issue and blocked-by links. Nothing is sent
anywhere: the issue numbers shown (#1, #2, …) are placeholders for the ones GitHub would assign.

Options:
  --dry-run                 Required: only a dry run is possible offline
  --feature ID              Feature id  [default: the plan's folder, e.g. 001-user-auth]
  --repo OWNER/NAME         Repository the links point at  [default: the git remote (origin) of
                            FILE's checkout, else OWNER/REPO]
  --branch NAME             Branch the links point at  [default: the feature id]
  --path PATH               The plan's path in the repository  [default: FILE relative to its
                            git checkout, else plan.path for the feature]
  --source auto|plan|tasks|both
                            Where phases come from  [default: issues.source from the config]
  --tasks FILE              The spec-kit tasks.md  [default: tasks.md next to FILE]
  --config FILE             planbot.yml to use  [default: ./.github/planbot.yml when present]
  --bodies                  Also print each issue's body
  --json                    Print the planned actions as JSON
`;

const SOURCES = ['auto', 'plan', 'tasks', 'both'] as const;

export async function runIssuesCommand(args: string[], io: CliIo): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`planbot: ${error.message}\n`);
    return error.exitCode;
  }
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('issues', args, {
    'dry-run': { type: 'boolean' },
    feature: { type: 'string' },
    repo: { type: 'string' },
    branch: { type: 'string' },
    path: { type: 'string' },
    source: { type: 'string' },
    tasks: { type: 'string' },
    config: { type: 'string' },
    bodies: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(ISSUES_USAGE);
    return EXIT_OK;
  }
  if (!values['dry-run']) {
    throw new CliError('issues: only --dry-run is supported offline; the app syncs issues on GitHub. Run `planbot issues FILE --dry-run`.');
  }
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
  const feature = (values.feature as string | undefined) ?? featureFromBranch(folder, config.branches.pattern)?.feature ?? plan.feature ?? folder;
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
  const { actions } = planActions(desired, noIssues());
  const resolve = placeholderNumbers(actions);

  if (values.json) {
    io.stdout(`${JSON.stringify(actions.map((action) => actionJson(action, resolve)), null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout(describe(desired, actions, resolve, { repo, bodies: Boolean(values.bodies) }));
  for (const finding of desired.findings) io.stderr(`${planPath}:${finding.line}  ${finding.severity}  ${finding.rule}  ${finding.message}\n`);
  return EXIT_OK;
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

function describe(desired: DesiredFeature, actions: Action[], resolve: Resolve, options: { repo: string; bodies: boolean }): string {
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
    const tasks = phase ? `, ${phase.tasks.filter((task) => task.checked).length}/${phase.tasks.length} tasks done` : '';
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
      lines.push('', `----- #${resolve(action.ref)?.number} ${action.title}`, body.render(resolve));
    }
  }
  return `${lines.join('\n')}\n`;
}

function actionJson(action: Action, resolve: Resolve): Record<string, unknown> {
  const body = 'body' in action ? action.body : undefined;
  return { ...action, ...(body && typeof body === 'object' ? { body: body.render(resolve) } : {}) };
}
