// The part of issue → plan shared by ticks in a phase issue (sync-back.ts) and a task issue's
// closed/reopened state (task-state.ts): once an event is known to change a task, check that
// planbot owns the issue and may write, find the plan, and run the same reconciler as plan → issue.
import type { Context } from 'probot';
import { loadConfig } from '../config/load.js';
import { withPendingKeys } from '../sync/issue-body.js';
import { readMarker, type PlanbotMarker } from '../sync/marker.js';
import { syncFeature } from '../sync/sync-feature.js';
import { locatePlan } from './locate-plan.js';
import { editableFile, featureBranchOf, isOwnIssue } from './planbot-issue.js';
import { refusalComment } from './refusal-comment.js';

type IssuesContext = Context<'issues'>;

export interface WriteBack {
  marker: PlanbotMarker;
  log: IssuesContext['log'];
  /** The issue body before and after the person's change (the same text for a state change). */
  before: string;
  after: string;
  /** What changed, for the log lines: "tick", "task state". */
  what: string;
  /** The task keys to name when the change cannot reach the plan. */
  refusedKeys: () => string[];
}

export async function writeBackToPlan(context: IssuesContext, change: WriteBack): Promise<void> {
  const { issue } = context.payload;
  const { marker, log, what } = change;
  if (!(await isOwnIssue(issue))) {
    log.info({ author: issue.user?.login }, 'issue carries a planbot marker but planbot did not open it; ignoring');
    return;
  }
  const { config, problems } = await loadConfig(context);
  if (problems.length > 0) {
    // No writes on an invalid config: the check run reports it; the change stays in the issue.
    log.warn({ problems }, `configuration is invalid; not writing the ${what} back to the plan`);
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
    log.warn({ path: marker.path, reason: located.reason }, `the ${what} could not be committed to the plan`);
    const keys = change.refusedKeys();
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
      trigger: { issueNumber: issue.number, before: change.before, after: change.after, sender: { login: sender.login, id: sender.id, type: sender.type } },
    },
    { plan: { content: located.file.content, blobSha: located.file.sha }, config },
  );
  log.info({ status: result.status, writes: result.writes, actions: result.actions.length }, `${what} synced with the plan`);
}

/** Why a tick could not reach the plan (no plan to write to). */
interface Refused {
  kind: 'refused';
  branch: string | null;
  path: string;
  reason: string;
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
