// What runs for each event. Thin: every branch hands the context to one feature module.
import type { Context } from 'probot';
import * as skeleton from '../skeleton/handle.js';
import * as checks from '../checks/handle.js';
import * as sync from '../sync/handle.js';
import * as interact from '../interact/handle.js';
import { isOwnEvent } from './self.js';
import { forgetConfigAbsence } from '../github/conditional-requests.js';
import { CONFIG_PATH } from '../config/load.js';
import * as backfill from '../backfill/handle.js';
import { BACKFILL_EVENT } from '../backfill/lane.js';

/** Events the app subscribes to (app.yml); anything else is never enqueued. */
export const HANDLED_EVENTS = new Set([
  'create',
  'push',
  'pull_request',
  'pull_request_review',
  'issues',
  'issue_comment',
  'check_run',
  'check_suite',
  'merge_group',
  'status',
  // Always delivered to GitHub Apps (not listed in app.yml): they start the backfill.
  'installation',
  'installation_repositories',
]);

/** Installation events that start a backfill; the others (deleted, suspend, removed…) need no work. */
const INSTALL_ACTIONS: Record<string, string> = { installation: 'created', installation_repositories: 'added' };

/** Cheap pre-filter run before enqueueing, so irrelevant deliveries cost no queue slot. */
export function isRelevant(name: string, action?: string): boolean {
  if (name in INSTALL_ACTIONS) return action === INSTALL_ACTIONS[name];
  return HANDLED_EVENTS.has(name);
}

export async function dispatch(context: Context): Promise<void> {
  const payload = context.payload as any;
  const action: string | undefined = payload.action;
  // planbot's own issue edits, comments and commits trigger nothing further (src/app/self.ts); a pull
  // request it pushed to still gets check runs, because branch protection needs them on every head.
  const own = await isOwnEvent(payload);
  if (own && context.name !== 'pull_request') return;
  switch (context.name as string) {
    case 'create':
      if (payload.ref_type === 'branch') await skeleton.onBranchCreated(context as Context<'create'>);
      return;
    case 'push':
      if (touchesConfig(payload)) forgetConfigAbsence(payload.repository.owner.login, payload.repository.name);
      if (payload.created && !payload.deleted) await skeleton.onBranchCreated(context as Context<'push'>);
      await sync.onPush(context as Context<'push'>);
      return;
    case 'pull_request':
      if (action === 'opened' || action === 'synchronize' || action === 'reopened' || action === 'ready_for_review') {
        // Checks and issue sync share the event's config and plan reads and write different things:
        // run them side by side, so the event takes as long as the longer of the two, not the sum.
        await settleAll([
          checks.onPullRequest(context as Context<'pull_request'>),
          action !== 'ready_for_review' && !own ? sync.onPullRequest(context as Context<'pull_request'>) : null,
        ]);
      }
      return;
    case 'pull_request_review':
      if (action === 'submitted' || action === 'dismissed') await checks.onReview(context as Context<'pull_request_review'>);
      return;
    case 'check_run':
      if (action === 'rerequested') await checks.onRerequested(context as Context<'check_run'>);
      else if (action === 'requested_action') await interact.onCheckRunAction(context as Context<'check_run'>);
      else if (action === 'completed') await checks.onExternalCheck(context as Context<'check_run'>);
      return;
    case 'check_suite':
      if (action === 'rerequested') await checks.onRerequested(context as Context<'check_suite'>);
      return;
    case 'status':
      await checks.onExternalCheck(context as Context<'status'>);
      return;
    case 'merge_group':
      if (action === 'checks_requested') await checks.onMergeGroup(context as Context<'merge_group'>);
      return;
    case 'issues':
      if (action === 'edited') await interact.onIssueEdited(context as Context<'issues'>);
      else if (action === 'closed' || action === 'reopened') await interact.onIssueStateChanged(context as Context<'issues'>);
      return;
    case 'issue_comment':
      if (action === 'created') await interact.onIssueComment(context as Context<'issue_comment'>);
      return;
    case 'installation':
    case 'installation_repositories':
      // Pull requests opened before planbot arrived get their checks and issues (src/backfill).
      if (action === 'created' || action === 'added') await backfill.onRepositoriesInstalled(context);
      return;
    case BACKFILL_EVENT: // one repository's backfill job, queued by the case above
      await backfill.backfillRepository(context);
      return;
  }
}

/**
 * Waits for every piece of work, then rethrows the first failure (so the queue retries the job).
 * Unlike Promise.all, one failure does not leave the other piece running unobserved.
 */
async function settleAll(work: Array<Promise<unknown> | null>): Promise<void> {
  const outcomes = await Promise.allSettled(work);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/** A push that adds or changes the config file makes a remembered "no config here" stale. */
function touchesConfig(payload: any): boolean {
  const commits: any[] = payload?.commits ?? [];
  return commits.some((commit) =>
    [...(commit.added ?? []), ...(commit.modified ?? [])].some((file: string) => file === CONFIG_PATH),
  );
}
