// Writes checkbox states into the plan in one commit, merging by task identity with whatever the
// file holds now. The write names the blob it replaces; when someone else committed in between,
// GitHub answers 409/422, and planbot reads again and re-applies, a bounded number of times.
import type { Context } from 'probot';
import { writeRepoFile } from '../github/files.js';
import { applyCheckboxStates, type CheckboxEditOptions } from '../plan/checkbox-edit.js';
import { parsePlanParallel } from '../plan/parallel.js';
import { classifyWriteFailure } from '../skeleton/write-refusal.js';
import { locatePlan, readPlanAt, type LocatePlanInput } from './locate-plan.js';
import type { RepoFile } from '../github/files.js';
import { warnOnParseFallback } from '../logging/parse-fallback.js';

/** Attempts per event: the first write plus two re-read-and-retry rounds after a conflict. */
export const MAX_COMMIT_ATTEMPTS = 3;

export interface CommitCheckboxesInput extends LocatePlanInput {
  /** Wanted state per task key. */
  wanted: ReadonlyMap<string, boolean>;
  edit: CheckboxEditOptions;
  /** Builds the commit message from what actually changed. */
  message: (changed: string[], file: RepoFile) => string;
}

export type CommitOutcome =
  | { kind: 'committed'; branch: string; path: string; commitSha: string; changed: string[]; missing: string[]; content: string }
  /** The plan already had every wanted state (a redelivery, or someone ticked it in the plan too). */
  | { kind: 'unchanged'; branch: string; path: string; missing: string[]; content: string }
  /** Final: the plan cannot be found, or GitHub refused the commit (protection, rules, permissions). */
  | { kind: 'refused'; branch: string | null; path: string; reason: string };

/**
 * Requests on the happy path: 1 read + 1 write. Each conflict adds 1 read + 1 write.
 * Throws (for the queue to retry) on transient failures and when every attempt conflicted.
 */
export async function commitCheckboxes(
  context: Pick<Context, 'octokit' | 'repo' | 'log'>,
  input: CommitCheckboxesInput,
): Promise<CommitOutcome> {
  const located = await locatePlan(context, input);
  if (!located.found) return { kind: 'refused', branch: null, path: input.path, reason: located.reason };
  let file = located.file;
  const branch = file.ref;
  const parseHooks = warnOnParseFallback(context.log);
  for (let attempt = 1; ; attempt++) {
    // A large plan parses on worker threads, so the event loop keeps answering webhooks meanwhile.
    const model = input.wanted.size > 0 ? await parsePlanParallel(file.content, { kind: input.edit.kind ?? 'plan' }, parseHooks) : undefined;
    const edit = applyCheckboxStates(file.content, input.wanted, input.edit, model);
    if (edit.changed.length === 0) return { kind: 'unchanged', branch, path: file.path, missing: edit.missing, content: file.content };
    try {
      const { commitSha } = await writeRepoFile(context.octokit, context.repo(), {
        path: file.path,
        branch,
        content: edit.content,
        message: input.message(edit.changed, file),
        sha: file.sha,
      });
      return { kind: 'committed', branch, path: file.path, commitSha, changed: edit.changed, missing: edit.missing, content: edit.content };
    } catch (error) {
      const failure = classifyWriteFailure(error);
      if (failure.kind !== 'refused') throw error;
      const status = failure.status;
      const refused: CommitOutcome = { kind: 'refused', branch, path: file.path, reason: `GitHub answered ${status}: ${failure.reason}` };
      if (status !== 409 && status !== 422) return refused;
      // A stale blob and a protection rule both answer 409/422: only a changed file means a conflict.
      const fresh = await readPlanAt(context, file.path, branch);
      if (!fresh) return { kind: 'refused', branch, path: file.path, reason: `\`${file.path}\` disappeared from \`${branch}\`` };
      if (!fresh.found) return { kind: 'refused', branch, path: file.path, reason: fresh.reason };
      if (fresh.file.sha === file.sha) return refused;
      if (attempt >= MAX_COMMIT_ATTEMPTS) {
        context.log.warn({ branch, path: file.path, attempts: attempt }, 'the plan changed under every commit attempt');
        throw new Error(`${file.path} on ${branch} changed during each of ${attempt} commit attempts`, { cause: error });
      }
      context.log.info({ branch, path: file.path, attempt }, 'the plan changed meanwhile; merging again');
      file = fresh.file;
    }
  }
}
