// Sync actions for people and scripts: one line of text each, or a JSON object with its kind. Used
// by dry runs (the CLI's `planbot issues --dry-run`, `/planbot sync --dry-run`).
import { renderBody } from './body-spec.js';
import type { IssueHandle, IssueRef, SyncAction, SyncPlan } from './actions.js';

/** What describeAction and syncActionJson read from a planned sync (a FeatureSyncPlan fits). */
export interface DescribedPlan {
  gathered: { syncPlan: SyncPlan; afterCommit: { syncPlan: SyncPlan } | null } | null;
}

export type SyncActionKind =
  | 'create-issue'
  | 'update-issue'
  | 'close-issue'
  | 'reopen-issue'
  | 'comment'
  | 'add-labels'
  | 'add-sub-issue'
  | 'add-blocked-by'
  | 'remove-blocked-by'
  | 'commit-plan';

/** An action as JSON: its kind, the existing issue's `number` where there is one, bodies as text. */
export interface SyncActionJson {
  kind: SyncActionKind;
  reason: string;
  [field: string]: unknown;
}

/** One line, e.g. `create issue phase:1 “001-x · Phase 1: Setup” [planbot] — Phase 1 has no issue yet`. */
export function describeAction(action: SyncAction, plan?: DescribedPlan): string {
  const name = (ref: IssueRef) => {
    const number = existing(plan, ref)?.number;
    return number === undefined ? ref : `${ref} (#${number})`;
  };
  switch (action.type) {
    case 'create-issue':
      return `create issue ${action.ref} “${action.title}” [${action.labels.join(', ')}] — ${action.reason}`;
    case 'update-issue': {
      const fields = [...(action.title !== undefined ? ['title'] : []), ...(action.body ? ['body'] : [])];
      const verb = action.state === 'closed' ? `close issue ${name(action.ref)} as ${action.stateReason ?? 'completed'}` : action.state === 'open' ? `reopen issue ${name(action.ref)}` : `update issue ${name(action.ref)}`;
      const also = fields.length > 0 ? (action.state ? ` (and its ${fields.join(' and ')})` : `: ${fields.join(' and ')}`) : '';
      return `${verb}${also} — ${action.reason}`;
    }
    case 'comment':
      return `comment on ${name(action.ref)} — ${action.reason}`;
    case 'add-labels':
      return `add label${action.labels.length === 1 ? '' : 's'} ${action.labels.join(', ')} to ${name(action.ref)} — ${action.reason}`;
    case 'add-sub-issue':
      return `link ${name(action.child)} as a sub-issue of ${name(action.parent ?? 'tracking')} — ${action.reason}`;
    case 'add-blocked-by':
      return `mark ${name(action.issue)} blocked by ${name(action.blocker)} — ${action.reason}`;
    case 'remove-blocked-by':
      return `remove the blocked-by link ${name(action.issue)} ← ${name(action.blocker)} — ${action.reason}`;
    case 'commit-plan':
      return `commit ${action.changes.length} task ${action.changes.length === 1 ? 'state' : 'states'} to ${action.path} on ${action.branch} — ${action.reason}`;
  }
}

/** The action as a JSON-ready object; bodies rendered with today's issue numbers (issues still to be created are unnumbered). */
export function syncActionJson(action: SyncAction, plan: DescribedPlan): SyncActionJson {
  const syncPlan = listed(plan);
  const number = (ref: IssueRef) => existing(plan, ref)?.number;
  const text = (body: Extract<SyncAction, { type: 'create-issue' }>['body']) =>
    syncPlan ? renderBody(body, syncPlan, (ref) => existing(plan, ref)) : body.kind === 'text' ? body.text : null;
  switch (action.type) {
    case 'create-issue':
      return { kind: action.type, ref: action.ref, title: action.title, labels: action.labels, assignees: action.assignees, milestone: action.milestone, body: text(action.body), reason: action.reason };
    case 'update-issue': {
      const kind = action.state === 'closed' ? 'close-issue' : action.state === 'open' ? 'reopen-issue' : 'update-issue';
      return {
        kind,
        ref: action.ref,
        number: number(action.ref),
        ...(action.title !== undefined ? { title: action.title } : {}),
        ...(action.body ? { body: text(action.body) } : {}),
        ...(action.stateReason ? { stateReason: action.stateReason } : {}),
        reason: action.reason,
      };
    }
    case 'comment':
    case 'add-labels': {
      const { type, ...fields } = action;
      return { kind: type, ...fields, number: number(action.ref) };
    }
    case 'add-sub-issue':
      return { kind: action.type, child: action.child, parent: action.parent ?? 'tracking', childNumber: number(action.child), parentNumber: number(action.parent ?? 'tracking'), reason: action.reason };
    case 'add-blocked-by':
    case 'remove-blocked-by':
      return { kind: action.type, issue: action.issue, blocker: action.blocker, issueNumber: number(action.issue), blockerNumber: number(action.blocker), reason: action.reason };
    case 'commit-plan': {
      const { type, ...fields } = action;
      return { kind: type, ...fields };
    }
  }
}

/** The plan whose actions are listed: after the plan commit when there is one. */
function listed(plan: DescribedPlan | undefined): SyncPlan | null {
  return plan?.gathered ? (plan.gathered.afterCommit?.syncPlan ?? plan.gathered.syncPlan) : null;
}

function existing(plan: DescribedPlan | undefined, ref: IssueRef): IssueHandle | null {
  return listed(plan)?.existing.get(ref) ?? null;
}
