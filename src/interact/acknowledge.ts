// How planbot answers a command comment: 👀 while it works, 🚀 when done, 😕 plus a reply saying
// why when it failed. Successes get no new comment (the reactions say it), so a busy PR stays quiet.
import type { Context } from 'probot';
import { TEXT_LIMITS, shortenMarkdown } from '../text/limits.js';

export type CommentContext = Pick<Context<'issue_comment'>, 'octokit' | 'repo' | 'payload'>;

export type ReactionContent = 'eyes' | 'rocket' | 'confused';

/** Adds a reaction to the command comment; returns its id (to remove 👀 later). */
export async function react(context: CommentContext, content: ReactionContent): Promise<number> {
  const { data } = await context.octokit.rest.reactions.createForIssueComment(
    context.repo({ comment_id: context.payload.comment.id, content }),
  );
  return data.id;
}

export async function unreact(context: CommentContext, reactionId: number): Promise<void> {
  await context.octokit.rest.reactions.deleteForIssueComment(
    context.repo({ comment_id: context.payload.comment.id, reaction_id: reactionId }),
  );
}

/** A reply in the same conversation, addressed to the commenter. */
export async function reply(context: CommentContext, text: string): Promise<void> {
  const { sender, issue } = context.payload;
  // GitHub refuses comments over 65,536 characters for good: shorten, visibly, instead.
  const body = shortenMarkdown(`@${sender.login} ${text}`, TEXT_LIMITS.commentBody);
  await context.octokit.rest.issues.createComment(context.repo({ issue_number: issue.number, body }));
}
