// A permanent refusal of the issue sync (GitHub's 4xx other than rate limits: a retry would meet
// the same answer) shown where people look: the head's `planbot / plan` check run turns to failure,
// its title naming the refusal and its summary gaining a section with GitHub's reason. The check
// runs of the same event are posted before the sync's first write, so the run is there to update.
import type { GitHub, RepoCoordinates } from '../github/github.js';
import type { PermanentRefusal } from '../github/refusal.js';
import { MAX_OUTPUT_CHARS, MAX_TITLE, clip, truncateMarkdown } from './limits.js';
import { textLine } from './markdown.js';
import { PLAN_CHECK } from './names.js';
import { isOwnCheckRun } from './own.js';

export const SYNC_REFUSED_HEADING = '### ❌ Issue sync refused by GitHub';

export function syncRefusalSection(refusal: PermanentRefusal): string {
  return [
    SYNC_REFUSED_HEADING,
    '',
    `GitHub answered **${refusal.status}**${refusal.message ? `: ${textLine(refusal.message, 1_000)}` : ''}.`,
    '',
    'Retrying will not help: the same write would be refused again. Change the plan (or the configuration) so the issues can be written; the next push re-runs this check and the sync.',
  ].join('\n');
}

/** Updates the head's `planbot / plan` run; false when there is none of planbot's to update (1 read, at most 1 write). */
export async function reportSyncRefusal(github: GitHub, where: RepoCoordinates, headSha: string, refusal: PermanentRefusal): Promise<boolean> {
  const runs = await github.listCheckRuns(where, headSha);
  const run = runs.find((candidate) => candidate.name === PLAN_CHECK && isOwnCheckRun(candidate));
  if (!run) return false;
  const before = run.output.summary ?? '';
  const section = syncRefusalSection(refusal);
  // The section goes first, so cutting a long summary never cuts the reason.
  const summary = truncateMarkdown(`${section}\n\n---\n\n${before}`, MAX_OUTPUT_CHARS);
  await github.updateCheckRun(where, run.id, {
    conclusion: 'failure',
    output: { title: clip(`Issue sync refused (${refusal.status})${run.output.title ? ` · ${run.output.title}` : ''}`, MAX_TITLE), summary },
  });
  return true;
}
