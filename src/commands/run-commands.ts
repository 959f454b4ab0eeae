// `/planbot check|sync|init|help` in a comment on a pull request or on a planbot issue.
// Cheap filters run first (bots, no command, an issue that is neither a PR nor planbot's): those
// comments cost no request. Commands that change something need write access; help does not.
import type { ConfigProblem } from '../config/load.js';
import type { JobOf } from '../job/job.js';
import type { PlanbotConfig } from '../config/schema.js';
import { recheckPullRequest } from '../checks/recheck.js';
import { commitSkeleton } from '../skeleton/commit-skeleton.js';
import { readMarker, type PlanbotMarker } from '../sync/marker.js';
import { syncFeature, type SyncResult } from '../sync/sync-feature.js';
import { formatConfigProblem } from '../config/problems.js';
import { neutralise } from '../text/neutralise.js';
import { syncPullRequest } from '../sync/sync-pull-request.js';
import { commandLabel, helpText, parseCommands, type Command, type CommandName } from './commands.js';
import type { CommandOutcome, CommandSite } from './outcome.js';
import { syncDryRun } from './sync-dry-run.js';
import { accessOf } from './permission.js';
import { react, reply, unreact } from './acknowledge.js';
import { openPullsForBranch } from './find-pull.js';
import { featureBranchOf, isOwnIssue } from '../sync/planbot-issue.js';
import { issueFeature } from './issue-site.js';
import { boundedReply } from './bounded-reply.js';
import { busyWaitMs, isBusy, whileBusy } from './while-busy.js';
import { permanentRefusal } from '../github/refusal.js';
import { inLowPriorityLane } from '../github/write-pacing.js';
import { textLine } from '../checks/markdown.js';
import picomatch from 'picomatch';
import { featureFromBranch } from '../plan/feature.js';
import { specDirectories } from '../plan/spec-directory.js';

type CommandJob = JobOf<'issue_comment'>;


const ACTING: ReadonlySet<string> = new Set<CommandName>(['check', 'sync', 'init']);

export async function runCommentCommands(job: CommandJob): Promise<void> {
  const { comment, issue, sender } = job.payload;
  if (sender.type === 'Bot' || comment.user?.type === 'Bot') return;
  const commands = parseCommands(comment.body);
  if (commands.length === 0) return;
  const marker = issue.pull_request ? null : readMarker(issue.body);
  if (!issue.pull_request && !marker) return;
  const site: CommandSite = marker ? { kind: 'issue', marker } : { kind: 'pull', number: issue.number };
  if (site.kind === 'issue' && !(await isOwnIssue(issue, job.identity))) return;

  const log = job.log.child({
    feature: marker?.feature ?? null,
    issue: issue.number,
    commands: commands.map((command) => command.word || command.name),
  });
  const { config, problems } = await job.config();
  if (!config.commands.enabled) {
    log.info('slash commands are turned off (commands.enabled: false); ignoring');
    return;
  }

  const unknown = commands.filter((command) => command.name === 'unknown').map((command) => command.word);
  if (unknown.length > 0 || commands.some((command) => command.name === 'help')) await boundedReply(job, 'help', helpText(unknown), log);
  const acting = commands.filter((command) => ACTING.has(command.name));
  if (acting.length === 0) return;

  const access = await accessOf(job.github, job.repo, sender.login, config.commands.permission);
  if (!access.allowed) {
    log.info({ sender: sender.login, role: access.role }, 'command by someone without the required access; replying, changing nothing');
    await boundedReply(job, 'refusal', politeRefusal(acting, config.commands.permission, access.role, job.payload.repository.full_name), log);
    return;
  }

  const eyes = await inLowPriorityLane(() => react(job, 'eyes'));
  const failures: string[] = [];
  const notes: string[] = [];
  for (const command of acting) {
    let outcome: CommandOutcome;
    try {
      outcome = await runCommand(job, command, site, config, problems);
    } catch (error) {
      log.error({ err: error, command: command.name }, 'command failed');
      outcome = { ok: false, reason: failureReason(error) };
    }
    if (!outcome.ok) failures.push(`\`/planbot ${commandLabel(command)}\`: ${outcome.reason}`);
    else if (outcome.note) notes.push(`\`/planbot ${commandLabel(command)}\`: ${outcome.note}`);
  }
  log.info({ failures: failures.length }, 'commands run');
  // Acknowledgements and replies wait behind other features' writes (src/github/write-pacing.ts).
  await inLowPriorityLane(async () => {
    await react(job, failures.length > 0 ? 'confused' : 'rocket');
    if (failures.length > 0 || notes.length > 0) await reply(job, [...failures, ...notes].join('\n'));
    await unreact(job, eyes);
  });
}

async function runCommand(
  job: CommandJob,
  command: Command,
  site: CommandSite,
  config: PlanbotConfig,
  problems: ConfigProblem[],
): Promise<CommandOutcome> {
  const name = command.name as CommandName;
  // `check` still runs on a broken config: its check run is where the problems are reported.
  if (problems.length > 0 && name !== 'check') return { ok: false, reason: invalidConfig(problems) };
  if (name === 'sync' && !config.issues.enabled) return { ok: false, reason: 'issue sync is turned off here (`issues.enabled: false`).' };
  switch (name) {
    case 'check':
      return site.kind === 'pull' ? recheck(job, [site.number]) : recheckFeature(job, site.marker);
    case 'sync':
      // Reads only: no lock to wait for, nothing written but the reply.
      if (command.dryRun) return syncDryRun(job, site, config);
      // Another sync of the feature holding its lock (Redis mode) is waited for here, a bounded time.
      return whileBusy(() => (site.kind === 'pull' ? syncPull(job, site.number) : syncIssueFeature(job, site.marker, config)));
    case 'init':
      return site.kind === 'pull'
        ? initPull(job, site.number, config)
        : { ok: false, reason: 'it works in a pull request: it commits the plan skeleton to the pull request’s branch.' };
    default:
      return { ok: true };
  }
}

async function recheck(job: CommandJob, pullNumbers: number[]): Promise<CommandOutcome> {
  for (const number of pullNumbers) await recheckPullRequest(job, number);
  return { ok: true };
}

async function recheckFeature(job: CommandJob, marker: PlanbotMarker): Promise<CommandOutcome> {
  const branch = featureBranchOf(marker);
  const pulls = await openPullsForBranch(job.github, job.repo, branch);
  if (pulls.length === 0) {
    return { ok: false, reason: `there is no open pull request for \`${branch}\`, and planbot’s checks run on pull requests.` };
  }
  return recheck(job, pulls);
}

async function syncPull(job: CommandJob, pullNumber: number): Promise<CommandOutcome> {
  const results = await syncPullRequest(job, pullNumber);
  if (results.length === 0) {
    return { ok: false, reason: 'there was nothing to sync: this pull request carries no plan, or it comes from a fork (whose plans are synced once merged).' };
  }
  const failed = results.filter((result) => result.status !== 'synced' && result.status !== 'unchanged');
  return failed.length > 0 ? { ok: false, reason: failed.map((result) => result.message).join(' ') } : synced(results);
}

/** Syncs from the feature branch, or from the default branch once the feature is merged. */
async function syncIssueFeature(job: CommandJob, marker: PlanbotMarker, config: PlanbotConfig): Promise<CommandOutcome> {
  const feature = await issueFeature(job, marker);
  if (!feature.found) return { ok: false, reason: `${feature.reason}.` };
  const result = await syncFeature(job, { ...feature.target, refreshBoard: true }, { plan: feature.plan, config });
  return result.status === 'synced' || result.status === 'unchanged' ? synced([result]) : { ok: false, reason: result.message };
}

/** Done; the Project board's config problems and notes, when it has any, are said in the reply. */
function synced(results: SyncResult[]): CommandOutcome {
  const lines = [...new Set(results.flatMap((result) => [...(result.board?.problems ?? []).map(formatConfigProblem), ...(result.board?.notes ?? [])]))];
  return lines.length > 0 ? { ok: true, note: ['The issues are synced. The Project board:', ...lines.map((line) => `- ${neutralise(line, { mode: 'markdown' })}`)].join('\n') } : { ok: true };
}

async function initPull(job: CommandJob, pullNumber: number, config: PlanbotConfig): Promise<CommandOutcome> {
  const pull = await job.github.getPull(job.repo, pullNumber);
  if (pull.head.repo?.full_name !== job.payload.repository.full_name) {
    return { ok: false, reason: 'this pull request comes from a fork, and planbot does not commit to other repositories.' };
  }
  const { owner, repo } = job.repo;
  if (!featureFromBranch(pull.head.ref, config.branches.pattern)) return initSpecDirectories(job, pullNumber, pull.head.ref, config);
  const result = await commitSkeleton(job, { owner, repo, branch: pull.head.ref, config });
  switch (result.status) {
    case 'committed':
      return { ok: true };
    case 'exists':
      return { ok: true, note: `\`${result.path}\` already exists on \`${pull.head.ref}\`; nothing to commit.` };
    default:
      return { ok: false, reason: `${result.reason ?? 'nothing was committed'}.` };
  }
}

/**
 * A branch with no feature id: the features are the spec directories the pull request changes
 * (src/plan/spec-directory.ts), and each gets its plan.md if it has none (the create is refused
 * with 422 where one exists). 1 request for the file list, then 2 per directory.
 */
async function initSpecDirectories(job: CommandJob, pullNumber: number, branch: string, config: PlanbotConfig): Promise<CommandOutcome> {
  const changed = await job.github.listPullFiles(job.repo, pullNumber);
  // Removed files do not exist at the head: no spec directory lives in them.
  const present = changed.filter((file) => file.status !== 'removed').map((file) => file.filename);
  const isPlan = picomatch(config.plan.glob, { dot: true });
  const specs = specDirectories(present).filter((spec) => isPlan(`${spec.dir}/plan.md`));
  if (specs.length === 0) {
    return {
      ok: false,
      reason: `\`${branch}\` is not a feature branch and this pull request changes no spec directory (\`specs/<feature>/spec.md\`, \`tasks.md\`, …), so there is no feature to write a plan for.`,
    };
  }
  const { owner, repo } = job.repo;
  const existing: string[] = [];
  const failed: string[] = [];
  for (const spec of specs.slice(0, MAX_INIT_DIRECTORIES)) {
    const result = await commitSkeleton(job, { owner, repo, branch, config, specDirectory: spec });
    if (result.status === 'exists') existing.push(`\`${result.path}\``);
    else if (result.status !== 'committed') failed.push(`${spec.dir}: ${result.reason ?? 'nothing was committed'}`);
  }
  if (failed.length > 0) return { ok: false, reason: `${failed.join('; ')}.` };
  return existing.length > 0 ? { ok: true, note: `${existing.join(', ')} already ${existing.length === 1 ? 'exists' : 'exist'} on \`${branch}\`; nothing to commit there.` } : { ok: true };
}

/** One command commits at most this many plans (each is a write). */
const MAX_INIT_DIRECTORIES = 10;

function politeRefusal(acting: Command[], required: string, role: string, repository: string): string {
  const list = acting.map((command) => `\`/planbot ${commandLabel(command)}\``).join(', ');
  return (
    `thanks for asking! ${list} can only be run by people with ${required} access to ${repository} ` +
    `(your role here is ${role}), so I have not changed anything. A maintainer can run it for you.`
  );
}

function invalidConfig(problems: ConfigProblem[]): string {
  const shown = problems
    .slice(0, 3)
    .map((problem) => `\`${problem.key || '(root)'}\`: ${problem.message}`)
    .join('; ');
  const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
  return `\`.github/planbot.yml\` is invalid, so I did nothing: ${shown}${more}. Fix the file on the default branch and run the command again.`;
}

/**
 * What to tell the person: a refusal GitHub will repeat (4xx other than rate limits) says so and
 * that retrying will not help; anything else may pass, and only then is "try again" true.
 */
function failureReason(error: unknown): string {
  const refusal = permanentRefusal(error);
  if (refusal) {
    return `it failed: GitHub refused a write with ${refusal.status}${refusal.message ? ` (${textLine(refusal.message, 300)})` : ''}. Retrying will not help: the plan or the configuration has to change first.`;
  }
  if (isBusy(error)) return `another sync of this feature was still running after ${Math.round(busyWaitMs() / 1000)} s, so this one did not start. Run the command again once the issues have caught up.`;
  const status = (error as { status?: number }).status;
  const message = (error as Error)?.message ?? String(error);
  return `it failed: ${status ? `GitHub answered ${status}` : textLine(message, 200)}. Try again in a moment.`;
}

