// Small markdown helpers for check run output: text from plans and branch names ends up inside
// tables and code spans, where a stray `|`, newline or backtick would break the rendering.

/** A table cell: pipes escaped, line breaks turned into <br>, so one value stays one cell. */
export function cell(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').trim();
  return escaped === '' ? ' ' : escaped;
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
