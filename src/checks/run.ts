// Evaluates one commit of a pull request (or a merge group) and posts the check runs: gather the
// facts the configuration asks for, build the wanted runs, skip those already shown, post the rest.
import type { Context } from 'probot';
import { loadConfig } from '../config/load.js';
import type { ChangedFiles } from '../github/changed-files.js';
import { isUnchanged, listCheckRunsForRef, postCheckRun, type ExistingCheckRun } from '../github/check-runs.js';
import { externalCheckState, listCommitStatuses, type CommitStatusEntry } from '../github/commit-checks.js';
import { loadPlansAt, loadPullRequestPlans, type PullRequestPlans } from '../github/pr-plans.js';
import { fetchApprovals } from '../github/reviews.js';
import { externalIdFor } from './actions.js';
import { buildCheckRuns } from './evaluate.js';
import { evidenceNeeds, type EvidenceFacts } from './evidence.js';
import { isPlanbotCheckName, nameKey } from './names.js';
import { isRetryAttempt } from '../app/job-attempt.js';
import { isLeaseLost } from '../queue/lease.js';

export interface EvaluationTarget {
  /** The commit the plans are read at and the check runs are posted on. */
  sha: string;
  /** The pull request, when known; its files are the changed files. */
  pull: { number: number; headRef: string; headRepository: string } | null;
  /** Changed files when there is no pull request (a merge group of unknown origin). */
  listChangedFiles?: () => Promise<ChangedFiles>;
  mergeGroup: boolean;
  /** Read the runs already on the commit and post only what differs (re-evaluations). */
  skipUnchanged: boolean;
}

export interface EvaluationResult {
  posted: string[];
  unchanged: string[];
}

type ChecksContext = Pick<Context, 'config' | 'repo' | 'octokit' | 'log'>;

export async function evaluateAndPost(context: ChecksContext, target: EvaluationTarget): Promise<EvaluationResult> {
  const repo = context.repo();
  const { config, problems } = await loadConfig(context);
  if (problems.length === 0 && !config.checks.enabled) return { posted: [], unchanged: [] };

  // A retried job may already have posted some runs before it failed: never post them twice.
  const skipUnchanged = target.skipUnchanged || isRetryAttempt(context);
  // The runs already on the commit do not depend on the plans: list them while the plans load.
  const listingRuns = skipUnchanged ? listCheckRunsForRef(context.octokit, repo, target.sha) : null;
  listingRuns?.catch(() => {}); // observed below; this only stops an early plan failure leaving it unhandled
  const plans = await loadTargetPlans(context, target);
  const log = context.log.child({ feature: plans.feature?.feature ?? null, sha: target.sha, pull: target.pull?.number ?? null });
  const needs =
    problems.length > 0
      ? { reviews: false, checkNames: [] }
      : evidenceNeeds(
          plans.plans.flatMap((plan) => plan.model.gates),
          config.gates.evidence,
        );

  const runs: ExistingCheckRun[] = listingRuns
    ? await listingRuns
    : needs.checkNames.length > 0
      ? await listCheckRunsForRef(context.octokit, repo, target.sha)
      : [];
  const foreignRuns = runs.filter((run) => !isPlanbotCheckName(run.name));
  const unseen = needs.checkNames.filter((name) => !foreignRuns.some((run) => nameKey(run.name) === nameKey(name)));
  const statuses: CommitStatusEntry[] = unseen.length > 0 ? await listCommitStatuses(context.octokit, repo, target.sha) : [];
  const facts: EvidenceFacts = {
    approvals: needs.reviews && target.pull ? await fetchApprovals(context.octokit, repo, target.pull.number) : null,
    changedFiles: plans.changedFiles,
    filesTruncated: plans.filesTruncated,
    checks: new Map(needs.checkNames.map((name) => [nameKey(name), externalCheckState(name, foreignRuns, statuses)])),
  };

  const wanted = buildCheckRuns({
    repo,
    plans,
    facts,
    headRepository: target.pull?.headRepository ?? `${repo.owner}/${repo.repo}`,
    mergeGroup: target.mergeGroup,
  });
  const existing = new Map(runs.filter((run) => isPlanbotCheckName(run.name)).map((run) => [run.name, run]));
  const result: EvaluationResult = { posted: [], unchanged: [] };
  for (const spec of wanted) {
    if (skipUnchanged && isUnchanged(existing.get(spec.name), spec)) {
      result.unchanged.push(spec.name);
      continue;
    }
    try {
      const posted = await postCheckRun(context.octokit, repo, target.sha, spec, target.pull ? externalIdFor(target.pull.number) : undefined);
      log.info({ check: spec.name, conclusion: spec.conclusion, checkRunId: posted.id, requests: posted.requests }, 'check run posted');
      result.posted.push(spec.name);
    } catch (error) {
      // Rethrown so the queue can retry; the log line carries the delivery id. A run that lost its
      // lease (Redis mode) stopped on purpose: the queue says so in one line.
      if (isLeaseLost(error)) throw error;
      log.error({ err: error, check: spec.name, status: (error as { status?: number }).status }, 'could not post check run');
      throw error;
    }
  }
  if (result.unchanged.length > 0) log.debug({ unchanged: result.unchanged }, 'check runs unchanged; nothing written');
  return result;
}

function loadTargetPlans(context: ChecksContext, target: EvaluationTarget): Promise<PullRequestPlans> {
  if (target.pull) {
    return loadPullRequestPlans(context, { number: target.pull.number, head: { ref: target.pull.headRef, sha: target.sha } });
  }
  const listChangedFiles = target.listChangedFiles;
  if (!listChangedFiles) throw new Error('an evaluation without a pull request needs a list of changed files');
  return loadPlansAt(context, { key: `commit:${target.sha}`, branch: null, sha: target.sha, listChangedFiles });
}
