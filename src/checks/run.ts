// Evaluates one commit of a pull request (or a merge group) and posts its check runs, as one
// pipeline: gather what GitHub holds → the runs planbot wants (evaluate.ts) → the writes that differ
// from the runs already there (diff.ts, plain data) → apply them (apply.ts).
import type { Job } from '../job/job.js';
import { externalIdFor } from './actions.js';
import { applyCheckRunWrites } from './apply.js';
import { diffCheckRuns, type CheckRunDiff } from './diff.js';
import { buildCheckRuns } from './evaluate.js';
import { gather } from './gather.js';
import type { EvaluationTarget } from './targets.js';

export interface EvaluationResult {
  posted: string[];
  unchanged: string[];
}

export interface CheckRunEvaluation extends CheckRunDiff {
  /** The branch's feature, for the log. */
  feature: string | null;
}

/** gather → desired → diff: what would be written, without writing. null when checks are off. */
export async function evaluateCommit(job: Job, target: EvaluationTarget): Promise<CheckRunEvaluation | null> {
  const { config, problems } = await job.config();
  if (problems.length === 0 && !config.checks.enabled) return null;
  // A retried job may already have posted some runs before it failed: never post them twice.
  const skipUnchanged = target.skipUnchanged || job.isRetry;
  const { plans, runs, facts } = await gather(job, target, { listRuns: skipUnchanged });
  const wanted = buildCheckRuns({
    repo: job.repo,
    plans,
    facts,
    headRepository: target.pull?.headRepository ?? `${job.repo.owner}/${job.repo.repo}`,
    mergeGroup: target.mergeGroup,
  });
  const diff = diffCheckRuns(wanted, runs, {
    headSha: target.sha,
    ...(target.pull ? { externalId: externalIdFor(target.pull.number) } : {}),
    skipUnchanged,
  });
  return { ...diff, feature: plans.feature?.feature ?? null };
}

export async function evaluateAndPost(job: Job, target: EvaluationTarget): Promise<EvaluationResult> {
  const evaluation = await evaluateCommit(job, target);
  if (!evaluation) return { posted: [], unchanged: [] };
  const log = job.log.child({ feature: evaluation.feature, sha: target.sha, pull: target.pull?.number ?? null });
  const posted = await applyCheckRunWrites(job.github, job.repo, evaluation.writes, log);
  if (evaluation.unchanged.length > 0) log.debug({ unchanged: evaluation.unchanged }, 'check runs unchanged; nothing written');
  return { posted, unchanged: evaluation.unchanged };
}
