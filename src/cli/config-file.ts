// `.github/planbot.yml` read from disk and validated with the app's own schema.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, defaultConfig, type PlanbotConfig } from '../config/schema.js';
import { CliError } from './io.js';
import { readTextFile } from './read-input.js';

export const CONFIG_RELATIVE_PATH = '.github/planbot.yml';

/** The config at `path`; a CliError listing every problem when it is invalid. */
export async function readConfigFile(path: string): Promise<PlanbotConfig> {
  const text = await readTextFile(path);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new CliError(`${path}: invalid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new CliError(`${path}: invalid configuration: ${problems.join('; ')}`);
}

/** `DIR/.github/planbot.yml` when it exists, else the defaults. */
export async function configInDirectory(dir: string): Promise<PlanbotConfig> {
  const path = join(dir, CONFIG_RELATIVE_PATH);
  return existsSync(path) ? readConfigFile(path) : defaultConfig();
}
