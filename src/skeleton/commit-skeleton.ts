// Commits the rendered plan skeleton to a feature branch, at most once.
// There is no existence check before the write: creating without `sha` is refused with 422 when a
// file is already at the path (a plan someone pushed, a redelivery, the second of create + push,
// a concurrent delivery), which counts as "exists". So nothing is ever overwritten, and a new
// branch costs one request less (4 with no configuration anywhere).
import type { Job } from '../job/job.js';
import type { PlanbotConfig } from '../config/schema.js';
import { renderTemplate } from '../plan/index.js';
import { featureFromBranch, fillPlaceholders, renderPlanPath, type FeatureRef } from '../plan/feature.js';
import type { RepoCoordinates } from '../github/github.js';
import { featureRefFor, type SpecDirectory } from '../plan/spec-directory.js';
import { chooseTemplate, SPEC_KIT_TEMPLATE_PATH, type TemplateSource } from './choose-template.js';
import { classifyWriteFailure } from '../github/write-refusal.js';
import { today, type Clock } from './clock.js';

/** What commitSkeleton needs of a job (any event's: the payload may name the default branch). */
export type SkeletonJob = Pick<Job, 'github' | 'log' | 'payload'>;

export interface CommitSkeletonOptions extends RepoCoordinates {
  branch: string;
  /** A valid config (callers stop earlier when loadConfig reported problems). */
  config: PlanbotConfig;
  /** Defaults to the process clock (see clock.ts). */
  clock?: Clock;
  /**
   * Create this spec directory's plan (`<dir>/plan.md`) instead of the branch's: spec-kit 1.0
   * features are directories, whatever the branch is called.
   */
  specDirectory?: SpecDirectory;
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
 * Requests: 1–2 template reads and 1 write (refused with 422 when a file is already at the path).
 */
export async function commitSkeleton(job: SkeletonJob, options: CommitSkeletonOptions): Promise<CommitSkeletonResult> {
  const { owner, repo, branch, config } = options;
  const where = { owner, repo };
  const ref = options.specDirectory ? featureRefFor(options.specDirectory, branch, config.branches.pattern) : featureFromBranch(branch, config.branches.pattern);
  if (!ref) return { status: 'ignored', path: null, reason: `branch "${branch}" is not a feature branch` };
  const log = job.log.child({ feature: ref.feature });

  const path = options.specDirectory ? `${options.specDirectory.dir}/plan.md` : renderPlanPath(config.plan.path, ref);
  if (!path) {
    log.warn({ branch, template: config.plan.path }, 'plan path would leave the repository; ignoring the branch');
    return { status: 'ignored', path: null, reason: `plan.path "${config.plan.path}" gives no safe path for branch "${branch}"` };
  }

  const template = await chooseTemplate(
    job.github,
    {
      where,
      branch,
      configured: config.plan.template,
      defaultBranch: () => defaultBranchOf(job, where),
      // A monorepo project's own spec-kit templates sit beside its specs/ (`apps/web/.specify/…`).
      specKitTemplate: options.specDirectory ? projectTemplatePath(options.specDirectory.dir) : undefined,
    },
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
    const { commitSha } = await job.github.writeFile(where, { path, branch, content, message });
    log.info({ branch, path, commitSha, template: template.location ?? 'built-in' }, 'committed the plan skeleton');
    return { status: 'committed', path, commitSha, template: template.source };
  } catch (error) {
    const failure = classifyWriteFailure(error);
    if (failure.kind === 'exists') {
      log.info({ branch, path }, 'plan already exists; nothing to commit');
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

/** `apps/web/specs/004-x` → `apps/web/.specify/templates/plan-template.md`; `specs/004-x` → the root's. */
function projectTemplatePath(dir: string): string {
  const root = dir.slice(0, dir.lastIndexOf('specs/'));
  return `${root}${SPEC_KIT_TEMPLATE_PATH}`;
}

export function commitMessage(template: string, ref: FeatureRef, path: string): string {
  return fillPlaceholders(template, ref, { path });
}

/** From the payload when it says (every repository event does); else one request. */
async function defaultBranchOf(job: SkeletonJob, where: RepoCoordinates): Promise<string> {
  const fromPayload = (job.payload as { repository?: { default_branch?: unknown } })?.repository?.default_branch;
  if (typeof fromPayload === 'string' && fromPayload) return fromPayload;
  return (await job.github.getRepository(where)).default_branch;
}
