// Loads `.github/planbot.yml` through Probot's context.config (default branch, org `.github`
// fallback, `_extends`) and validates it. Never reads from a pull request's head.
// PLACEHOLDER CONTRACT: the config helper replaces the body; keep the exported names and types.
import type { Context } from 'probot';
import { configSchema, defaultConfig, type PlanbotConfig } from './schema.js';

export const CONFIG_FILE = 'planbot.yml';
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

export interface ConfigProblem {
  /** The file the problem is in, e.g. `.github/planbot.yml` or `acme/.github:.github/planbot.yml`. */
  file: string;
  /** Dotted key path, e.g. `checks.per_gate`. */
  key: string;
  /** 1-based line in that file, when known. */
  line: number | null;
  message: string;
}

export interface ConfigResult {
  /** Always usable: defaults when the file is absent or invalid. */
  config: PlanbotConfig;
  /** Non-empty when the file is invalid; callers make no writes except reporting it. */
  problems: ConfigProblem[];
}

const cache = new WeakMap<object, Promise<ConfigResult>>();

/** Loads once per webhook context, so several features handling one event share one request. */
export function loadConfig(context: Pick<Context, 'config' | 'repo' | 'octokit' | 'log'>): Promise<ConfigResult> {
  let pending = cache.get(context);
  if (!pending) {
    pending = readAndValidate(context);
    cache.set(context, pending);
  }
  return pending;
}

async function readAndValidate(context: Pick<Context, 'config' | 'repo' | 'octokit' | 'log'>): Promise<ConfigResult> {
  const raw = (await context.config(CONFIG_FILE)) as unknown;
  if (raw == null) return { config: defaultConfig(), problems: [] };
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return {
    config: defaultConfig(),
    problems: parsed.error.issues.map((issue) => ({
      file: CONFIG_PATH,
      key: issue.path.join('.'),
      line: null,
      message: issue.message,
    })),
  };
}
