// Commits the rendered plan skeleton to a feature branch, at most once.
// Order keeps the common repeat (create + push of one branch, redeliveries) cheap: the existence
// check comes before the template read, so a branch that already has its plan costs one read.
// "At most once" under concurrency comes from creating without `sha`: GitHub refuses with 422
// when the file appeared meanwhile, which counts as "exists".
import type { Context } from 'probot';
import type { PlanbotConfig } from '../config/schema.js';
import { renderTemplate } from '../plan/index.js';
import { featureFromBranch, fillPlaceholders, renderPlanPath, type FeatureRef } from '../plan/feature.js';
import { FileTooLargeError, NotTextError, readRepoFile, writeRepoFile, type Octokit, type RepoCoordinates } from '../github/files.js';
import { chooseTemplate, type TemplateSource } from './choose-template.js';
import { classifyWriteFailure } from './write-refusal.js';
import { today, type Clock } from './clock.js';

/** What commitSkeleton needs from a webhook context (any event that carries a repository). */
export type SkeletonContext = Pick<Context, 'octokit' | 'log' | 'id'> & { payload: unknown };

export interface CommitSkeletonOptions extends RepoCoordinates {
  branch: string;
  /** A valid config (callers stop earlier when loadConfig reported problems). */
  config: PlanbotConfig;
  /** Defaults to the process clock (see clock.ts). */
  clock?: Clock;
}

export interface CommitSkeletonResult {
  /**
   * committed: a new commit holds the skeleton. exists: the plan was already there (nothing written).
   * ignored: not a feature branch, or no safe path for it. refused: GitHub refused the write (final).
   */
  status: 'committed' | 'exists' | 'ignored' | 'refused';
  /** The plan path, once known. */
  path: string | null;
  reason?: string;
  /** Set when committed. */
  commitSha?: string;
  /** Set when committed: where the template came from. */
  template?: TemplateSource;
}

/**
 * Does not consult `skeleton.enabled`: that switch is for the automatic commit on branch creation;
 * an explicit request (`/planbot init`) is the caller's decision.
 * Requests: 1 existence read, then (if absent) 1–2 template reads and 1 write.
 */
export async function commitSkeleton(context: SkeletonContext, options: CommitSkeletonOptions): Promise<CommitSkeletonResult> {
  const { owner, repo, branch, config } = options;
  const where = { owner, repo };
  const ref = featureFromBranch(branch, config.branches.pattern);
  if (!ref) return { status: 'ignored', path: null, reason: `branch "${branch}" is not a feature branch` };
  const log = context.log.child({ feature: ref.feature });

  const path = renderPlanPath(config.plan.path, ref);
  if (!path) {
    log.warn({ branch, template: config.plan.path }, 'plan path would leave the repository; ignoring the branch');
    return { status: 'ignored', path: null, reason: `plan.path "${config.plan.path}" gives no safe path for branch "${branch}"` };
  }

  if (await planExists(context.octokit, where, path, branch)) {
    log.debug({ branch, path }, 'plan already exists; nothing to commit');
    return { status: 'exists', path };
  }

  const template = await chooseTemplate(
    context.octokit,
    { where, branch, configured: config.plan.template, defaultBranch: () => defaultBranchOf(context, where) },
    log,
  );
  const content = renderTemplate(template.text, {
    feature: ref.feature,
    number: ref.number,
    slug: ref.slug,
    date: today(options.clock),
  });
  const message = commitMessage(config.skeleton.commit_message, ref, path);

  try {
    const { commitSha } = await writeRepoFile(context.octokit, where, { path, branch, content, message });
    log.info({ branch, path, commitSha, template: template.location ?? 'built-in' }, 'committed the plan skeleton');
    return { status: 'committed', path, commitSha, template: template.source };
  } catch (error) {
    const failure = classifyWriteFailure(error);
    if (failure.kind === 'exists') {
      log.info({ branch, path }, 'plan appeared while committing (concurrent delivery); nothing to commit');
      return { status: 'exists', path };
    }
    if (failure.kind === 'refused') {
      log.warn({ branch, path, status: failure.status, reason: failure.reason }, 'GitHub refused the plan skeleton commit; not retrying');
      return { status: 'refused', path, reason: `GitHub answered ${failure.status}: ${failure.reason}` };
    }
    log.error({ err: error, branch, path }, 'committing the plan skeleton failed; the delivery will be retried');
    throw error;
  }
}

export function commitMessage(template: string, ref: FeatureRef, path: string): string {
  return fillPlaceholders(template, ref, { path });
}

/** Any file at the path counts, even one planbot would refuse to parse (too large, binary). */
async function planExists(octokit: Octokit, where: RepoCoordinates, path: string, branch: string): Promise<boolean> {
  try {
    return (await readRepoFile(octokit, where, path, branch)) !== null;
  } catch (error) {
    if (error instanceof FileTooLargeError || error instanceof NotTextError) return true;
    throw error;
  }
}

/** From the payload when it says (every repository event does); else one request. */
async function defaultBranchOf(context: SkeletonContext, where: RepoCoordinates): Promise<string> {
  const fromPayload = (context.payload as { repository?: { default_branch?: unknown } })?.repository?.default_branch;
  if (typeof fromPayload === 'string' && fromPayload) return fromPayload;
  const { data } = await context.octokit.rest.repos.get({ ...where });
  return data.default_branch;
}
