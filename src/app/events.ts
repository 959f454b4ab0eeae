// What runs for each event: one row per event and actions, read top to bottom. Every handler
// takes the job (src/job/job.ts). dispatch.ts runs the row that matches a job; nothing else
// decides which feature sees which event.
import type { Job } from '../job/job.js';
import * as skeleton from '../skeleton/handle.js';
import * as checks from '../checks/handle.js';
import * as sync from '../sync/handle.js';
import * as commands from '../commands/handle.js';
import * as backfill from '../backfill/handle.js';
import { onProjectItemChanged } from '../projects/item-events.js';
import { BACKFILL_EVENT } from '../backfill/lane.js';
import { forgetConfigAbsence } from '../github/conditional-requests.js';
import { CONFIG_PATH } from '../config/load.js';

export type Handler = (job: Job) => Promise<unknown>;

/** What a handler may also ask of the event, besides its name and action. */
export interface EventFacts {
  payload: any;
  /** Sent by planbot itself (src/app/self.ts). */
  own: boolean;
}

/** A handler that runs only when `when` holds. */
export interface Guarded {
  when: (facts: EventFacts) => boolean;
  handler: Handler;
}

export interface EventRoute {
  event: string;
  /** The payload `action`s this row answers; ANY for every one (and for events that carry none). */
  actions: readonly string[] | typeof ANY;
  handlers: ReadonlyArray<Handler | Guarded>;
  /**
   * `in order`: one after the other. `side by side`: started together (they share the job's reads
   * and write different things), waited for all, and the first failure rethrown.
   */
  run: 'in order' | 'side by side';
  /** Whether planbot's own events (its issue edits, comments, commits) reach this row at all. */
  own: 'skip' | 'run';
}

export const ANY = '*';

const onBranch = ({ payload }: EventFacts) => payload.ref_type === 'branch';
const createsBranch = ({ payload }: EventFacts) => payload.created && !payload.deleted;
const notOwn = ({ own }: EventFacts) => !own;
const only = (when: Guarded['when'], handler: Handler): Guarded => ({ when, handler });
const row = (event: string, actions: EventRoute['actions'], run: EventRoute['run'], own: EventRoute['own'], handlers: EventRoute['handlers']) =>
  ({ event, actions, run, own, handlers }) satisfies EventRoute;

/** Which handlers run for which event (see EventRoute for the columns); at most one row matches a job. */
export const EVENTS: readonly EventRoute[] = [
  //  event                         actions                                 run              own      handlers
  row('create',                     ANY,                                    'in order',      'skip',  [only(onBranch, skeleton.onBranchCreated)]),
  row('push',                       ANY,                                    'in order',      'skip',  [only(changesConfig, forgetConfig), only(createsBranch, skeleton.onBranchCreated), sync.onPush]),
  // A pull request planbot pushed to still gets check runs: branch protection needs them on every head.
  row('pull_request',               ['opened', 'synchronize', 'reopened'],  'side by side',  'run',   [checks.onPullRequest, only(notOwn, sync.onPullRequest)]),
  row('pull_request',               ['ready_for_review'],                   'in order',      'run',   [checks.onPullRequest]),
  row('pull_request_review',        ['submitted', 'dismissed'],             'in order',      'skip',  [checks.onReview]),
  row('issues',                     ['edited'],                             'in order',      'skip',  [sync.onIssueEdited]),
  row('issues',                     ['closed', 'reopened'],                 'in order',      'skip',  [sync.onIssueStateChanged]),
  row('issue_comment',              ['created'],                            'in order',      'skip',  [commands.onIssueComment]),
  row('check_run',                  ['rerequested'],                        'in order',      'skip',  [checks.onRerequested]),
  row('check_run',                  ['requested_action'],                   'in order',      'skip',  [commands.onCheckRunAction]),
  row('check_run',                  ['completed'],                          'in order',      'skip',  [checks.onExternalCheck]),
  row('check_suite',                ['rerequested'],                        'in order',      'skip',  [checks.onRerequested]),
  row('merge_group',                ['checks_requested'],                   'in order',      'skip',  [checks.onMergeGroup]),
  row('status',                     ANY,                                    'in order',      'skip',  [checks.onExternalCheck]),
  // A person moved a card (organisation Projects only); planbot's own card edits come back too and are skipped.
  row('projects_v2_item',           ANY,                                    'in order',      'skip',  [onProjectItemChanged]),
  // Always delivered to GitHub Apps (not listed in app.yml): pull requests opened before planbot
  // arrived get their checks and issues, one queued job per repository (src/backfill).
  row('installation',               ['created'],                            'in order',      'skip',  [backfill.onRepositoriesInstalled]),
  row('installation_repositories',  ['added'],                              'in order',      'skip',  [backfill.onRepositoriesInstalled]),
  // One repository's backfill, queued by the two rows above: planbot's own job, never a webhook.
  row(BACKFILL_EVENT,               ANY,                                    'in order',      'skip',  [backfill.backfillRepository]),
];

/** The row for an event and action; undefined when nothing runs for it. */
export function routeOf(event: string, action: string | undefined): EventRoute | undefined {
  return EVENTS.find((route) => route.event === event && (route.actions === ANY || (action !== undefined && route.actions.includes(action))));
}

/** Events the app subscribes to (app.yml, plus the installation events every app gets); anything else is never enqueued. */
export const HANDLED_EVENTS: ReadonlySet<string> = new Set(EVENTS.map((route) => route.event).filter((event) => event !== BACKFILL_EVENT));

/** Every installation event arrives, whether or not anything runs for its action (deleted, suspend…). */
const QUEUED_ONLY_WHEN_ROUTED = new Set(['installation', 'installation_repositories']);

/** Cheap pre-filter run before enqueueing, so irrelevant deliveries cost no queue slot. */
export function isRelevant(name: string, action?: string): boolean {
  if (!HANDLED_EVENTS.has(name)) return false;
  return !QUEUED_ONLY_WHEN_ROUTED.has(name) || routeOf(name, action) !== undefined;
}

/** A push that adds or changes the config file makes a remembered "no config here" stale. */
function changesConfig({ payload }: EventFacts): boolean {
  const commits: any[] = payload?.commits ?? [];
  return commits.some((commit) =>
    [...(commit.added ?? []), ...(commit.modified ?? [])].some((file: string) => file === CONFIG_PATH),
  );
}

async function forgetConfig(job: Job): Promise<void> {
  forgetConfigAbsence(job.payload.repository.owner.login, job.payload.repository.name);
}
