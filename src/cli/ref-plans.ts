// Which plans a dry run at a ref looks at, and how the app would sync each: the app's own rules.
// A branch with an open pull request: the plans that pull request carries (src/changed-plans),
// synced as the pull_request handler does. A feature branch without one: the same rule over the
// branch's difference from the default branch (what its pull request would carry). `--plan PATH`:
// that plan alone, with the feature rule every caller uses (src/plan/spec-directory.ts).
import type { RepositoryData } from '../github/github.js';
import { loadPlansAt, type PlanJob } from '../changed-plans/load-plans.js';
import type { PlanSource } from '../changed-plans/plans.js';
import { featureFromBranch, renderPlanPath } from '../plan/feature.js';
import { parsePlan } from '../plan/index.js';
import { featureOfPlanPath } from '../plan/spec-directory.js';
import { readOrError, type FeatureSyncInput } from '../sync/dry-run.js';
import { CliError } from './io.js';

/** One plan to sync, as the app's handler would hand it to the reconciler. */
export type SyncTarget = Pick<FeatureSyncInput, 'feature' | 'planPath' | 'ref' | 'branchForLinks' | 'author' | 'commitBranch' | 'plan' | 'reread'>;

export interface RefPlans {
  targets: SyncTarget[];
  /** Said on stderr: what the dry run assumed, plans that could not be read. */
  notes: string[];
  /** Where the branch's plan was expected, for the "found no plan" message. */
  looked: string | null;
}

const SHA = /^[0-9a-f]{7,40}$/i;

export async function plansOfRef(job: PlanJob, repository: RepositoryData, ref: string, planPath: string | null): Promise<RefPlans> {
  const { github, repo: where } = job;
  const { config } = await job.config();
  const isBranch = await github.branchExists(where, ref);
  if (!isBranch && !SHA.test(ref)) throw new CliError(`issues: ${where.owner}/${where.repo} has no branch ${ref}`);
  const branch = isBranch ? ref : null;
  const onDefault = branch === repository.default_branch;
  // The app syncs a branch's plans on its pull request's events: that pull request names the author.
  const pull = branch && !onDefault ? ((await github.listOpenPulls(where, { head: `${where.owner}:${branch}` }))[0] ?? null) : null;
  const author = pull?.user?.login ?? null;
  const feature = branch ? featureFromBranch(branch, config.branches.pattern) : null;
  const expectedPath = feature ? renderPlanPath(config.plan.path, feature) : null;

  if (planPath) {
    const file = await readOrError(github, where, planPath, ref);
    if (file === null) throw new CliError(`issues: there is no ${planPath} at ${ref} in ${where.owner}/${where.repo}`);
    if (file instanceof Error) throw new CliError(`issues: ${file.message}`);
    const branchPlan = feature && expectedPath ? { feature: feature.feature, planPath: expectedPath } : null;
    const planFeature = () => parsePlan(file.content, { file: planPath, kind: 'plan' }).feature;
    return {
      targets: [
        {
          feature: featureOfPlanPath(planPath, config.branches.pattern, planFeature, branchPlan),
          planPath,
          ref,
          branchForLinks: branch ?? ref,
          author,
          commitBranch: branch,
          plan: { content: file.content, blobSha: file.sha },
        },
      ],
      notes: [],
      looked: planPath,
    };
  }
  if (onDefault) {
    throw new CliError(`issues: ${ref} is the default branch, where the app syncs the plans each push changes; name the plan with --plan PATH`);
  }

  const source: PlanSource = pull
    ? { key: `pull:${pull.number}:${pull.head.sha}:${pull.head.ref}`, branch: pull.head.ref, sha: pull.head.sha, pull: pull.number }
    : { key: `compare:${repository.default_branch}...${ref}`, branch, sha: ref, compare: { base: repository.default_branch, head: ref } };
  const plans = await loadPlansAt(job, source);
  const notes = [
    ...(pull ? [] : [`${ref} has no open pull request: showing what the app would do once one is opened (the plans it changes against ${repository.default_branch})`]),
    ...(plans.filesTruncated ? ['GitHub listed only part of the changed files: plans among the rest are not shown'] : []),
    ...plans.readErrors.map((error) => `${error.path}: ${error.message}`),
  ];
  const targets = plans.plans.map(
    (plan): SyncTarget => ({
      feature: plan.feature,
      planPath: plan.path,
      // As the pull_request handler does: the plan as the branch has it now, reusing this parse when unchanged.
      ref: pull?.head.ref ?? ref,
      branchForLinks: pull?.head.ref ?? branch ?? ref,
      author,
      commitBranch: pull?.head.ref ?? branch,
      plan: { content: plan.content, blobSha: plan.blobSha, model: plan.model },
      reread: pull !== null,
    }),
  );
  return { targets, notes, looked: expectedPath };
}
