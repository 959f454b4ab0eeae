// The plans a pull request carries, read at its head commit through the base repository (so fork
// pull requests work) and analysed by the plan engine. Memoised per webhook context: the checks
// and the issue sync both handle one pull_request event and share these requests.
import type { Context } from 'probot';
import picomatch from 'picomatch';
import { planTaskLimitFindings, subIssueLimitFinding } from '../sync/limits.js';
import { loadConfig, type ConfigProblem } from '../config/load.js';
import type { PlanbotConfig } from '../config/schema.js';
import { featureFromBranch, renderPlanPath, siblingPath, type FeatureRef } from '../plan/feature.js';
import { featureOfPlanPath, isChecklistOf, specDirectories } from '../plan/spec-directory.js';
import { checklistGate, type ChecklistGate } from '../checks/checklist-gates.js';
import { parsePlan, type Finding, type PlanModel } from '../plan/index.js';
import { planAnalysisCache } from './plan-analysis-cache.js';
import { FileTooLargeError, NotTextError, readRepoFile, type RepoFile } from './files.js';
import { listPullRequestFiles, type ChangedFiles } from './changed-files.js';
import { warnOnParseFallback } from '../logging/parse-fallback.js';

/** A pull request with many plans gets the first ones checked and a note about the rest. */
export const MAX_PLANS_PER_PULL = 50;
/** Checklist files read per pull request (each costs one request). */
export const MAX_CHECKLISTS_PER_PULL = 50;

export interface PlanFile {
  path: string;
  /** The feature the plan belongs to: the branch's when it is the configured path, else its folder's name. */
  feature: string | null;
  content: string;
  blobSha: string;
  /** The commit it was read at (the pull request's head SHA). */
  ref: string;
  model: PlanModel;
}

export interface PullRequestPlans {
  config: PlanbotConfig;
  /** Non-empty: the configuration is invalid; nothing was listed or read, and nobody may write. */
  problems: ConfigProblem[];
  feature: FeatureRef | null;
  /** The configured plan path for the branch's feature; null when not a feature branch (or the path is unsafe). */
  expectedPath: string | null;
  plans: PlanFile[];
  /** A feature branch whose plan is absent (at the configured path, and among the changed plans). */
  missing: boolean;
  changedFiles: string[];
  /** Plans that exist but could not be used (too large, not text, beyond the per-PR limit), with why. */
  readErrors: Array<{ path: string; message: string }>;
  /** Changed paths the pull request deletes. */
  removedFiles: string[];
  /** GitHub's file list stopped at its cap: plans among the unlisted files are not seen. */
  filesTruncated: boolean;
  /** The commit the plans were read at. */
  headSha: string;
  /** spec-kit checklists (`<spec dir>/checklists/*.md`) the pull request carries, next to a checked plan: each is a gate. */
  checklists?: ChecklistGate[];
}

export interface PullRequestRef {
  number: number;
  head: { ref: string; sha: string };
  base?: unknown;
}

/** What loadPlansAt needs: where to read, which branch names the feature, how to list changed files. */
export interface PlanSource {
  /** Memo key: two calls with the same key in one context share one result. */
  key: string;
  /** The feature branch name, or null when there is none (e.g. a merge group of unknown origin). */
  branch: string | null;
  sha: string;
  listChangedFiles: () => Promise<ChangedFiles>;
}

type PlanContext = Pick<Context, 'config' | 'repo' | 'octokit' | 'log'>;

const memo = new WeakMap<object, Map<string, Promise<PullRequestPlans>>>();

/** The plans of a pull request at `pr.head.sha`. Memoised per context and (number, head SHA). */
export function loadPullRequestPlans(context: PlanContext, pr: PullRequestRef): Promise<PullRequestPlans> {
  return loadPlansAt(context, {
    key: `pull:${pr.number}:${pr.head.sha}:${pr.head.ref}`,
    branch: pr.head.ref,
    sha: pr.head.sha,
    listChangedFiles: () => listPullRequestFiles(context.octokit, context.repo(), pr.number),
  });
}

export function loadPlansAt(context: PlanContext, source: PlanSource): Promise<PullRequestPlans> {
  let perContext = memo.get(context);
  if (!perContext) memo.set(context, (perContext = new Map()));
  let pending = perContext.get(source.key);
  if (!pending) {
    const loading = load(context, source);
    perContext.set(source.key, loading);
    // A failure (e.g. a 502) must not be remembered: a later caller in the same job may retry.
    loading.catch(() => {
      if (perContext.get(source.key) === loading) perContext.delete(source.key);
    });
    pending = loading;
  }
  return pending;
}

async function load(context: PlanContext, source: PlanSource): Promise<PullRequestPlans> {
  const { config, problems } = await loadConfig(context);
  const feature = source.branch ? featureFromBranch(source.branch, config.branches.pattern) : null;
  const log = context.log.child({ feature: feature?.feature ?? null });
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

  const changed = await source.listChangedFiles();
  result.changedFiles = changed.files;
  result.removedFiles = changed.removed;
  result.filesTruncated = changed.truncated;

  const removed = new Set(changed.removed);
  const isPlan = picomatch(config.plan.glob, { dot: true });
  // The spec directories the pull request changes name its features, whatever the branch is called:
  // their plan is checked even when only tasks.md, spec.md or a checklist changed.
  const fromSpecDirectories = specDirectories(changed.files.filter((path) => !removed.has(path)))
    .map((spec) => `${spec.dir}/plan.md`)
    .filter((path) => isPlan(path) && !removed.has(path));
  const optional = new Set([...(result.expectedPath ? [result.expectedPath] : []), ...fromSpecDirectories]);
  const candidates = [
    ...(result.expectedPath && !removed.has(result.expectedPath) ? [result.expectedPath] : []),
    ...changed.files.filter((path) => isPlan(path) && !removed.has(path)),
    ...fromSpecDirectories,
  ];
  const paths = [...new Set(candidates)];
  for (const path of paths.slice(MAX_PLANS_PER_PULL)) {
    result.readErrors.push({ path, message: `not checked: planbot checks at most ${MAX_PLANS_PER_PULL} plans per pull request` });
  }

  for (const path of paths.slice(0, MAX_PLANS_PER_PULL)) {
    const file = await readPlan(context, log, path, source.sha, result, optional.has(path) && !changed.files.includes(path));
    if (!file) continue;
    try {
      const options = { file: path, kind: 'plan' as const, vocabulary: config.gates.vocabulary, requiredSections: config.gates.required_sections };
      const model = await planAnalysisCache.analyse(file.content, options, warnOnParseFallback(log, { path }));
      // The issue sync can link only so many phases; say so where people look.
      const tooManyPhases = config.issues.enabled ? subIssueLimitFinding(model) : null;
      if (tooManyPhases) model.findings = [...model.findings, tooManyPhases].sort((a, b) => a.line - b.line);
      // issues.granularity: task — a phase issue's sub-issues are its tasks too.
      const tooManyTasks = config.issues.enabled && config.issues.granularity === 'task' ? await taskLimitFindings(context, log, path, model, changed.files, source.sha, result) : [];
      if (tooManyTasks.length > 0) model.findings = [...model.findings, ...tooManyTasks].sort((a, b) => a.line - b.line);
      result.plans.push({
        path,
        feature: planFeature(path, result, config.branches.pattern, model),
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

  await readChecklists(context, log, source.sha, changed, result);

  const featureId = feature?.feature;
  result.missing =
    result.expectedPath !== null &&
    !result.plans.some((plan) => plan.path === result.expectedPath || plan.feature === featureId) &&
    !result.readErrors.some((error) => error.path === result.expectedPath);
  return result;
}

/** Reads one plan; null when absent or unusable (recorded in readErrors). Other errors propagate. */
/**
 * More tasks in a phase than its issue can hold as sub-issues: plan.md's own tasks, and those of the
 * tasks.md next to it when the pull request changes it (1 read; its findings name it, on line 1 of the plan).
 */
async function taskLimitFindings(
  context: PlanContext,
  log: PlanContext['log'],
  path: string,
  model: PlanModel,
  changedFiles: string[],
  sha: string,
  result: PullRequestPlans,
): Promise<Finding[]> {
  const findings = planTaskLimitFindings(model);
  const tasksPath = siblingPath(path, 'tasks.md');
  if (result.config.issues.source === 'plan' || !changedFiles.includes(tasksPath)) return findings;
  const tasks = await readPlan(context, log, tasksPath, sha, result, true);
  if (!tasks) return findings;
  const tasksModel = parsePlan(tasks.content, { file: tasksPath, kind: 'tasks' });
  return [...findings, ...planTaskLimitFindings(tasksModel).map((finding) => ({ ...finding, line: 1, message: `${tasksPath} line ${finding.line}: ${finding.message}` }))];
}

async function readPlan(
  context: PlanContext,
  log: PlanContext['log'],
  path: string,
  sha: string,
  result: PullRequestPlans,
  mayBeAbsent: boolean,
): Promise<RepoFile | null> {
  try {
    const file = await readRepoFile(context.octokit, context.repo(), path, sha, { lenient: true });
    if (!file && !mayBeAbsent && path !== result.expectedPath) {
      result.readErrors.push({ path, message: 'is listed as changed but is not a file at the head commit' });
    }
    return file;
  } catch (error) {
    if (error instanceof FileTooLargeError || error instanceof NotTextError) {
      result.readErrors.push({ path, message: error.message });
      return null;
    }
    log.error({ err: error, path, sha }, 'could not read plan');
    throw error;
  }
}

function planFeature(path: string, result: PullRequestPlans, pattern: string, model: PlanModel): string | null {
  if (path === result.expectedPath && result.feature) return result.feature.feature;
  return featureOfPlanPath(path, pattern, model.feature);
}

/**
 * The checklists the pull request adds or changes in the spec directory of each checked plan.
 * A feature's checklists are written on its branch, so its pull request lists them all; one
 * request each, none when there are none.
 */
async function readChecklists(
  context: PlanContext,
  log: PlanContext['log'],
  sha: string,
  changed: ChangedFiles,
  result: PullRequestPlans,
): Promise<void> {
  const removed = new Set(changed.removed);
  const dirs = new Set(result.plans.map((plan) => plan.path.slice(0, Math.max(0, plan.path.lastIndexOf('/')))));
  const paths = changed.files.filter((path) => !removed.has(path) && [...dirs].some((dir) => isChecklistOf(path, dir)));
  for (const path of paths.slice(MAX_CHECKLISTS_PER_PULL)) {
    result.readErrors.push({ path, message: `not checked: planbot reads at most ${MAX_CHECKLISTS_PER_PULL} checklists per pull request` });
  }
  for (const path of paths.slice(0, MAX_CHECKLISTS_PER_PULL)) {
    try {
      const file = await readRepoFile(context.octokit, context.repo(), path, sha, { lenient: true });
      if (!file) {
        result.readErrors.push({ path, message: 'is listed as changed but is not a file at the head commit' });
        continue;
      }
      (result.checklists ??= []).push(checklistGate(path, file.content));
    } catch (error) {
      if (error instanceof FileTooLargeError || error instanceof NotTextError) {
        result.readErrors.push({ path, message: error.message });
        continue;
      }
      log.error({ err: error, path, sha }, 'could not read checklist');
      throw error;
    }
  }
}
