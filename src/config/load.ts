// Loads `.github/planbot.yml` the way Probot's context.config does (default branch, org `.github`
// fallback, `_extends`) and validates it. Never reads from a pull request's head.
// Problems name the file, the key and its line; finding lines costs one extra (conditional) read
// per faulty file, and only when there is a problem.
import type { Context } from 'probot';
import { configSchema, defaultConfig, type PlanbotConfig } from './schema.js';
import { mergeConfigLayers, type ConfigObject } from './merge.js';
import { positionOfPath } from './locate-line.js';
import {
  problemFromReadError,
  problemsFromIssues,
  problemsFromShape,
  type ConfigSource,
  type LoadedConfigFile,
  type PendingProblem,
} from './problems.js';
import { statusOf } from '../github/files.js';

export const CONFIG_FILE = 'planbot.yml';
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

export interface ConfigProblem {
  /** The file the problem is in, e.g. `.github/planbot.yml` or `acme/.github:.github/planbot.yml`. */
  file: string;
  /** Dotted key path, e.g. `checks.per_gate`. */
  key: string;
  /** 1-based line in that file, when known. */
  line: number | null;
  /** 1-based column, when known. */
  column?: number | null;
  message: string;
}

export interface ConfigResult {
  /** Always usable: defaults when the file is absent or invalid. */
  config: PlanbotConfig;
  /** Non-empty when the file is invalid; callers make no writes except reporting it. */
  problems: ConfigProblem[];
}

type ConfigContext = Pick<Context, 'config' | 'repo' | 'octokit' | 'log'>;

const cache = new WeakMap<object, Promise<ConfigResult>>();

/** Loads once per webhook context, so several features handling one event share one request. */
export function loadConfig(context: ConfigContext): Promise<ConfigResult> {
  let pending = cache.get(context);
  if (!pending) {
    pending = readAndValidate(context);
    cache.set(context, pending);
  }
  return pending;
}

async function readAndValidate(context: ConfigContext): Promise<ConfigResult> {
  const home = context.repo();
  let files: LoadedConfigFile[];
  try {
    // What context.config() calls underneath; it also says which file each layer came from.
    ({ files } = await context.octokit.config.get({ owner: home.owner, repo: home.repo, path: CONFIG_PATH }));
  } catch (error) {
    // HTTP failures (5xx, rate limits) are worth a retry; everything else is the file's fault.
    if (statusOf(error) !== undefined) throw error;
    return invalid(context, [problemFromReadError(error)]);
  }
  const present = files.filter((file) => file.config !== null);
  if (present.length === 0) return { config: defaultConfig(), problems: [] };

  const shapeProblems = problemsFromShape(present);
  if (shapeProblems.length > 0) return invalid(context, shapeProblems);

  // Files come nearest first (repository, org `.github`, `_extends` targets); merge base first.
  const merged = mergeConfigLayers(present.map((file) => file.config as ConfigObject).reverse());
  const parsed = configSchema.safeParse(merged);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return invalid(context, problemsFromIssues(parsed.error.issues, present));
}

async function invalid(context: ConfigContext, pending: PendingProblem[]): Promise<ConfigResult> {
  const problems = await withLines(context, pending);
  context.log.warn(
    { problems },
    `${CONFIG_PATH} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); planbot makes no changes until it is fixed`,
  );
  return { config: defaultConfig(), problems };
}

/** Fills in missing lines: one raw read per faulty file (answered 304 from the ETag cache when unchanged). */
async function withLines(context: ConfigContext, pending: PendingProblem[]): Promise<ConfigProblem[]> {
  const home = context.repo();
  const texts = new Map<string, Promise<string | null>>();
  const located = await Promise.all(
    pending.map(async (problem) => {
      let line = problem.line;
      let column = problem.column ?? null;
      if (line === null && problem.source) {
        const id = sourceLabel(problem.source, home);
        if (!texts.has(id)) texts.set(id, readRawText(context, problem.source));
        const text = await texts.get(id)!;
        const position = text === null ? null : positionOfPath(text, problem.path);
        if (position) ({ line, column } = position);
      }
      return {
        file: problem.source ? sourceLabel(problem.source, home) : CONFIG_PATH,
        key: problem.path.join('.'),
        line,
        column,
        message: problem.message,
      };
    }),
  );
  return located.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/** Same request as the config plugin's (raw media type, default branch), so the ETag cache answers it. */
async function readRawText(context: ConfigContext, source: ConfigSource): Promise<string | null> {
  try {
    const { data } = await context.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: source.owner,
      repo: source.repo,
      path: source.path,
      mediaType: { format: 'raw' },
    });
    return typeof data === 'string' ? data : null;
  } catch (error) {
    // The problems stand without line numbers; not worth failing the event over.
    context.log.debug({ err: error, file: source.path }, 'could not re-read the config file to locate problem lines');
    return null;
  }
}

function sourceLabel(source: ConfigSource, home: { owner: string; repo: string }): string {
  const isHome = source.owner === home.owner && source.repo === home.repo && source.path === CONFIG_PATH;
  return isHome ? CONFIG_PATH : `${source.owner}/${source.repo}:${source.path}`;
}
