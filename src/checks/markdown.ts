// Small markdown helpers for check run output: text from plans and branch names ends up inside
// tables and code spans, where a stray `|`, newline or backtick would break the rendering.
import { neutralise, neutraliseWithin } from '../text/neutralise.js';

/** A table cell: pipes escaped, line breaks turned into <br>, so one value stays one cell. */
export function cell(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').trim();
  return escaped === '' ? ' ' : escaped;
}

/**
 * A table cell holding a person's text (a gate's name or criteria): neutralised (no pings, no
 * references, no live HTML, so an unclosed `<!--` cannot hide the rows below), shortened to `max`
 * characters when given, line breaks kept as <br>.
 */
export function textCell(text: string, max?: number): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const how = { mode: 'markdown' } as const;
  const joined = lines.map((line) => neutralise(line, how)).join('<br>');
  const fitted = max !== undefined && joined.length > max ? neutraliseWithin(lines.join(' '), max, how) : joined;
  // Only pipes need escaping (with a backslash before one kept as text): neutralise's own escapes stay.
  const escaped = fitted.replace(/\\(?=\|)/g, '\\\\').replace(/\|/g, '\\|').trim();
  return escaped === '' ? ' ' : escaped;
}

/** A person's text on one line of markdown (a finding, a note), neutralised. */
export function textLine(text: string, max?: number): string {
  return max === undefined ? neutralise(text, { mode: 'markdown' }) : neutraliseWithin(text, max, { mode: 'markdown' });
}

/** An inline code span that survives backticks in the value (CommonMark: a longer fence). */
export function code(text: string): string {
  const value = text.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/** Link to a line of a file at a commit, as GitHub renders it. */
export function blobLineUrl(repo: { owner: string; repo: string }, sha: string, path: string, line: number): string {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/');
  return `https://github.com/${repo.owner}/${repo.repo}/blob/${sha}/${encodedPath}#L${line}`;
}

/** "1 error", "2 errors". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
