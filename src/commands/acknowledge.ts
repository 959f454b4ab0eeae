// How planbot answers a command comment: 👀 while it works, 🚀 when done, 😕 plus a reply saying
// why when it failed. Successes get no new comment (the reactions say it), so a busy PR stays quiet.
import type { ReactionContent } from '../github/github.js';
import type { JobOf } from '../job/job.js';
import { TEXT_LIMITS, shortenMarkdown } from '../text/limits.js';

/** What answering a comment needs of its job. */
export type CommentJob = Pick<JobOf<'issue_comment'>, 'github' | 'repo' | 'payload'>;

/** Adds a reaction to the command comment; returns its id (to remove 👀 later). */
export async function react(job: CommentJob, content: Extract<ReactionContent, 'eyes' | 'rocket' | 'confused'>): Promise<number> {
  return job.github.reactToComment(job.repo, job.payload.comment.id, content);
}

export async function unreact(job: CommentJob, reactionId: number): Promise<void> {
  await job.github.removeCommentReaction(job.repo, job.payload.comment.id, reactionId);
}

/** A reply in the same conversation, addressed to the commenter. */
export async function reply(job: CommentJob, text: string): Promise<void> {
  const { sender, issue } = job.payload;
  // GitHub refuses comments over 65,536 characters for good: shorten, visibly, instead.
  const body = shortenMarkdown(`@${sender.login} ${text}`, TEXT_LIMITS.commentBody);
  await job.github.createComment(job.repo, issue.number, body);
}
