// Loads `.github/planbot.yml` the way Probot's context.config does (default branch, org `.github`
// fallback, `_extends`) and validates it. Never reads from a pull request's head.
// Problems name the file, the key and its line; finding lines costs one extra (conditional) read
// per faulty file, and only when there is a problem.
import type { Logger } from 'pino';
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

/** What loading needs from GitHub (the GitHub boundary has both; the CLI and tests may pass their own). */
export interface ConfigReader {
  /** The file's layers as Probot's config plugin finds them (repository, org `.github`, `_extends`), nearest first. */
  readConfigLayers(where: RepoWhere, path: string): Promise<LoadedConfigFile[]>;
  /** One file's raw text on the default branch; null when absent. */
  readRawText(where: RepoWhere, path: string): Promise<string | null>;
}

interface RepoWhere {
  owner: string;
  repo: string;
}

interface LoadContext {
  reader: ConfigReader;
  home: RepoWhere;
  log: Pick<Logger, 'warn' | 'debug'>;
}

/** Reads and validates the repository's config; a job calls it at most once (src/job/build-job.ts). */
export function loadConfig(reader: ConfigReader, home: RepoWhere, log: Pick<Logger, 'warn' | 'debug'>): Promise<ConfigResult> {
  return readAndValidate({ reader, home, log });
}

async function readAndValidate(context: LoadContext): Promise<ConfigResult> {
  const { home } = context;
  let files: LoadedConfigFile[];
  try {
    files = await context.reader.readConfigLayers(home, CONFIG_PATH);
  } catch (error) {
    // HTTP failures (5xx, rate limits) are worth a retry; everything else is the file's fault.
    if (typeof (error as { status?: unknown })?.status === 'number') throw error;
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

async function invalid(context: LoadContext, pending: PendingProblem[]): Promise<ConfigResult> {
  const problems = await withLines(context, pending);
  context.log.warn(
    { problems },
    `${CONFIG_PATH} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); planbot makes no changes until it is fixed`,
  );
  return { config: defaultConfig(), problems };
}

/** Fills in missing lines: one raw read per faulty file (answered 304 from the ETag cache when unchanged). */
async function withLines(context: LoadContext, pending: PendingProblem[]): Promise<ConfigProblem[]> {
  const { home } = context;
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
async function readRawText(context: LoadContext, source: ConfigSource): Promise<string | null> {
  try {
    return await context.reader.readRawText({ owner: source.owner, repo: source.repo }, source.path);
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
