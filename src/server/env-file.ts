// Writes the setup flow's results (APP_ID, PRIVATE_KEY, …) into .env. Lines for other keys,
// comments and blank lines are kept byte for byte; only the keys being set are replaced.
// (Probot's updateEnv re-serialises the whole file and so drops comments and quoting.)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** One value as a .env line Node's parser (process.loadEnvFile) and Probot's read back unchanged. */
function formatLine(key: string, value: string): string {
  if (/^[\w@%+,./:=~-]*$/.test(value)) return `${key}=${value}`;
  if (value.includes('"') && !value.includes("'") && !value.includes('\n')) return `${key}='${value}'`;
  // Double quotes: "\n" becomes a newline again when read. A PEM holds no double quotes.
  return `${key}="${value.replace(/\r?\n/g, '\\n')}"`;
}

/** The index after the line that ends the entry starting at `start` (a quoted value may span lines). */
function entryEnd(lines: string[], start: number): number {
  const value = lines[start].slice(lines[start].indexOf('=') + 1).trimStart();
  const quote = value[0];
  if ((quote !== '"' && quote !== "'" && quote !== '`') || value.slice(1).includes(quote)) return start + 1;
  for (let index = start + 1; index < lines.length; index++) if (lines[index].includes(quote)) return index + 1;
  return lines.length;
}

export function updateEnvFile(path: string, values: Record<string, string>): void {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : [];
  const pending = new Map(Object.entries(values));
  const out: string[] = [];
  for (let index = 0; index < lines.length; ) {
    const key = /^\s*(?:export\s+)?([\w.-]+)\s*=/.exec(lines[index])?.[1];
    if (key === undefined || !Object.hasOwn(values, key)) {
      out.push(lines[index]);
      index += 1;
      continue;
    }
    const end = entryEnd(lines, index);
    if (pending.has(key)) out.push(formatLine(key, pending.get(key)!));
    pending.delete(key);
    index = end; // a second line for a key already written is dropped: the last one would win
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  for (const [key, value] of pending) out.push(formatLine(key, value));
  writeFileSync(path, `${out.join('\n')}\n`, { mode: 0o600 });
}
