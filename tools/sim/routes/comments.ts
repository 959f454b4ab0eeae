// Issue comments and their reactions.
import { actorOf, bodyOf, inRepo, issueOr404, originOf, type SimContext } from '../context.js';
import { commentJson, reactionJson } from '../render.js';
import { notFound, paginate, validationFailed, type Router } from '../router.js';
import { now, type SimComment, type SimRepo } from '../state.js';

const REACTIONS = new Set(['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes']);
const MAX_BODY = 65536;

export function commentRoutes(router: Router, ctx: SimContext): void {
  const commentOr404 = (repo: SimRepo, id: string): SimComment => {
    const comment = repo.comments.get(Number(id));
    if (!comment) throw notFound();
    return comment;
  };
  const checkBody = (body: unknown): string => {
    if (typeof body !== 'string' || !body.trim()) throw validationFailed('body', 'missing_field', undefined, 'IssueComment');
    if (body.length > MAX_BODY) throw validationFailed('body', 'invalid', `body is too long (maximum is ${MAX_BODY} characters)`, 'IssueComment');
    return body;
  };

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      const since = request.query.get('since');
      const comments = [...repo.comments.values()].filter((comment) => comment.issueNumber === issue.number && (!since || comment.updated_at >= since));
      const page = paginate(comments, request, `${ctx.urls().api}/repos/${repo.full_name}/issues/${issue.number}/comments`);
      return { status: 200, body: page.items.map((comment) => commentJson(repo, comment, ctx.urls())), headers: page.headers };
    }),
  );

  router.add(
    'POST',
    '/repos/{owner}/{repo}/issues/{issue_number}/comments',
    inRepo(ctx, (request, repo) => {
      const issue = issueOr404(repo, request.params.issue_number);
      const actor = actorOf(ctx, request);
      const comment: SimComment = { id: ctx.state.id(), issueNumber: issue.number, body: checkBody(bodyOf(request).body), user: actor, created_at: now(), updated_at: now(), reactions: [] };
      repo.comments.set(comment.id, comment);
      ctx.emit('issue_comment', ctx.payloads.issueComment('created', repo, issue, comment, actor), originOf(request));
      return { status: 201, body: commentJson(repo, comment, ctx.urls()) };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    inRepo(ctx, (request, repo) => ({ status: 200, body: commentJson(repo, commentOr404(repo, request.params.comment_id), ctx.urls()) })),
  );

  router.add(
    'PATCH',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    inRepo(ctx, (request, repo) => {
      const comment = commentOr404(repo, request.params.comment_id);
      const next = checkBody(bodyOf(request).body);
      if (next !== comment.body) {
        const from = comment.body;
        comment.body = next;
        comment.updated_at = now();
        const issue = repo.issues.get(comment.issueNumber)!;
        ctx.emit('issue_comment', ctx.payloads.issueComment('edited', repo, issue, comment, actorOf(ctx, request), { body: { from } }), originOf(request));
      }
      return { status: 200, body: commentJson(repo, comment, ctx.urls()) };
    }),
  );

  router.add(
    'DELETE',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}',
    inRepo(ctx, (request, repo) => {
      commentOr404(repo, request.params.comment_id);
      repo.comments.delete(Number(request.params.comment_id));
      return { status: 204 };
    }),
  );

  router.add(
    'GET',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    inRepo(ctx, (request, repo) => {
      const comment = commentOr404(repo, request.params.comment_id);
      const content = request.query.get('content');
      const reactions = comment.reactions.filter((reaction) => !content || reaction.content === content);
      const page = paginate(reactions, request, `${ctx.urls().api}/repos/${repo.full_name}/issues/comments/${comment.id}/reactions`);
      return { status: 200, body: page.items.map((reaction) => reactionJson(reaction, ctx.urls())), headers: page.headers };
    }),
  );

  router.add(
    'POST',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
    inRepo(ctx, (request, repo) => {
      const comment = commentOr404(repo, request.params.comment_id);
      const content = bodyOf(request).content;
      if (!REACTIONS.has(content)) throw validationFailed('content', 'invalid', undefined, 'Reaction');
      const actor = actorOf(ctx, request);
      // Reacting twice with the same content is not an error: GitHub answers 200 with the existing one.
      const existing = comment.reactions.find((reaction) => reaction.content === content && reaction.user.login === actor.login);
      if (existing) return { status: 200, body: reactionJson(existing, ctx.urls()) };
      const reaction = { id: ctx.state.id(), content, user: actor, created_at: now() };
      comment.reactions.push(reaction);
      return { status: 201, body: reactionJson(reaction, ctx.urls()) };
    }),
  );

  router.add(
    'DELETE',
    '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions/{reaction_id}',
    inRepo(ctx, (request, repo) => {
      const comment = commentOr404(repo, request.params.comment_id);
      const index = comment.reactions.findIndex((reaction) => reaction.id === Number(request.params.reaction_id));
      if (index === -1) throw notFound();
      comment.reactions.splice(index, 1);
      return { status: 204 };
    }),
  );
}
