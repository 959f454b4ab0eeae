// The one comment a phase issue gets when a tick cannot be written to the plan: why, what happens
// to the tick meanwhile, and what to do about it.
import { neutralise } from '../text/neutralise.js';

export interface RefusalInput {
  /** The branch the write was refused on; null when the plan could not be found at all. */
  branch: string | null;
  path: string;
  reason: string;
  /** Who ticked (addressed by the comment). */
  sender: string;
  /** How many ticks are now waiting. */
  pending: number;
}

/** Reasons can quote GitHub's message: neutralised like every text planbot writes (no pings, no references, no HTML). */
function quiet(text: string): string {
  return neutralise(text, { mode: 'markdown' });
}

export function refusalComment(input: RefusalInput): string {
  const { branch, path, sender, pending } = input;
  const waiting = `${pending} ${pending === 1 ? 'task is' : 'tasks are'} waiting`;
  const why = branch
    ? `I could not commit your change to \`${path}\` on \`${branch}\`: ${quiet(input.reason)}.`
    : `I could not find the plan to write your change to: ${quiet(input.reason)}.`;
  const todo = branch
    ? [
        `- If \`${branch}\` is protected, let planbot push to it (add the app to the bypass list of the branch protection rule or ruleset), or tick the same boxes in \`${path}\` yourself in a pull request.`,
        '- Once planbot can push, tick or untick any box here: the waiting ticks go into that commit too.',
      ]
    : [
        `- Restore \`${path}\` on the feature branch (or on the default branch once the feature is merged), then tick or untick any box here: the waiting ticks go into that commit too.`,
      ];
  return [
    `@${sender} ${why}`,
    '',
    `Your ticks stay in this issue, and the next plan sync will not undo them (${waiting}).`,
    '',
    'What to do:',
    ...todo,
  ].join('\n');
}
