// The buttons on the `planbot / plan` check run. GitHub sends `check_run.requested_action` with the
// identifier when one is clicked (handled in src/commands/). GitHub's limits: at most 3 actions;
// label ≤ 20, description ≤ 40, identifier ≤ 20 characters.

import type { CheckRunButton } from '../github/github.js';

export const SYNC_ISSUES_ACTION = 'sync_issues';
export const RECHECK_ACTION = 'recheck';

/** A button as GitHub takes it. */
export type CheckAction = CheckRunButton;

export const SYNC_ISSUES: CheckAction = {
  label: 'Sync issues',
  description: 'Create or update the phase issues',
  identifier: SYNC_ISSUES_ACTION,
};

export const RECHECK: CheckAction = {
  label: 'Re-check',
  description: 'Evaluate the plan and gates again',
  identifier: RECHECK_ACTION,
};

/**
 * planbot's check runs carry the pull request number in `external_id`, because a check run of a
 * fork's pull request arrives with an empty `pull_requests` array.
 */
export function externalIdFor(pullNumber: number): string {
  return `pr-${pullNumber}`;
}

/** The pull request a planbot check run was posted for, or null when it does not say. */
export function pullNumberFromExternalId(externalId: string | null | undefined): number | null {
  const match = /^pr-(\d+)$/.exec(externalId ?? '');
  return match ? Number(match[1]) : null;
}
