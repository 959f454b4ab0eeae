// The reconciler's effectful half: performs the planned writes in order, one at a time (Probot's
// throttling spaces them and waits out secondary rate limits). Links GitHub cannot make here fall
// back to the bodies. A write GitHub refuses for good (4xx, not a rate limit) does not stop the
// others: they are applied, then the refusal is rethrown, so it is reported (plan check, command
// reply) and the job is given up, not retried. Any other failure is logged with the delivery id
// and rethrown at once, so the queue retries the whole (idempotent) sync.
import type { Logger } from 'pino';
import type { GitHub, IssueSnapshot, NewIssue, RepoCoordinates } from '../github/github.js';
import { isLabelError, mentions, statusOf } from '../github/errors.js';
import { permanentRefusal } from '../github/refusal.js';
import { mayMeanUnsupported, meansUnsupported, noteUnsupportedOnce, type RelationApi } from '../github/issues-api-support.js';
import { pairKey } from './links-record.js';
import { isLeaseLost } from '../job/lease.js';
import { createLabels } from './labels.js';
import { renderBody } from './body-spec.js';
import {
  emptyLinkOutcome,
  linkKey,
  type Action,
  type IssueHandle,
  type IssueRef,
  type LinkOutcome,
  type Resolve,
  type SyncPlan,
} from './actions.js';

export interface ApplyOptions {
  log: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;
  /** The webhook delivery this work belongs to, for error logs. */
  deliveryId: string;
}

export interface ApplyResult {
  /** Write requests sent (retries by the throttling plugin not counted twice). */
  writes: number;
  created: Map<IssueRef, IssueSnapshot>;
  outcome: LinkOutcome;
  resolve: Resolve;
  /** The tracking issue's body as last written here; null when it was not written. */
  trackingBody: string | null;
}

type Where = RepoCoordinates;

export async function applyActions(github: GitHub, where: Where, plan: SyncPlan, options: ApplyOptions): Promise<ApplyResult> {
  const handles = new Map<IssueRef, IssueHandle>(plan.existing);
  const created = new Map<IssueRef, IssueSnapshot>();
  const resolve: Resolve = (ref) => handles.get(ref) ?? null;
  const outcome = emptyLinkOutcome();
  const state = { writes: 0, trackingBodyWritten: null as string | null };
  const repository = `${where.owner}/${where.repo}`;

  const mustResolve = (ref: IssueRef): IssueHandle => {
    const handle = resolve(ref);
    if (!handle) throw new Error(`planbot: ${ref} has no issue (an earlier create must have failed)`);
    return handle;
  };

  const run = async (action: Action): Promise<void> => {
    switch (action.type) {
      case 'create-issue': {
        const issue = await createWithRecovery(github, where, {
          title: action.title,
          body: renderBody(action.body, plan, resolve),
          labels: action.labels,
          assignees: action.assignees,
          milestone: action.milestone,
        }, state, options);
        created.set(action.ref, issue);
        handles.set(action.ref, { number: issue.number, id: issue.id });
        if (action.ref === 'tracking') state.trackingBodyWritten = issue.body;
        return;
      }
      case 'update-issue': {
        const body = action.body && renderBody(action.body, plan, resolve);
        state.writes++;
        await github.updateIssue(where, mustResolve(action.ref).number, {
          title: action.title,
          body,
          state: action.state,
          stateReason: action.stateReason,
        });
        if (action.ref === 'tracking' && body !== undefined) state.trackingBodyWritten = body;
        return;
      }
      case 'comment':
        state.writes++;
        await github.createComment(where, mustResolve(action.ref).number, action.body);
        return;
      case 'add-labels':
        state.writes++;
        await github.addLabels(where, mustResolve(action.ref).number, action.labels);
        return;
      case 'add-sub-issue': {
        if (outcome.unsupported.has('sub_issues')) return;
        const parent = mustResolve(action.parent ?? 'tracking');
        const child = mustResolve(action.child);
        outcome.children.set(action.child, 'failed');
        state.writes++;
        const result = await link(
          () => github.addSubIssue(where, parent.number, child.id),
          async () => (await github.listSubIssueNumbers(where, parent.number)).includes(child.number),
        );
        recordLink(result, 'sub_issues', (status) => outcome.children.set(action.child, status));
        return;
      }
      case 'add-blocked-by': {
        if (outcome.unsupported.has('dependencies')) return;
        const issue = mustResolve(action.issue);
        const blocker = mustResolve(action.blocker);
        const key = linkKey(action.issue, action.blocker);
        outcome.blockedBy.set(key, 'failed');
        state.writes++;
        const result = await link(
          () => github.addBlockedBy(where, issue.number, blocker.id),
          async () => (await github.listBlockedByNumbers(where, issue.number)).includes(blocker.number),
        );
        recordLink(result, 'dependencies', (status) => outcome.blockedBy.set(key, status));
        return;
      }
      case 'remove-blocked-by': {
        if (outcome.unsupported.has('dependencies')) return;
        const issue = mustResolve(action.issue);
        const blocker = mustResolve(action.blocker);
        const key = pairKey([issue.number, blocker.number]);
        outcome.removals.set(key, 'failed');
        state.writes++;
        try {
          await github.removeBlockedBy(where, issue.number, blocker.id);
        } catch (error) {
          // Already gone is what we wanted.
          if (statusOf(error) !== 404) throw error;
        }
        outcome.removals.set(key, 'removed');
        return;
      }
    }
  };

  /** A 404/410/422 on a link write: the API may be missing here, or the link may exist already. */
  const link = async (write: () => Promise<void>, exists: () => Promise<boolean>): Promise<LinkResult> => {
    try {
      await write();
      return { status: 'linked' };
    } catch (error) {
      if (!mayMeanUnsupported(error)) throw error;
      try {
        if (await exists()) return { status: 'linked' };
      } catch (readError) {
        if (meansUnsupported(readError)) return { status: 'unsupported', httpStatus: statusOf(error) };
        throw readError;
      }
      options.log.warn({ err: errorSummary(error) }, 'GitHub refused a link between planbot issues; it stays in the issue bodies');
      return { status: 'refused' };
    }
  };

  const recordLink = (result: LinkResult, api: RelationApi, set: (status: 'linked' | 'refused') => void) => {
    if (result.status === 'unsupported') {
      outcome.unsupported.add(api);
      noteUnsupportedOnce(options.log, repository, api, result.httpStatus);
      return;
    }
    set(result.status);
  };

  // Refused for good: retrying (or stopping) would not help, so the other writes still go out.
  const refused: unknown[] = [];
  const notCreated = new Set<IssueRef>();
  try {
    for (const action of plan.actions) {
      // An action on an issue GitHub refused to create has nothing to act on.
      if (issuesOf(action).some((ref) => notCreated.has(ref))) continue;
      try {
        await run(action);
      } catch (error) {
        if (isLeaseLost(error) || !permanentRefusal(error)) throw error;
        refused.push(error);
        if (action.type === 'create-issue') notCreated.add(action.ref);
        options.log.warn(
          { err: errorSummary(error), deliveryId: options.deliveryId, action: action.type, issue: issuesOf(action)[0] ?? action.type },
          'GitHub refused a write of the issue sync; the other writes go on',
        );
      }
    }
  } catch (error) {
    // A run that lost its lease (Redis mode) may write nothing more, the correction included;
    // the queue says so in one line, and the next run reads what is there.
    if (isLeaseLost(error)) throw error;
    options.log.error(
      { err: errorSummary(error), deliveryId: options.deliveryId, writes: state.writes },
      'issue sync stopped on a failed write; the job is retried',
    );
    await correctTrackingRecord(github, where, plan, resolve, outcome, state, options).catch((correctionError) =>
      options.log.error({ err: errorSummary(correctionError), deliveryId: options.deliveryId }, 'could not correct the tracking issue links record'),
    );
    throw error;
  }
  await correctTrackingRecord(github, where, plan, resolve, outcome, state, options);
  if (refused.length > 0) throw refused[0];
  return { writes: state.writes, created, outcome, resolve, trackingBody: state.trackingBodyWritten };
}

/** The issues an action writes to or links (a create names the issue it makes). */
function issuesOf(action: Action): IssueRef[] {
  switch (action.type) {
    case 'create-issue':
    case 'update-issue':
    case 'comment':
    case 'add-labels':
      return [action.ref];
    case 'add-sub-issue':
      return [action.parent ?? 'tracking', action.child];
    case 'add-blocked-by':
    case 'remove-blocked-by':
      return [action.issue, action.blocker];
  }
}

type LinkResult = { status: 'linked' | 'refused' } | { status: 'unsupported'; httpStatus: number | undefined };

/**
 * The tracking issue's record was written assuming every planned link would be made. When some
 * were not (refused, unsupported, failed, not reached), write what is true, so the next sync
 * neither trusts a link that is not there nor retries one GitHub refuses.
 */
async function correctTrackingRecord(
  github: GitHub,
  where: Where,
  plan: SyncPlan,
  resolve: Resolve,
  outcome: LinkOutcome,
  state: { writes: number; trackingBodyWritten: string | null },
  options: ApplyOptions,
): Promise<void> {
  const tracking = resolve('tracking');
  if (!plan.trackingBody || !tracking) return;
  const before = state.trackingBodyWritten ?? renderBody(plan.trackingBody, plan, resolve);
  const after = renderBody(plan.trackingBody, plan, resolve, outcome);
  if (after === before) return;
  state.writes++;
  await github.updateIssue(where, tracking.number, { body: after });
  state.trackingBodyWritten = after;
  options.log.debug({ issue: tracking.number }, 'tracking issue links record corrected');
}

/**
 * Creates an issue. Labels that do not exist yet are created on the first refusal that names
 * them, then the create is retried once; assignees or a milestone GitHub refuses are dropped
 * (with a warning) rather than losing the issue.
 */
async function createWithRecovery(
  github: GitHub,
  where: Where,
  issue: NewIssue,
  state: { writes: number },
  options: ApplyOptions,
): Promise<IssueSnapshot> {
  let attempt = { ...issue };
  let labelsCreated = false;
  for (;;) {
    state.writes++;
    try {
      return await github.createIssue(where, attempt);
    } catch (error) {
      if (!labelsCreated && attempt.labels.length > 0 && isLabelError(error)) {
        labelsCreated = true;
        state.writes += await createLabels(github, where, attempt.labels);
        continue;
      }
      if (statusOf(error) === 422 && attempt.assignees.length > 0 && mentions(error, /assignee/i)) {
        options.log.warn({ assignees: attempt.assignees }, 'GitHub refused the assignees; creating the issue without them');
        attempt = { ...attempt, assignees: [] };
        continue;
      }
      if (statusOf(error) === 422 && attempt.milestone !== null && mentions(error, /milestone/i)) {
        options.log.warn({ milestone: attempt.milestone }, 'GitHub refused the milestone; creating the issue without it');
        attempt = { ...attempt, milestone: null };
        continue;
      }
      throw error;
    }
  }
}

function errorSummary(error: unknown): { message: string; status?: number } {
  return { message: (error as Error)?.message ?? String(error), status: statusOf(error) };
}
