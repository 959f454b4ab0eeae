// Gather: everything evaluating one commit reads from GitHub. Its plans, the check runs already on
// it (for the diff, and as evidence), and what the gates' configured evidence asks for: other
// checks' statuses and the pull request's approvals. Nothing is read that the plans do not need.
import type { CommitStatusEntry, ExistingCheckRun } from '../github/github.js';
import type { Job } from '../job/job.js';
import { loadPlansAt, loadPullRequestPlans } from '../changed-plans/load-plans.js';
import type { PullRequestPlans } from '../changed-plans/plans.js';
import { countApprovals } from './approvals.js';
import { evidenceNeeds, type EvidenceFacts } from './evidence.js';
import { externalCheckState } from './external-checks.js';
import { isPlanbotCheckName, nameKey } from './names.js';
import type { EvaluationTarget } from './targets.js';

export interface Gathered {
  plans: PullRequestPlans;
  /** The latest run of every name on the commit (all apps); empty when nothing needed them. */
  runs: ExistingCheckRun[];
  facts: EvidenceFacts;
}

/** `listRuns`: the diff needs the runs already on the commit (otherwise only gate evidence may). */
export async function gather(job: Job, target: EvaluationTarget, options: { listRuns: boolean }): Promise<Gathered> {
  const { github, repo } = job;
  // The runs already on the commit do not depend on the plans: list them while the plans load.
  const listingRuns = options.listRuns ? github.listCheckRuns(repo, target.sha) : null;
  listingRuns?.catch(() => {}); // observed below; this only stops an early plan failure leaving it unhandled
  const plans = await loadTargetPlans(job, target);
  const needs =
    plans.problems.length > 0
      ? { reviews: false, checkNames: [] }
      : evidenceNeeds(
          plans.plans.flatMap((plan) => plan.model.gates),
          plans.config.gates.evidence,
        );

  const runs: ExistingCheckRun[] = listingRuns ? await listingRuns : needs.checkNames.length > 0 ? await github.listCheckRuns(repo, target.sha) : [];
  const foreignRuns = runs.filter((run) => !isPlanbotCheckName(run.name));
  const unseen = needs.checkNames.filter((name) => !foreignRuns.some((run) => nameKey(run.name) === nameKey(name)));
  const statuses: CommitStatusEntry[] = unseen.length > 0 ? await github.listCommitStatuses(repo, target.sha) : [];
  const facts: EvidenceFacts = {
    approvals: needs.reviews && target.pull ? countApprovals(await github.listReviews(repo, target.pull.number)) : null,
    changedFiles: plans.changedFiles,
    filesTruncated: plans.filesTruncated,
    checks: new Map(needs.checkNames.map((name) => [nameKey(name), externalCheckState(name, foreignRuns, statuses)])),
  };
  return { plans, runs, facts };
}

function loadTargetPlans(job: Job, target: EvaluationTarget): Promise<PullRequestPlans> {
  if (target.pull) {
    return loadPullRequestPlans(job, { number: target.pull.number, head: { ref: target.pull.headRef, sha: target.sha } });
  }
  const compare = target.compare;
  if (!compare) throw new Error('an evaluation without a pull request needs a base to compare with');
  return loadPlansAt(job, { key: `commit:${target.sha}`, branch: null, sha: target.sha, compare });
}
