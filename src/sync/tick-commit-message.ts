// The message of a sync-back commit: what was ticked, where it came from, and who did it
// (a Co-authored-by trailer, so the person is credited in the plan's history, not only the bot).

export interface CheckboxCommitInput {
  changed: Array<{ checked: boolean; text: string }>;
  path: string;
  issue: { owner: string; repo: string; number: number };
  sender: { login: string; id: number; type?: string };
}

const SUBJECT_TEXT_CHARS = 50;
const MAX_LISTED = 50;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clipped(text: string, max: number): string {
  const line = oneLine(text);
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function checkboxCommitMessage(input: CheckboxCommitInput): string {
  const { changed, path, issue, sender } = input;
  const subject =
    changed.length === 1
      ? `docs(plan): ${changed[0].checked ? 'tick' : 'untick'} "${clipped(changed[0].text, SUBJECT_TEXT_CHARS)}" (#${issue.number})`
      : `docs(plan): update ${changed.length} tasks from #${issue.number}`;
  const listed = changed.slice(0, MAX_LISTED).map((task) => `- [${task.checked ? 'x' : ' '}] ${oneLine(task.text)}`);
  if (changed.length > MAX_LISTED) listed.push(`- … and ${changed.length - MAX_LISTED} more`);
  const lines = [subject, '', ...listed, '', `Synced from ${issue.owner}/${issue.repo}#${issue.number} to ${path} by planbot.`];
  if (sender.type !== 'Bot') lines.push('', `Co-authored-by: ${sender.login} <${sender.id}+${sender.login}@users.noreply.github.com>`);
  return lines.join('\n');
}
