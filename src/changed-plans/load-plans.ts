// The plans a change carries, read at its head commit through the base repository (so fork pull
// requests work) and analysed by the plan engine. Memoised per job: the checks and the issue sync
// both handle one pull_request event and share these requests.
import type { Job } from '../job/job.js';
import { featureFromBranch, renderPlanPath } from '../plan/feature.js';
import { featureOfPlanPath } from '../plan/spec-directory.js';
import { checklistGate } from '../plan/checklist-gates.js';
import { warnOnParseFallback } from '../logging/parse-fallback.js';
import { checklistCandidates, MAX_CHECKLISTS_PER_PULL, MAX_PLANS_PER_PULL, planCandidates } from './candidates.js';
import { listChangedFiles } from './changed-files.js';
import { addSubIssueLimitFindings } from './limit-findings.js';
import { readChangedFile, type FileReader } from './read-files.js';
import type { PlanSource, PullRequestPlans, PullRequestRef } from './plans.js';

/** What loading needs of a job (a Job has it all). */
export type PlanJob = Pick<Job, 'github' | 'repo' | 'log' | 'config' | 'caches'>;

/** The plans of a pull request at `pr.head.sha`. Memoised per job and (number, head SHA). */
export function loadPullRequestPlans(job: PlanJob, pr: PullRequestRef): Promise<PullRequestPlans> {
  return loadPlansAt(job, { key: `pull:${pr.number}:${pr.head.sha}:${pr.head.ref}`, branch: pr.head.ref, sha: pr.head.sha, pull: pr.number });
}

export function loadPlansAt(job: PlanJob, source: PlanSource): Promise<PullRequestPlans> {
  const memo = job.caches.perJob as Map<string, Promise<PullRequestPlans>>;
  const key = `changed-plans:${source.key}`;
  let pending = memo.get(key);
  if (!pending) {
    const loading = load(job, source);
    memo.set(key, loading);
    // A failure (e.g. a 502) must not be remembered: a later caller in the same job may retry.
    loading.catch(() => {
      if (memo.get(key) === loading) memo.delete(key);
    });
    pending = loading;
  }
  return pending;
}

async function load(job: PlanJob, source: PlanSource): Promise<PullRequestPlans> {
  const { config, problems } = await job.config();
  const feature = source.branch ? featureFromBranch(source.branch, config.branches.pattern) : null;
  const log = job.log.child({ feature: feature?.feature ?? null });
  const result: PullRequestPlans = {
    config,
    problems,
    feature,
    expectedPath: null,
    plans: [],
    missing: false,
    changedFiles: [],
    readErrors: [],
    removedFiles: [],
    filesTruncated: false,
    headSha: source.sha,
    checklists: [],
  };
  if (problems.length > 0) return result;

  if (feature) {
    result.expectedPath = renderPlanPath(config.plan.path, feature);
    if (!result.expectedPath) log.warn({ template: config.plan.path }, 'plan path for this branch leaves the repository; ignored');
  }

  const change = source.pull !== undefined ? { pull: source.pull } : source.compare;
  if (!change) throw new Error('plans without a pull request need two commits to compare');
  const changed = await listChangedFiles(job.github, job.repo, change);
  result.changedFiles = changed.files;
  result.removedFiles = changed.removed;
  result.filesTruncated = changed.truncated;

  const reader: FileReader = { github: job.github, where: job.repo, log, readErrors: result.readErrors };
  const candidates = planCandidates(changed, config.plan.glob, result.expectedPath);
  for (const { path } of candidates.slice(MAX_PLANS_PER_PULL)) {
    result.readErrors.push({ path, message: `not checked: planbot checks at most ${MAX_PLANS_PER_PULL} plans per pull request` });
  }
  const branchPlan = feature && { feature: feature.feature, planPath: result.expectedPath };
  for (const { path, mayBeAbsent } of candidates.slice(0, MAX_PLANS_PER_PULL)) {
    const file = await readChangedFile(reader, path, source.sha, 'plan', mayBeAbsent);
    if (!file) continue;
    try {
      const options = { file: path, kind: 'plan' as const, vocabulary: config.gates.vocabulary, requiredSections: config.gates.required_sections };
      const model = await job.caches.analyses.analyse(file.content, options, warnOnParseFallback(log, { path }));
      await addSubIssueLimitFindings(model, path, config, { files: changed.files, sha: source.sha }, reader);
      result.plans.push({
        path,
        feature: featureOfPlanPath(path, config.branches.pattern, model.feature, branchPlan),
        content: file.content,
        blobSha: file.sha,
        ref: source.sha,
        model,
      });
    } catch (error) {
      log.error({ err: error, path }, 'plan engine failed on this plan');
      result.readErrors.push({ path, message: `could not be analysed: ${(error as Error).message}` });
    }
  }

  const checklists = checklistCandidates(
    changed,
    result.plans.map((plan) => plan.path),
  );
  for (const path of checklists.slice(MAX_CHECKLISTS_PER_PULL)) {
    result.readErrors.push({ path, message: `not checked: planbot reads at most ${MAX_CHECKLISTS_PER_PULL} checklists per pull request` });
  }
  for (const path of checklists.slice(0, MAX_CHECKLISTS_PER_PULL)) {
    const file = await readChangedFile(reader, path, source.sha, 'checklist', false);
    if (file) (result.checklists ??= []).push(checklistGate(path, file.content));
  }

  const featureId = feature?.feature;
  result.missing =
    result.expectedPath !== null &&
    !result.plans.some((plan) => plan.path === result.expectedPath || plan.feature === featureId) &&
    !result.readErrors.some((error) => error.path === result.expectedPath);
  return result;
}
