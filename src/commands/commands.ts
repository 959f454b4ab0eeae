// The slash-command grammar: which lines of a comment are planbot commands, and the help text.
// Pure. The comment is parsed as markdown so that a command quoted, shown in a code block or
// hidden in HTML is never run: only paragraphs outside blockquotes count, line by line.
import { SKIP, visit } from 'unist-util-visit';
import { parseMarkdown } from '../plan/markdown.js';

export const COMMAND_PREFIX = '/planbot';

export type CommandName = 'check' | 'sync' | 'init' | 'help';

export interface Command {
  /** The recognised command, or `unknown` (answered with the help text). */
  name: CommandName | 'unknown';
  /** The word as typed, e.g. `chekc` for an unknown command; empty for a bare `/planbot`. */
  word: string;
  /** 1-based line in the comment. */
  line: number;
  /** `/planbot sync --dry-run`: list what the sync would write, write nothing. Absent otherwise. */
  dryRun?: true;
}

export const COMMANDS: ReadonlyArray<{ name: CommandName; summary: string }> = [
  { name: 'check', summary: 'evaluate the plan checks again' },
  { name: 'sync', summary: 'sync the phase issues with the plan now (`--dry-run`: only list what it would change)' },
  { name: 'init', summary: 'commit the plan skeleton to this pull request’s branch if it has none' },
  { name: 'help', summary: 'show this list' },
];

const KNOWN = new Set<string>(COMMANDS.map((command) => command.name));

/** Comments longer than this are not scanned: GitHub caps comments at 65,536 characters anyway. */
const MAX_COMMENT_CHARS = 65_536;

/**
 * The commands in a comment, in order, each name once (a repeated command runs once).
 * A command is a line that starts with `/planbot` followed by whitespace or the end of the line.
 */
export function parseCommands(body: string | null | undefined): Command[] {
  if (!body || body.length > MAX_COMMENT_CHARS || !/\/planbot/i.test(body)) return [];
  const { tree, text } = parseMarkdown(body);
  const found: Command[] = [];
  const seen = new Set<string>();
  visit(tree, (node) => {
    // Quoted text is someone else's words; code and HTML are shown, not said.
    if (node.type === 'blockquote' || node.type === 'code' || node.type === 'html') return SKIP;
    if (node.type !== 'paragraph' || !node.position) return undefined;
    const firstLine = node.position.start.line;
    const lines = text.slice(node.position.start.offset, node.position.end.offset).split('\n');
    lines.forEach((raw, index) => {
      const command = commandOnLine(raw.trim(), firstLine + index);
      const key = command && (command.name === 'unknown' ? `?${command.word}` : commandLabel(command));
      if (command && key && !seen.has(key)) {
        seen.add(key);
        found.push(command);
      }
    });
    return SKIP;
  });
  return found;
}

function commandOnLine(line: string, lineNumber: number): Command | null {
  const match = /^\/planbot(?:\s+(\S+))?(?:\s+(.*))?$/i.exec(line);
  if (!match) return null;
  // The word is echoed in the help reply inside inline code: keep it short and backtick-free.
  const word = (match[1] ?? '').toLowerCase().replace(/`/g, '').slice(0, 40);
  const name = KNOWN.has(word) ? (word as CommandName) : word === '' ? 'help' : 'unknown';
  const dryRun = name === 'sync' && (match[2] ?? '').toLowerCase().split(/\s+/).includes(DRY_RUN_FLAG);
  return dryRun ? { name, word, line: lineNumber, dryRun } : { name, word, line: lineNumber };
}

export const DRY_RUN_FLAG = '--dry-run';

/** How a command is named back to people: `sync`, `sync --dry-run`. */
export function commandLabel(command: Pick<Command, 'name' | 'dryRun'>): string {
  return command.dryRun ? `${command.name} ${DRY_RUN_FLAG}` : command.name;
}

/** The reply to `/planbot help` and to unknown commands. */
export function helpText(unknownWords: string[] = []): string {
  const intro = unknownWords.length
    ? `I don't know ${unknownWords.map((word) => `\`${COMMAND_PREFIX} ${word}\``).join(', ')}. These are the commands I understand:`
    : 'These are the commands I understand:';
  const list = COMMANDS.map((command) => `- \`${COMMAND_PREFIX} ${command.name}\`: ${command.summary}`).join('\n');
  return [
    intro,
    '',
    list,
    '',
    'Write the command at the start of a line in a comment on a pull request or on a planbot issue. ' +
      'Commands in quotes or code blocks are ignored. `check`, `sync` and `init` need write access to the repository.',
  ].join('\n');
}
