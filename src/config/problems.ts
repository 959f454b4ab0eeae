// Turns what can go wrong with `.github/planbot.yml` into problems that name the file and key.
// Lines are filled in later (locate-line.ts), from the raw text, only when there is a problem.
import type { z } from 'zod';
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
  message: string;
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
        message: `unknown key "${key}"${allowed.length ? `; allowed here: ${allowed.join(', ')}` : ''}`,
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
  const cause = (error as { cause?: { message?: unknown; linePos?: Array<{ line: number }> } })?.cause;
  const url = CONTENTS_URL.exec(message);
  const source = url ? { owner: url[1], repo: url[2], path: decodeURIComponent(url[3]) } : null;
  if (cause?.linePos?.length) {
    // The line travels separately; keep the column in the text.
    const reason = String(cause.message ?? '')
      .split('\n')[0]
      .replace(/ at line \d+, column (\d+):?$/, ' (column $1)');
    return { source, path: [], line: cause.linePos[0].line, message: `invalid YAML: ${reason}` };
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
