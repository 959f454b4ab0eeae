// `/planbot sync --dry-run`: the actions the sync would apply now, one line each, and nothing
// written but the reply (and the command's reactions). The list comes from the sync's own planner
// (src/sync/dry-run.ts), so it is what `/planbot sync` would do, not an estimate.
import type { PlanbotConfig } from '../config/schema.js';
import type { JobOf } from '../job/job.js';
import { describeAction, planFeatureSync, type FeatureSyncPlan } from '../sync/dry-run.js';
import { featureSyncInput, type SyncPreloaded, type SyncTarget } from '../sync/sync-feature.js';
import { pullRequestSyncTargets, type SyncablePullRequest } from '../sync/sync-pull-request.js';
import { neutralise } from '../text/neutralise.js';
import { formatConfigProblem } from '../config/problems.js';
import { describeBoardAction } from '../projects/actions.js';
import { planBoardAfter, type BoardOutcome } from '../sync/board-step.js';
import { issueFeature } from './issue-site.js';
import type { CommandOutcome, CommandSite } from './outcome.js';

type CommentJob = JobOf<'issue_comment'>;

/** Lines listed per feature; the rest are counted (a reply stays readable, and under GitHub's size limit). */
export const MAX_LISTED_ACTIONS = 50;

export interface PlannedFeature {
  planPath: string;
  plan: FeatureSyncPlan;
  /** The Project board's changes (`projects` configured). */
  board?: BoardOutcome | null;
}

/** Reads only: the plan (and tasks.md), planbot's issues and their links, as the sync reads them. */
export async function syncDryRun(job: CommentJob, site: CommandSite, config: PlanbotConfig): Promise<CommandOutcome> {
  const targets: Array<{ target: SyncTarget; preloaded: SyncPreloaded }> = [];
  if (site.kind === 'issue') {
    const feature = await issueFeature(job, site.marker);
    if (!feature.found) return { ok: false, reason: `${feature.reason}.` };
    targets.push({ target: feature.target, preloaded: { plan: feature.plan, config } });
  } else {
    const pull = await job.github.getPull(job.repo, site.number);
    targets.push(...(await pullRequestSyncTargets(job, pull as unknown as SyncablePullRequest)));
    if (targets.length === 0) {
      return { ok: false, reason: 'there is nothing to sync: this pull request carries no plan, or it comes from a fork (whose plans are synced once merged).' };
    }
  }
  const planned: PlannedFeature[] = [];
  for (const { target, preloaded } of targets) {
    // The same input the sync would plan from: the list is what `/planbot sync` would apply now.
    const input = featureSyncInput(job, target, preloaded, preloaded.config ?? config);
    const plan = await planFeatureSync(input);
    planned.push({ planPath: target.planPath, plan, board: await planBoardAfter(input, plan) });
  }
  const failed = planned.filter((feature) => feature.plan.status !== 'planned');
  if (failed.length > 0) return { ok: false, reason: failed.map((feature) => feature.plan.message).join(' ') };
  return { ok: true, note: dryRunReport(planned) };
}

/** The reply: per plan, "nothing to do" or one line per action, in the order the sync would apply them. */
export function dryRunReport(planned: PlannedFeature[]): string {
  const sections = planned.map(({ planPath, plan, board }) => {
    const head = planned.length > 1 ? `\`${planPath}\`: ` : '';
    const issues = issueSection(head, plan);
    const cards = board?.actions ?? [];
    const notes = [...(board?.problems ?? []).map(formatConfigProblem), ...(board?.notes ?? [])].map((note) => `- ${neutralise(note, { mode: 'markdown' })}`);
    if (cards.length === 0 && notes.length === 0) return issues;
    const lines = cards.slice(0, MAX_LISTED_ACTIONS).map((action) => `- ${neutralise(describeBoardAction(action), { mode: 'markdown' })}`);
    if (cards.length > MAX_LISTED_ACTIONS) lines.push(`- … and ${cards.length - MAX_LISTED_ACTIONS} more`);
    const title = cards.length > 0 ? `${head}${cards.length} Project board ${cards.length === 1 ? 'change' : 'changes'}:` : `${head}Project board:`;
    return [issues, '', title, ...lines, ...notes].join('\n');
  });
  return [...sections, '', 'This was a dry run: nothing was changed.'].join('\n');
}

function issueSection(head: string, plan: FeatureSyncPlan): string {
  if (plan.actions.length === 0) return `${head}nothing to do: the issues match the plan.`;
  const count = `${plan.actions.length} ${plan.actions.length === 1 ? 'action' : 'actions'}`;
  // Lines quote titles and reasons from the plan: no mentions, references or HTML in the reply.
  const lines = plan.actions.slice(0, MAX_LISTED_ACTIONS).map((action) => `- ${neutralise(describeAction(action, plan), { mode: 'markdown' })}`);
  if (plan.actions.length > MAX_LISTED_ACTIONS) lines.push(`- … and ${plan.actions.length - MAX_LISTED_ACTIONS} more`);
  return [`${head}${count} the sync would apply now:`, ...lines].join('\n');
}
