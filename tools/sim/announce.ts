// The webhooks GitHub sends when something changes, whoever changed it. The HTTP routes (the app's
// writes) and the test-facing API (a person's actions) both announce through here, so the app
// sees the same events for its own commits and issue edits as it would on github.com.
import type { SimContext, SimEvent } from './context.js';
import type { Commit } from './git.js';
import type { SimIssue, SimRepo, SimUser } from './state.js';

/** A branch moved from `before` (null: it was just created) to `after`: `create`, `push`, `pull_request.synchronize`. */
export function announceBranchMoved(ctx: SimContext, repo: SimRepo, branch: string, before: string | null, after: string, sender: SimUser, origin: SimEvent['origin']): void {
  if (before === null) ctx.emit('create', ctx.payloads.create(repo, branch, sender), origin);
  ctx.emit('push', ctx.payloads.push(repo, branch, before, after, newCommits(repo, before, after), sender, { created: before === null }), origin);
  if (before === null) return;
  for (const pull of repo.pulls.values()) {
    if (pull.state !== 'open' || pull.head !== branch || pull.headRepo) continue;
    pull.updated_at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    ctx.emit('pull_request', ctx.payloads.pullRequest('synchronize', repo, pull, sender, { before, after }), origin);
  }
}

/**
 * Commits the push brings, oldest first: those after `before`, or for a new branch those not
 * already on the default branch (GitHub lists only commits new to the repository).
 */
function newCommits(repo: SimRepo, before: string | null, after: string): Commit[] {
  const known = new Set<string>(before ? [before] : []);
  const base = repo.git.branchSha(repo.default_branch);
  if (before === null && base) for (const commit of repo.git.history(base)) known.add(commit.sha);
  const out: Commit[] = [];
  for (const commit of repo.git.history(after)) {
    if (known.has(commit.sha)) break;
    out.push(commit);
  }
  return out.reverse();
}

/** Title/body/state/label changes on an issue, as `issues.*` events. */
export function announceIssueChanged(
  ctx: SimContext,
  repo: SimRepo,
  issue: SimIssue,
  previous: Pick<SimIssue, 'title' | 'body' | 'state' | 'labels'>,
  sender: SimUser,
  origin: SimEvent['origin'],
): void {
  const changes: Record<string, { from: unknown }> = {};
  if (previous.title !== issue.title) changes.title = { from: previous.title };
  if (previous.body !== issue.body) changes.body = { from: previous.body ?? '' };
  if (Object.keys(changes).length) ctx.emit('issues', ctx.payloads.issues('edited', repo, issue, sender, { changes }), origin);
  if (previous.state !== issue.state) ctx.emit('issues', ctx.payloads.issues(issue.state === 'closed' ? 'closed' : 'reopened', repo, issue, sender), origin);
  const before = new Set(previous.labels.map((label) => label.toLowerCase()));
  const after = new Set(issue.labels.map((label) => label.toLowerCase()));
  for (const label of issue.labels) if (!before.has(label.toLowerCase())) ctx.emit('issues', ctx.payloads.issues('labeled', repo, issue, sender, { label }), origin);
  for (const label of previous.labels) if (!after.has(label.toLowerCase())) ctx.emit('issues', ctx.payloads.issues('unlabeled', repo, issue, sender, { label }), origin);
}
