// Relations between issues, both addressed by database `id` (not `number`): sub-issues (one parent,
// about 100 children) and "blocked by" dependencies.
import { bodyOf, inRepo, issueOr404, renderIssue, type SimContext } from '../context.js';
import { HttpError, notFound, paginate, validationFailed, type Router } from '../router.js';
import type { SimIssue, SimRepo } from '../state.js';

export const MAX_SUB_ISSUES = 100;
export const MAX_BLOCKED_BY = 50;

export function relationRoutes(router: Router, ctx: SimContext): void {
  const byId = (repo: SimRepo, id: unknown): { repo: SimRepo; issue: SimIssue } => {
    if (typeof id !== 'number' || !Number.isInteger(id)) throw validationFailed('issue_id', 'invalid');
    const found = ctx.state.findIssueById(id);
    // Relations may cross repositories, but only within one owner.
    if (!found || found.repo.owner.login !== repo.owner.login) throw notFound();
    return found;
  };
  const listOf = (repo: SimRepo, ids: number[]) => ids.map((id) => ctx.state.findIssueById(id)).filter((found) => found !== undefined).map((found) => renderIssue(ctx, found!.repo, found!.issue));
  const pageOf = (request: Parameters<typeof paginate>[1], repo: SimRepo, ids: number[], self: string) => {
    const page = paginate(listOf(repo, ids), request, `${ctx.urls().api}/repos/${repo.full_name}/issues/${self}`);
    return { status: 200, body: page.items, headers: page.headers };
  };

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues',
    inRepo(ctx, (request, repo) => {
      const parent = issueOr404(repo, request.params.issue_number);
      return pageOf(request, repo, parent.subIssues, `${parent.number}/sub_issues`);
    }),
  );

  router.add(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues',
    inRepo(ctx, (request, repo) => {
      const parent = issueOr404(repo, request.params.issue_number, false);
      const body = bodyOf(request);
      const child = byId(repo, body.sub_issue_id);
      if (child.issue.isPullRequest) throw validationFailed('sub_issue_id', 'invalid', 'Pull requests cannot be sub-issues');
      if (child.issue.id === parent.id) throw validationFailed('sub_issue_id', 'invalid', 'An issue cannot be its own sub-issue');
      if (parent.subIssues.includes(child.issue.id)) throw validationFailed('sub_issue_id', 'invalid', 'Issue may not contain duplicate sub-issues');
      if (child.issue.parent !== null && !body.replace_parent) throw validationFailed('sub_issue_id', 'invalid', 'Sub-issue may only have one parent');
      if (parent.subIssues.length >= MAX_SUB_ISSUES) throw validationFailed('sub_issue_id', 'invalid', `Parent cannot have more than ${MAX_SUB_ISSUES} sub-issues`);
      for (let ancestor = parent.parent; ancestor !== null; ancestor = ctx.state.findIssueById(ancestor)?.issue.parent ?? null) {
        if (ancestor === child.issue.id) throw validationFailed('sub_issue_id', 'invalid', 'Sub-issues cannot form a cycle');
      }
      if (child.issue.parent !== null) {
        const previous = ctx.state.findIssueById(child.issue.parent);
        if (previous) previous.issue.subIssues = previous.issue.subIssues.filter((id) => id !== child.issue.id);
      }
      parent.subIssues.push(child.issue.id);
      child.issue.parent = parent.id;
      return { status: 201, body: renderIssue(ctx, child.repo, child.issue), headers: { location: `${ctx.urls().api}/repos/${repo.full_name}/issues/${parent.number}/sub_issues` } };
    }),
  );

  router.add(
    'DELETE',
    '/repos/{owner}/{repo}/issues/{issue_number}/sub_issue',
    inRepo(ctx, (request, repo) => {
      const parent = issueOr404(repo, request.params.issue_number, false);
      const child = byId(repo, bodyOf(request).sub_issue_id);
      if (!parent.subIssues.includes(child.issue.id)) throw notFound();
      parent.subIssues = parent.subIssues.filter((id) => id !== child.issue.id);
      child.issue.parent = null;
      return { status: 200, body: renderIssue(ctx, child.repo, child.issue) };
    }),
  );

  router.add(
    'PATCH',
    '/repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority',
    inRepo(ctx, (request, repo) => {
      const parent = issueOr404(repo, request.params.issue_number, false);
      const body = bodyOf(request);
      const moving = body.sub_issue_id;
      const anchor = body.after_id ?? body.before_id;
      if (!parent.subIssues.includes(moving) || !parent.subIssues.includes(anchor)) throw validationFailed('sub_issue_id', 'invalid');
      const rest = parent.subIssues.filter((id) => id !== moving);
      const at = rest.indexOf(anchor) + (body.after_id !== undefined ? 1 : 0);
      rest.splice(at, 0, moving);
      parent.subIssues = rest;
      return { status: 200, body: renderIssue(ctx, repo, parent) };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/parent',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      const parent = issue.parent === null ? undefined : ctx.state.findIssueById(issue.parent);
      if (!parent) throw notFound();
      return { status: 200, body: renderIssue(ctx, parent.repo, parent.issue) };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      return pageOf(request, repo, issue.blockedBy, `${issue.number}/dependencies/blocked_by`);
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocking',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      const blocking = [...ctx.state.repos.values()].flatMap((other) => [...other.issues.values()].filter((candidate) => candidate.blockedBy.includes(issue.id)).map((candidate) => candidate.id));
      return pageOf(request, repo, blocking, `${issue.number}/dependencies/blocking`);
    }),
  );

  router.add(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number, false);
      const blocker = byId(repo, bodyOf(request).issue_id);
      if (blocker.issue.id === issue.id) throw validationFailed('issue_id', 'invalid', 'An issue cannot block itself', 'IssueDependency');
      if (issue.blockedBy.includes(blocker.issue.id)) throw validationFailed('issue_id', 'invalid', 'Dependency already exists', 'IssueDependency');
      if (issue.blockedBy.length >= MAX_BLOCKED_BY) throw validationFailed('issue_id', 'invalid', `An issue can be blocked by at most ${MAX_BLOCKED_BY} issues`, 'IssueDependency');
      if (reaches(ctx, blocker.issue, issue.id)) throw validationFailed('issue_id', 'invalid', 'Dependencies cannot form a cycle', 'IssueDependency');
      issue.blockedBy.push(blocker.issue.id);
      return { status: 201, body: renderIssue(ctx, blocker.repo, blocker.issue), headers: { location: `${ctx.urls().api}/repos/${repo.full_name}/issues/${issue.number}/dependencies/blocked_by` } };
    }),
  );

  router.add(
    'DELETE',
    '/repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      const blockerId = Number(request.params.issue_id);
      if (!issue.blockedBy.includes(blockerId)) throw new HttpError(404, 'Not Found');
      issue.blockedBy = issue.blockedBy.filter((id) => id !== blockerId);
      const blocker = ctx.state.findIssueById(blockerId);
      return { status: 200, body: blocker ? renderIssue(ctx, blocker.repo, blocker.issue) : {} };
    }),
  );
}

/** True when `from` is (transitively) blocked by the issue with id `target`. */
function reaches(ctx: SimContext, from: SimIssue, target: number): boolean {
  const seen = new Set<number>();
  const stack = [...from.blockedBy];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(ctx.state.findIssueById(id)?.issue.blockedBy ?? []));
  }
  return false;
}
