// Issue → plan for a task's own issue (`issues.granularity: task`): closing it as completed ticks the
// task in tasks.md (or plan.md), reopening it unticks it. The event only starts the sync: the same
// reconciler as for ticks in phase issues merges the issue's state with the plan against the base
// in the issue's marker (src/sync/task-issues.ts), commits the plan, then brings the issues in line.
import type { Context } from 'probot';
import { loadConfig } from '../config/load.js';
import { readMarker } from '../sync/marker.js';
import { syncFeature } from '../sync/sync-feature.js';
import { locatePlan } from './locate-plan.js';
import { editableFile, featureBranchOf, isOwnIssue } from './planbot-issue.js';
import { explainRefusal } from './sync-back.js';

export async function syncBackTaskState(context: Context<'issues'>): Promise<void> {
  const { issue, action } = context.payload as Context<'issues'>['payload'] & { action: string };
  // Pure checks first: a phase issue, the tracking issue or any other issue costs no request.
  const marker = readMarker(issue.body);
  if (!marker || marker.tracking || !marker.task || marker.phase === null) return;
  // Closed as not planned says nothing about the task's box.
  if (action === 'closed' && (issue as { state_reason?: string | null }).state_reason === 'not_planned') return;
  const log = context.log.child({ feature: marker.feature, issue: issue.number, task: marker.task });
  if (!(await isOwnIssue(issue))) {
    log.info({ author: issue.user?.login }, 'issue carries a planbot task marker but planbot did not open it; ignoring');
    return;
  }
  const { config, problems } = await loadConfig(context);
  if (problems.length > 0) {
    log.warn({ problems }, 'configuration is invalid; not writing the task state back to the plan');
    return;
  }
  if (!config.issues.enabled || !config.issues.sync_back) {
    log.info('issues.sync_back is off; the next sync will show the plan’s state again');
    return;
  }
  const file = editableFile(marker, config);
  if (!file) {
    log.warn({ path: marker.path }, 'the issue’s marker names a file that is not a plan by this configuration; ignoring');
    return;
  }
  const located = await locatePlan(context, { path: marker.path, featureBranch: featureBranchOf(marker), defaultBranch: context.payload.repository.default_branch });
  if (!located.found) {
    log.warn({ path: marker.path, reason: located.reason }, 'the task state could not be committed to the plan');
    const key = marker.task.replace(/#\d+$/, '');
    await explainRefusal(context, [key], { kind: 'refused', branch: null, path: file.path, reason: located.reason }, (marker.pending ?? []).length > 0);
    return;
  }
  const { owner, repo } = context.repo();
  const branch = located.file.ref;
  const sender = context.payload.sender;
  const body = issue.body ?? '';
  const result = await syncFeature(
    context,
    {
      owner,
      repo,
      feature: marker.feature,
      planPath: marker.path,
      ref: branch,
      branchForLinks: branch,
      commitBranch: branch,
      trigger: { issueNumber: issue.number, before: body, after: body, sender: { login: sender.login, id: sender.id, type: sender.type } },
    },
    { plan: { content: located.file.content, blobSha: located.file.sha }, config },
  );
  log.info({ status: result.status, writes: result.writes, actions: result.actions.length }, 'task issue state synced with the plan');
}
