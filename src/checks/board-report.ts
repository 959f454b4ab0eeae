// What the issue sync's board step found, shown on the head's `planbot / plan` run (posted before
// the sync writes, as for sync refusals): a missing Project field or option is a config problem
// (file, key, line) and fails the run; a note (permission not granted, Project not found) is one
// line and changes no conclusion. The board step runs after the check, so it reports here.
import type { ConfigProblem } from '../config/load.js';
import type { GitHub, RepoCoordinates } from '../github/github.js';
import { configProblemTable } from './config-error.js';
import { MAX_OUTPUT_CHARS, MAX_TITLE, clip, truncateMarkdown } from './limits.js';
import { plural, textLine } from './markdown.js';
import { PLAN_CHECK } from './names.js';
import { isOwnCheckRun } from './own.js';

export const BOARD_HEADING = '### Project board';
const SEPARATOR = '\n\n---\n\n';

export interface BoardFindings {
  problems: ConfigProblem[];
  notes: string[];
}

export function boardSection({ problems, notes }: BoardFindings): string {
  const lines = [BOARD_HEADING, ''];
  if (problems.length > 0) {
    lines.push(`❌ The Project named in \`projects\` lacks ${plural(problems.length, 'field or option', 'fields or options')} planbot keeps; planbot never creates them. The issues are synced; the board waits until \`.github/planbot.yml\` (default branch) or the Project is fixed.`, '');
    lines.push(configProblemTable(problems), '');
  }
  for (const note of notes) lines.push(`- ${textLine(note, 1_000)}`);
  return lines.join('\n').trimEnd();
}

/** Updates the head's `planbot / plan` run (1 read, at most 1 write); false when there is no run of planbot's, or it already says this. */
export async function reportBoardFindings(github: GitHub, where: RepoCoordinates, headSha: string, findings: BoardFindings): Promise<boolean> {
  if (findings.problems.length === 0 && findings.notes.length === 0) return false;
  const runs = await github.listCheckRuns(where, headSha);
  const run = runs.find((candidate) => candidate.name === PLAN_CHECK && isOwnCheckRun(candidate));
  if (!run) return false;
  const section = boardSection(findings);
  const before = withoutBoardSection(run.output.summary ?? '');
  const summary = truncateMarkdown(`${section}${SEPARATOR}${before}`, MAX_OUTPUT_CHARS);
  if (summary === run.output.summary) return false;
  const failing = findings.problems.length > 0;
  const title = run.output.title ?? '';
  await github.updateCheckRun(where, run.id, {
    ...(failing ? { conclusion: 'failure' } : {}),
    output: {
      title: failing && !title.startsWith('Project board:') ? clip(`Project board: ${plural(findings.problems.length, 'config problem')}${title ? ` · ${title}` : ''}`, MAX_TITLE) : title,
      summary,
    },
  });
  return true;
}

/** A summary this report wrote before (a redelivery): its old section goes, the rest stays. */
function withoutBoardSection(summary: string): string {
  if (!summary.startsWith(BOARD_HEADING)) return summary;
  const end = summary.indexOf(SEPARATOR);
  return end === -1 ? '' : summary.slice(end + SEPARATOR.length);
}
