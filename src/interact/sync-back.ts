// Issue → plan: a person ticks or unticks a task in a planbot phase issue, and planbot commits the
// same change to plan.md (or tasks.md). Only checkbox states flow back; task text lives in the plan.
// One tick costs one commit plus the close/reopen the new state calls for, and nothing else.
import type { Context } from 'probot';
import { loadConfig } from '../config/load.js';
import { canonicalPhaseNumber } from '../plan/index.js';
import { parsePlanParallel } from '../plan/parallel.js';
import { withOccurrences } from '../plan/checkbox-edit.js';
import { parsePlanbotIssue, taskKey, withPendingKeys, type IssueTask, type ParsedPlanbotIssue } from '../sync/issue-body.js';
import { readMarker } from '../sync/marker.js';
import { featureLock, featureLockKey } from '../sync/feature-lock.js';
import { commitCheckboxes, type CommitOutcome } from './commit-checkboxes.js';
import { editableFile, featureBranchOf, isOwnIssue } from './planbot-issue.js';
import { checkboxCommitMessage } from './commit-message.js';
import { refusalComment } from './refusal-comment.js';
import { warnOnParseFallback } from '../logging/parse-fallback.js';

type IssuesContext = Context<'issues'>;

/** Keyed with occurrences, so two tasks with the same text stay two tasks. */
function keyedStates(tasks: IssueTask[]): Map<string, IssueTask> {
  const keys = withOccurrences(tasks.map((task) => task.key));
  return new Map(keys.map((key, index) => [key, tasks[index]]));
}

/** Tasks present before and after the edit whose box changed. A task whose text changed is another key: ignored. */
export function checkboxFlips(before: IssueTask[], after: IssueTask[]): Map<string, boolean> {
  const previous = keyedStates(before);
  const flips = new Map<string, boolean>();
  for (const [key, task] of keyedStates(after)) {
    const was = previous.get(key);
    if (was && was.checked !== task.checked) flips.set(key, task.checked);
  }
  return flips;
}

export async function syncBackIssueEdit(context: IssuesContext): Promise<void> {
  const { issue, changes } = context.payload as IssuesContext['payload'] & { changes?: { body?: { from?: string } } };
  const before = changes?.body?.from;
  // Pure checks first: an edit that flips no box costs no request.
  if (typeof before !== 'string' || !issue.body || before === issue.body) return;
  const after = parsePlanbotIssue(issue.body);
  const previous = parsePlanbotIssue(before);
  if (!after || !previous || after.marker.tracking || after.marker.phase === null) return;
  const flips = checkboxFlips(previous.tasks, after.tasks);
  if (flips.size === 0) return;
  const { marker } = after;
  const log = context.log.child({ feature: marker.feature, issue: issue.number, phase: marker.phase });
  if (!(await isOwnIssue(issue))) {
    log.info({ author: issue.user?.login }, 'issue carries a planbot marker but planbot did not open it; ignoring');
    return;
  }

  const { config, problems } = await loadConfig(context);
  if (problems.length > 0) {
    // No writes on an invalid config: the check run reports it; the tick stays in the issue.
    log.warn({ problems }, 'configuration is invalid; not writing the tick back to the plan');
    return;
  }
  if (!config.issues.enabled || !config.issues.sync_back) {
    log.info('issues.sync_back is off; the next sync will show the plan’s state again');
    return;
  }
  const file = editableFile(marker, config);
  if (!file) {
    log.warn({ path: marker.path }, 'the issue’s marker names a file that is not a plan by this configuration; ignoring');
    return;
  }

  // Ticks that an earlier refusal left pending ride along, so they reach the plan as soon as one commit can.
  // Pending keys are plain task keys (every occurrence of the text); flips are per occurrence.
  const current = keyedStates(after.tasks);
  const pendingBefore = new Set(marker.pending ?? []);
  const wanted = new Map<string, boolean>();
  for (const [key, task] of current) if (pendingBefore.has(task.key)) wanted.set(key, task.checked);
  for (const [key, checked] of flips) wanted.set(key, checked);
  const wantedTaskKeys = [...new Set([...wanted.keys()].map((key) => current.get(key)!.key))];

  const { owner, repo } = context.repo();
  const attempt = () =>
    commitCheckboxes(context, {
      path: file.path,
      featureBranch: featureBranchOf(marker),
      defaultBranch: context.payload.repository.default_branch,
      wanted,
      edit: { keyOf: taskKey, kind: file.kind, phase: marker.phase },
      message: (changed) =>
        checkboxCommitMessage({
          changed: changed.map((key) => ({ checked: wanted.get(key)!, text: current.get(key)?.text ?? key })),
          path: file.path,
          issue: { owner, repo, number: issue.number },
          sender: context.payload.sender,
        }),
    });

  let outcome: CommitOutcome;
  try {
    outcome = await featureLock().run(featureLockKey(owner, repo, marker.feature, marker.path), attempt);
  } catch (error) {
    // Transient (5xx, rate limit, endless conflicts): keep the tick safe from the next sync, then let the queue retry.
    log.error({ err: error, path: file.path }, 'writing the tick to the plan failed; it stays pending and the delivery will be retried');
    await recordPending(context, wantedTaskKeys).catch((recordError) =>
      log.error({ err: recordError }, 'could not record the pending ticks in the issue either'),
    );
    throw error;
  }

  if (outcome.kind === 'refused') {
    log.warn({ branch: outcome.branch, path: outcome.path, reason: outcome.reason }, 'the tick could not be committed to the plan');
    await explainRefusal(context, wantedTaskKeys, outcome, pendingBefore.size > 0);
    return;
  }
  if (outcome.kind === 'committed') {
    log.info({ branch: outcome.branch, path: outcome.path, commitSha: outcome.commitSha, changed: outcome.changed }, 'ticks committed to the plan');
  } else {
    log.info({ branch: outcome.branch, path: outcome.path }, 'the plan already has these ticks; nothing to commit');
  }
  if (outcome.missing.length > 0) {
    log.info({ missing: outcome.missing }, 'some ticked tasks are no longer in the plan; the next sync rewrites the issue');
  }
  const flushed = wantedTaskKeys.filter((key) => pendingBefore.has(key));
  await settleIssue(context, after, flips, outcome.content, file.kind, flushed);
}

/**
 * One PATCH at most: close the issue when this edit completed its phase, reopen it when this edit
 * unticked a task of a closed issue, and take the ticks just written off the pending list.
 * Closing or reopening by hand is a person's decision, so nothing here ticks or unticks on state alone.
 */
async function settleIssue(
  context: IssuesContext,
  parsed: ParsedPlanbotIssue,
  flips: Map<string, boolean>,
  planContent: string,
  kind: 'plan' | 'tasks',
  flushed: string[],
): Promise<void> {
  const { issue } = context.payload;
  const phase = canonicalPhaseNumber(parsed.marker.phase ?? '');
  const plan = await parsePlanParallel(planContent, { kind }, warnOnParseFallback(context.log));
  const phaseTasks = plan.phases.find((candidate) => canonicalPhaseNumber(candidate.number) === phase)?.tasks ?? [];
  const complete = phaseTasks.length > 0 && phaseTasks.every((task) => task.checked);
  const update: { state?: 'open' | 'closed'; state_reason?: 'completed' | 'reopened'; body?: string } = {};
  if (issue.state === 'open' && complete && [...flips.values()].some(Boolean)) {
    Object.assign(update, { state: 'closed', state_reason: 'completed' });
  } else if (issue.state === 'closed' && issue.state_reason !== 'not_planned' && [...flips.values()].some((checked) => !checked)) {
    Object.assign(update, { state: 'open', state_reason: 'reopened' });
  }
  if (flushed.length > 0) {
    const body = await bodyWithPending(context, (pending) => pending.filter((key) => !flushed.includes(key)));
    if (body !== null) update.body = body;
  }
  if (Object.keys(update).length === 0) return;
  await context.octokit.rest.issues.update(context.repo({ issue_number: issue.number, ...update }));
}

/**
 * The issue's body with its pending list changed, or null when nothing changes. The body is read
 * fresh (1 request) rather than taken from the payload: a person may have ticked more boxes since,
 * and writing back an older body would untick them.
 */
async function bodyWithPending(context: IssuesContext, change: (pending: string[]) => string[]): Promise<string | null> {
  const { data } = await context.octokit.rest.issues.get(context.repo({ issue_number: context.payload.issue.number }));
  const body = data.body ?? '';
  const marker = readMarker(body);
  if (!marker) return null;
  const updated = withPendingKeys(body, change(marker.pending ?? []));
  return updated === body ? null : updated;
}

async function recordPending(context: IssuesContext, keys: string[]): Promise<void> {
  const body = await bodyWithPending(context, (pending) => [...new Set([...pending, ...keys])]);
  if (body === null) return;
  await context.octokit.rest.issues.update(context.repo({ issue_number: context.payload.issue.number, body }));
}

/**
 * One comment that says why and what to do, then the pending keys recorded so a later sync keeps the
 * person's ticks. When ticks were already pending, the issue already has that comment: no second one.
 */
async function explainRefusal(
  context: IssuesContext,
  keys: string[],
  outcome: Extract<CommitOutcome, { kind: 'refused' }>,
  alreadyExplained: boolean,
): Promise<void> {
  if (!alreadyExplained) {
    await context.octokit.rest.issues.createComment(
      context.repo({
        issue_number: context.payload.issue.number,
        body: refusalComment({ ...outcome, sender: context.payload.sender.login, pending: keys.length }),
      }),
    );
  }
  await recordPending(context, keys);
}
