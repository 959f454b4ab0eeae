// The buttons on the `planbot / plan` check run: "Sync issues" and "Re-check".
// GitHub sends `check_run.requested_action` only to the app that created the check run; the name
// test keeps planbot to the one check run that offers these buttons.
import type { JobOf } from '../job/job.js';
import { RECHECK_ACTION, SYNC_ISSUES_ACTION } from '../checks/actions.js';
import { PLAN_CHECK } from '../checks/names.js';
import { recheckPullRequest } from '../checks/recheck.js';
import { syncPullRequest } from '../sync/sync-pull-request.js';
import { accessOf } from './permission.js';
import { pullForCheckRun } from './find-pull.js';

/**
 * Requests: 1 config read (shared with what the action itself needs), 1 permission read,
 * 0–1 to find the pull request, then whatever the sync or re-check costs.
 */
export async function runCheckRunAction(job: JobOf<'check_run'>): Promise<void> {
  const { check_run: checkRun, sender } = job.payload;
  const identifier = (job.payload as { requested_action?: { identifier?: string } }).requested_action?.identifier;
  if (checkRun.name !== PLAN_CHECK) return;
  const log = job.log.child({ action: identifier, checkRunId: checkRun.id, sender: sender.login });
  if (identifier !== SYNC_ISSUES_ACTION && identifier !== RECHECK_ACTION) {
    log.warn('unknown check run action; ignoring it');
    return;
  }

  const { config } = await job.config();
  // The buttons show to people with write access; checking again costs one read and closes the gap.
  const access = await accessOf(job.github, job.repo, sender.login, config.commands.permission);
  if (!access.allowed) {
    log.warn({ role: access.role }, 'check run action by someone without the required access; ignoring it');
    return;
  }
  const pullNumber = await pullForCheckRun(job.github, job.repo, checkRun);
  if (pullNumber === null) {
    log.warn({ headSha: checkRun.head_sha }, 'no open pull request for this check run; nothing to do');
    return;
  }
  log.info({ pullNumber }, 'running the requested check run action');
  if (identifier === SYNC_ISSUES_ACTION) await syncPullRequest(job, pullNumber);
  else await recheckPullRequest(job, pullNumber);
}
