// `.github/planbot.yml` read from disk and validated with the app's own schema and the app's own
// problem messages (src/config/problems.ts), each with its file:line:column.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { configSchema, defaultConfig, type PlanbotConfig } from '../config/schema.js';
import type { ConfigProblem } from '../config/load.js';
import { positionOfPath } from '../config/locate-line.js';
import { formatConfigProblem, problemsFromIssues, yamlReason } from '../config/problems.js';
import { isPlainObject } from '../config/merge.js';
import { CliError } from './io.js';
import { readTextFile } from './read-input.js';

export const CONFIG_RELATIVE_PATH = '.github/planbot.yml';

export interface ConfigCheck {
  /** The validated config, or null when there are problems. */
  config: PlanbotConfig | null;
  /** Sorted by line; each names file, line, column, key and problem. */
  problems: ConfigProblem[];
}

/** Validates a config file's text alone (no `_extends` is followed offline). */
export function checkConfigText(text: string, file: string): ConfigCheck {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    return {
      config: null,
      problems: document.errors.map((error) => ({
        file,
        key: '',
        line: error.linePos?.[0].line ?? null,
        column: error.linePos?.[0].col ?? null,
        message: `invalid YAML: ${yamlReason(error.message)}`,
      })),
    };
  }
  const raw: unknown = document.toJS() ?? {};
  if (!isPlainObject(raw)) {
    return {
      config: null,
      problems: [{ file, key: '', line: 1, column: 1, message: 'the file must be a mapping of keys (`key: value`), not a list or a single value' }],
    };
  }
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, problems: [] };
  const source = { owner: '', repo: '', path: file, url: '', config: raw };
  const problems = problemsFromIssues(parsed.error.issues, [source]).map((problem) => {
    const position = positionOfPath(text, problem.path);
    return { file, key: problem.path.join('.'), line: position?.line ?? null, column: position?.column ?? null, message: problem.message };
  });
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return { config: null, problems };
}

/** The config at `path`; a CliError listing every problem, one per line, when it is invalid. */
export async function readConfigFile(path: string): Promise<PlanbotConfig> {
  const { config, problems } = checkConfigText(await readTextFile(path), path);
  if (config) return config;
  throw new CliError(
    `${path}: invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}; \`planbot config ${path}\` checks it alone):\n` +
      problems.map((problem) => `  ${formatConfigProblem(problem)}`).join('\n'),
  );
}

/** `DIR/.github/planbot.yml` when it exists, else the defaults. */
export async function configInDirectory(dir: string): Promise<PlanbotConfig> {
  const path = join(dir, CONFIG_RELATIVE_PATH);
  return existsSync(path) ? readConfigFile(path) : defaultConfig();
}
