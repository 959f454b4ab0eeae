// Issues (create, read, update incl. state/state_reason, list with filters and pagination) and labels.
import { announceIssueChanged } from '../announce.js';
import { actorOf, bodyOf, inRepo, issueOr404, originOf, renderIssue, type SimContext } from '../context.js';
import { labelJson } from '../render.js';
import { HttpError, notFound, paginate, validationFailed, type Router, type SimRequest } from '../router.js';
import { now, type SimIssue, type SimRepo } from '../state.js';

const STATE_REASONS = new Set(['completed', 'not_planned', 'duplicate', 'reopened']);
const MAX_TITLE = 256;
const MAX_BODY = 65536;

export function issueRoutes(router: Router, ctx: SimContext): void {
  router.add(
    'POST',
    '/repos/{owner}/{repo}/issues',
    inRepo(ctx, (request, repo) => {
      const body = bodyOf(request);
      const title = body.title === undefined || body.title === null ? '' : String(body.title);
      if (!title.trim()) throw validationFailed('title', 'missing_field');
      checkText(title, body.body);
      const actor = actorOf(ctx, request);
      repo.lastNumber += 1;
      const issue: SimIssue = {
        id: ctx.state.id(),
        number: repo.lastNumber,
        title,
        body: body.body ?? null,
        state: 'open',
        state_reason: null,
        labels: [],
        assignees: assignable(ctx, repo, [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])]),
        milestone: typeof body.milestone === 'number' ? body.milestone : null,
        type: typeof body.type === 'string' ? body.type : null,
        user: actor,
        created_at: now(),
        updated_at: now(),
        closed_at: null,
        isPullRequest: false,
        subIssues: [],
        parent: null,
        blockedBy: [],
      };
      const labels = labelNames(body.labels);
      repo.issues.set(issue.number, issue);
      ctx.emit('issues', ctx.payloads.issues('opened', repo, issue, actor), originOf(request));
      setLabels(ctx, request, repo, issue, labels);
      return { status: 201, body: renderIssue(ctx, repo, issue), headers: { location: `${ctx.urls().api}/repos/${repo.full_name}/issues/${issue.number}` } };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}',
    inRepo(ctx, (request, repo) => ({ status: 200, body: renderIssue(ctx, repo, issueOr404(repo, request.params.issue_number)) })),
  );

  router.add(
    'PATCH',
    '/repos/{owner}/{repo}/issues/{issue_number}',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      const body = bodyOf(request);
      const previous = { title: issue.title, body: issue.body, state: issue.state, labels: [...issue.labels] };
      if (body.title !== undefined && body.title !== null) {
        if (!String(body.title).trim()) throw validationFailed('title', 'missing_field');
      }
      checkText(body.title === undefined || body.title === null ? issue.title : String(body.title), body.body);
      if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') throw validationFailed('state', 'invalid');
      if (body.state_reason !== undefined && body.state_reason !== null && !STATE_REASONS.has(body.state_reason)) throw validationFailed('state_reason', 'invalid');
      if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
      if (body.body !== undefined) issue.body = body.body;
      if (body.assignees !== undefined) issue.assignees = assignable(ctx, repo, body.assignees ?? []);
      if (body.milestone !== undefined) issue.milestone = typeof body.milestone === 'number' ? body.milestone : null;
      if (body.type !== undefined) issue.type = body.type;
      if (body.state !== undefined && body.state !== issue.state) {
        issue.state = body.state;
        issue.closed_at = body.state === 'closed' ? now() : null;
        // The reason is ignored unless the state changes; GitHub fills in the usual one.
        issue.state_reason = body.state === 'closed' ? (body.state_reason ?? 'completed') : 'reopened';
      }
      const changed = JSON.stringify(previous) !== JSON.stringify({ title: issue.title, body: issue.body, state: issue.state, labels: issue.labels });
      if (changed) issue.updated_at = now();
      if (body.labels !== undefined) {
        setLabels(ctx, request, repo, issue, labelNames(body.labels), true);
        previous.labels = issue.labels;
      }
      announceIssueChanged(ctx, repo, issue, previous, actorOf(ctx, request), originOf(request));
      return { status: 200, body: renderIssue(ctx, repo, issue) };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues',
    inRepo(ctx, (request, repo) => {
      const state = request.query.get('state') ?? 'open';
      if (!['open', 'closed', 'all'].includes(state)) throw validationFailed('state', 'invalid');
      const wanted = (request.query.get('labels') ?? '')
        .split(',')
        .map((label) => label.trim().toLowerCase())
        .filter(Boolean);
      const creator = request.query.get('creator')?.toLowerCase();
      const assignee = request.query.get('assignee')?.toLowerCase();
      const since = request.query.get('since');
      const sort = request.query.get('sort') ?? 'created';
      const direction = request.query.get('direction') ?? 'desc';
      const items = [...repo.issues.values()]
        .filter((issue) => state === 'all' || issue.state === state)
        .filter((issue) => wanted.every((label) => issue.labels.some((own) => own.toLowerCase() === label)))
        .filter((issue) => !creator || issue.user.login.toLowerCase() === creator)
        .filter((issue) => !assignee || (assignee === 'none' ? issue.assignees.length === 0 : assignee === '*' ? issue.assignees.length > 0 : issue.assignees.some((login) => login.toLowerCase() === assignee)))
        .filter((issue) => !since || issue.updated_at >= since)
        .sort((a, b) => {
          const key = sort === 'updated' ? a.updated_at.localeCompare(b.updated_at) || a.number - b.number : a.number - b.number;
          return direction === 'asc' ? key : -key;
        });
      const page = paginate(items, request, `${ctx.urls().api}/repos/${repo.full_name}/issues`);
      return { status: 200, body: page.items.map((issue) => renderIssue(ctx, repo, issue)), headers: page.headers };
    }),
  );

  const labelList = (repo: SimRepo, names: string[]) => names.map((name) => labelJson(repo, ctx.state.label(repo, name), ctx.urls()));

  router.add(
    'GET',
    '/repos/{owner}/{repo}/labels',
    inRepo(ctx, (request, repo) => {
      const page = paginate([...repo.labels.values()], request, `${ctx.urls().api}/repos/${repo.full_name}/labels`);
      return { status: 200, body: page.items.map((label) => labelJson(repo, label, ctx.urls())), headers: page.headers };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/labels/{name}',
    inRepo(ctx, (request, repo) => {
      const label = repo.labels.get(request.params.name.toLowerCase());
      if (!label) throw notFound();
      return { status: 200, body: labelJson(repo, label, ctx.urls()) };
    }),
  );

  router.add(
    'POST',
    '/repos/{owner}/{repo}/labels',
    inRepo(ctx, (request, repo) => {
      const body = bodyOf(request);
      if (typeof body.name !== 'string' || !body.name.trim()) throw validationFailed('name', 'missing_field', undefined, 'Label');
      if (body.name.length > 50) throw validationFailed('name', 'invalid', 'name is too long (maximum is 50 characters)', 'Label');
      if (repo.labels.has(body.name.toLowerCase())) throw validationFailed('name', 'already_exists', undefined, 'Label');
      const color = String(body.color ?? 'ededed').replace(/^#/, '');
      if (!/^[0-9a-fA-F]{6}$/.test(color)) throw validationFailed('color', 'invalid', undefined, 'Label');
      const label = ctx.state.label(repo, body.name, color.toLowerCase(), body.description ?? null);
      return { status: 201, body: labelJson(repo, label, ctx.urls()) };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    inRepo(ctx, (request, repo) => ({ status: 200, body: labelList(repo, issueOr404(repo, request.params.issue_number).labels) })),
  );

  router.add(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      const body = bodyOf(request);
      setLabels(ctx, request, repo, issue, [...issue.labels, ...labelNames(body.labels)]);
      return { status: 200, body: labelList(repo, issue.labels) };
    }),
  );

  router.add(
    'PUT',
    '/repos/{owner}/{repo}/issues/{issue_number}/labels',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      setLabels(ctx, request, repo, issue, labelNames(bodyOf(request).labels), true);
      return { status: 200, body: labelList(repo, issue.labels) };
    }),
  );

  router.add(
    'DELETE',
    '/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      const name = request.params.name.toLowerCase();
      if (!issue.labels.some((label) => label.toLowerCase() === name)) throw new HttpError(404, 'Label does not exist');
      setLabels(ctx, request, repo, issue, issue.labels.filter((label) => label.toLowerCase() !== name), true);
      return { status: 200, body: labelList(repo, issue.labels) };
    }),
  );
}

/** Labels come as names or `{ name }` objects; duplicates (any case) collapse. */
function labelNames(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw validationFailed('labels', 'invalid');
  const names = value.map((entry) => (typeof entry === 'string' ? entry : entry?.name));
  if (names.some((name) => typeof name !== 'string' || !name.trim() || name.length > 50)) throw validationFailed('labels', 'invalid');
  return names as string[];
}

/** Sets an issue's labels, creating missing ones as GitHub does for callers with push access. */
function setLabels(ctx: SimContext, request: SimRequest, repo: SimRepo, issue: SimIssue, names: string[], replace = false): void {
  const previous = { title: issue.title, body: issue.body, state: issue.state, labels: [...issue.labels] };
  const next: string[] = [];
  for (const name of replace ? names : [...issue.labels, ...names]) {
    const label = ctx.state.label(repo, name);
    if (!next.some((existing) => existing.toLowerCase() === label.name.toLowerCase())) next.push(label.name);
  }
  issue.labels = next;
  if (JSON.stringify(previous.labels) !== JSON.stringify(next)) {
    issue.updated_at = now();
    announceIssueChanged(ctx, repo, issue, previous, actorOf(ctx, request), originOf(request));
  }
}

/** Assignees without access are dropped silently (GitHub's documented behaviour), never rejected. */
function assignable(ctx: SimContext, repo: SimRepo, logins: unknown[]): string[] {
  const out: string[] = [];
  for (const login of logins) {
    if (typeof login !== 'string') throw validationFailed('assignees', 'invalid');
    if (ctx.state.permission(repo, login) === 'none') continue;
    if (!out.some((existing) => existing.toLowerCase() === login.toLowerCase())) out.push(ctx.state.user(login).login);
  }
  return out.slice(0, 10);
}

function checkText(title: string, body: unknown): void {
  if (title.length > MAX_TITLE) throw validationFailed('title', 'invalid', `title is too long (maximum is ${MAX_TITLE} characters)`);
  if (typeof body === 'string' && body.length > MAX_BODY) throw validationFailed('body', 'invalid', `body is too long (maximum is ${MAX_BODY} characters)`);
}
