// Issue → plan: a person ticks or unticks a task in a planbot phase issue, and planbot commits the
// same change to plan.md (or tasks.md). The edit only starts the sync: the reconciler reads the plan
// and the issues as they are now and merges them against the last synced state (src/sync/three-way.ts),
// so a late, repeated or out-of-order delivery cannot undo a newer change. Task text lives in the plan.
import type { Context } from 'probot';
import { loadConfig } from '../config/load.js';
import { parsePlan } from '../plan/index.js';
import { withOccurrences } from '../plan/checkbox-edit.js';
import { parsePlanbotIssue, taskKey, withPendingKeys, type IssueTask } from '../sync/issue-body.js';
import { readMarker } from '../sync/marker.js';
import { syncFeature } from '../sync/sync-feature.js';
import { locatePlan } from './locate-plan.js';
import { editableFile, featureBranchOf, isOwnIssue } from './planbot-issue.js';
import { refusalComment } from './refusal-comment.js';

type IssuesContext = Context<'issues'>;

/** Why a tick could not reach the plan (no plan to write to). */
interface Refused {
  kind: 'refused';
  branch: string | null;
  path: string;
  reason: string;
}

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
  // Pure checks first: an edit that changes no box, no task and no marker costs no request.
  if (typeof before !== 'string' || !issue.body || before === issue.body) return;
  const previous = parsePlanbotIssue(before);
  const after = parsePlanbotIssue(issue.body);
  // The marker planbot wrote (the body before the edit) names the issue even when the edit removed or changed it.
  const marker = previous?.marker ?? after?.marker;
  // A task's own issue (issues.granularity: task) carries its tick in its state: see task-state.ts.
  if (!marker || marker.tracking || marker.phase === null || marker.task) return;
  const markerEdited = firstLine(before) !== firstLine(issue.body);
  const afterTasks = after?.tasks ?? issueTasks(issue.body);
  if (!markerEdited && sameTasks(previous?.tasks ?? [], afterTasks)) return;
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

  const located = await locatePlan(context, {
    path: marker.path,
    featureBranch: featureBranchOf(marker),
    defaultBranch: context.payload.repository.default_branch,
  });
  if (!located.found) {
    log.warn({ path: marker.path, reason: located.reason }, 'the tick could not be committed to the plan');
    const flips = checkboxFlips(previous?.tasks ?? [], afterTasks);
    const keys = [...new Set([...flips.keys()].map((key) => key.replace(/#\d+$/, '')))];
    if (keys.length > 0) await explainRefusal(context, keys, { kind: 'refused', branch: null, path: file.path, reason: located.reason }, (marker.pending ?? []).length > 0);
    return;
  }
  // The same reconciler as plan → issue: a three-way merge per task, the plan commit, then the issues.
  const { owner, repo } = context.repo();
  const branch = located.file.ref;
  const sender = context.payload.sender;
  const result = await syncFeature(
    context,
    {
      owner,
      repo,
      feature: marker.feature,
      planPath: marker.path,
      ref: branch,
      branchForLinks: branch,
      commitBranch: branch,
      trigger: { issueNumber: issue.number, before, after: issue.body, sender: { login: sender.login, id: sender.id, type: sender.type } },
    },
    { plan: { content: located.file.content, blobSha: located.file.sha }, config },
  );
  log.info({ status: result.status, writes: result.writes, actions: result.actions.length }, 'issue edit synced with the plan');
}

function firstLine(body: string): string {
  return body.split('\n', 1)[0].replace(/\r$/, '');
}

function issueTasks(body: string): IssueTask[] {
  return parsePlan(body, { kind: 'tasks' }).tasks.map((task) => ({ key: taskKey(task), id: task.id, text: task.text, checked: task.checked }));
}

function sameTasks(a: IssueTask[], b: IssueTask[]): boolean {
  return a.length === b.length && a.every((task, index) => task.key === b[index].key && task.checked === b[index].checked);
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
export async function explainRefusal(
  context: IssuesContext,
  keys: string[],
  outcome: Refused,
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
