// A help or refusal reply, within the reply budget (src/commands/reply-budget.ts), written in the
// low-priority lane so it never holds up another feature's writes.
import type { Logger } from 'pino';
import type { Job } from '../job/job.js';
import { inLowPriorityLane } from '../github/write-pacing.js';
import { reply, type CommentJob } from './acknowledge.js';
import { replyBudget, type ReplyKind } from './reply-budget.js';

export async function boundedReply(
  job: CommentJob & Pick<Job, 'metrics'>,
  kind: ReplyKind,
  text: string,
  log: Pick<Logger, 'debug'>,
): Promise<boolean> {
  const { repository, issue, sender } = job.payload;
  const decision = replyBudget().take(`${repository.full_name}#${issue.number}`, sender.login, kind);
  if (!decision.ok) {
    job.metrics?.commandRepliesDropped.inc({ reason: `${kind}-per-${decision.reason}` });
    log.debug({ kind, sender: sender.login, limit: decision.reason }, 'command reply held back: this person or issue had its share this hour');
    return false;
  }
  await inLowPriorityLane(() => reply(job, text));
  return true;
}
