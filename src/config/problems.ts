// Turns what can go wrong with `.github/planbot.yml` into problems that name the file and key.
// Lines are filled in later (locate-line.ts), from the raw text, only when there is a problem.
import type { z } from 'zod';
import { closest, distance } from 'fastest-levenshtein';
import { knownKeysAt } from './json-schema.js';
import { hasPath, isPlainObject } from './merge.js';

/** A config file in a repository, as Probot's config plugin reports it. */
export interface ConfigSource {
  owner: string;
  repo: string;
  path: string;
}

export interface LoadedConfigFile extends ConfigSource {
  url: string;
  config: unknown;
}

/** A problem before its line is known. `source` null: no file could be named. */
export interface PendingProblem {
  source: ConfigSource | null;
  path: Array<string | number>;
  line: number | null;
  /** 1-based column, when known. */
  column?: number | null;
  message: string;
}

/** What the CLI prints and the check run lists: `file:line:column: key: problem`. */
export function formatConfigProblem(problem: { file: string; line: number | null; column?: number | null; key: string; message: string }): string {
  const where = [problem.file, ...(problem.line ? [problem.line, ...(problem.column ? [problem.column] : [])] : [])].join(':');
  return `${where}: ${problem.key ? `${problem.key}: ` : ''}${problem.message}`;
}

/** `unknown key "x"` with the nearest allowed key when it is a likely typo, else the allowed keys. */
export function unknownKeyMessage(key: string, allowed: readonly string[]): string {
  const nearest = allowed.length ? closest(key, [...allowed]) : null;
  // A typo changes a few letters; "foo" → "ids" is not a suggestion.
  if (nearest && distance(key, nearest) <= Math.max(2, Math.floor(nearest.length / 3))) {
    return `unknown key "${key}"; did you mean \`${nearest}\`?`;
  }
  return `unknown key "${key}"${allowed.length ? `; allowed here: ${allowed.join(', ')}` : ''}`;
}

/** The yaml library's message without its "at line N, column M:" tail and code excerpt. */
export function yamlReason(message: string): string {
  return String(message)
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/:$/, '');
}

/** One problem per zod issue; an issue listing several unknown keys becomes one problem per key. */
export function problemsFromIssues(issues: readonly z.core.$ZodIssue[], files: readonly LoadedConfigFile[]): PendingProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
    if (issue.code === 'unrecognized_keys') {
      const allowed = knownKeysAt(path);
      return issue.keys.map((key) => ({
        source: responsibleFile(files, [...path, key]),
        path: [...path, key],
        line: null,
        message: unknownKeyMessage(key, allowed),
      }));
    }
    return [{ source: responsibleFile(files, path), path, line: null, message: issue.message }];
  });
}

/** Files whose top level is not a mapping (a list, a number) cannot be merged or validated. */
export function problemsFromShape(files: readonly LoadedConfigFile[]): PendingProblem[] {
  return files
    .filter((file) => file.config !== null && !isPlainObject(file.config))
    .map((file) => ({
      source: sourceOf(file),
      path: [],
      line: 1,
      message: 'the file must be a mapping of keys (`key: value`), not a list or a single value',
    }));
}

/**
 * The file that supplied the value at `path`: the nearest file (files are nearest first) holding
 * it, else the nearest holding its closest ancestor.
 */
function responsibleFile(files: readonly LoadedConfigFile[], path: ReadonlyArray<string | number>): ConfigSource | null {
  for (let length = path.length; length >= 0; length--) {
    const prefix = path.slice(0, length);
    const file = files.find((candidate) => hasPath(candidate.config, prefix));
    if (file) return sourceOf(file);
  }
  return null;
}

function sourceOf(file: ConfigSource): ConfigSource {
  return { owner: file.owner, repo: file.repo, path: file.path };
}

const PLUGIN_PREFIX = /^\[@probot\/octokit-plugin-config\]\s*/;
const CONTENTS_URL = /\/repos\/([^/\s]+)\/([^/\s]+)\/contents\/([^\s?]+)/;

/**
 * Probot's config plugin throws plain errors (no HTTP status) for invalid YAML, a bad `_extends`
 * value, an `_extends` loop, or a directory where the file should be. Each becomes a problem.
 */
export function problemFromReadError(error: unknown): PendingProblem {
  const message = String((error as Error)?.message ?? error).replace(PLUGIN_PREFIX, '');
  const cause = (error as { cause?: { message?: unknown; linePos?: Array<{ line: number; col?: number }> } })?.cause;
  const url = CONTENTS_URL.exec(message);
  const source = url ? { owner: url[1], repo: url[2], path: decodeURIComponent(url[3]) } : null;
  if (cause?.linePos?.length) {
    // Line and column travel separately, as for every other problem.
    const [{ line, col }] = cause.linePos;
    return { source, path: [], line, column: col ?? null, message: `invalid YAML: ${yamlReason(String(cause.message ?? ''))}` };
  }
  if (/YAML is not an object/.test(message)) {
    return { source, path: [], line: 1, message: 'the file must be a mapping of keys (`key: value`), not a single value' };
  }
  if (/Recursion detected/.test(message)) {
    return { source, path: ['_extends'], line: null, message: '_extends leads back to a file that was already loaded (a loop)' };
  }
  const badExtends = /Invalid value (.*) for _extends/.exec(message);
  if (badExtends) {
    return {
      source,
      path: ['_extends'],
      line: null,
      message: `_extends is ${badExtends[1]}; expected "repo", "owner/repo" or "owner/repo:path/to/file.yml"`,
    };
  }
  if (/directory or a submodule/.test(message)) {
    return { source, path: [], line: null, message: 'this path is a directory or submodule, not a file' };
  }
  return { source, path: [], line: null, message };
}
