// The part `parse` and `lint` share: read each file, pick its kind, analyse it with the config.
import { basename, join } from 'node:path';
import { existsSync } from 'node:fs';
import type { PlanModel } from '../plan/index.js';
import { analysePlanParallel } from '../plan/parallel.js';
import { defaultConfig, type PlanbotConfig } from '../config/schema.js';
import { CliError } from './io.js';
import { readTextFile } from './read-input.js';
import { CONFIG_RELATIVE_PATH, readConfigFile } from './config-file.js';

export type Kind = 'plan' | 'tasks' | 'auto';
export const KINDS = ['plan', 'tasks', 'auto'] as const;

export interface Analysed {
  models: PlanModel[];
  /** Files that could not be read: one line each. */
  failures: CliError[];
}

/** `--config FILE`, else `.github/planbot.yml` in the working directory, else the defaults. */
export async function configFor(option: string | undefined, cwd = process.cwd()): Promise<PlanbotConfig> {
  if (option) return readConfigFile(option);
  const local = join(cwd, CONFIG_RELATIVE_PATH);
  return existsSync(local) ? readConfigFile(local) : defaultConfig();
}

/** `auto`: a file named tasks.md is a spec-kit task list, anything else a plan. */
export function kindOf(file: string, kind: Kind): 'plan' | 'tasks' {
  if (kind !== 'auto') return kind;
  return basename(file).toLowerCase() === 'tasks.md' ? 'tasks' : 'plan';
}

export async function analyseFiles(files: string[], kind: Kind, config: PlanbotConfig): Promise<Analysed> {
  const result: Analysed = { models: [], failures: [] };
  for (const file of files) {
    try {
      const source = await readTextFile(file);
      result.models.push(
        // A large file is parsed on all cores (see src/plan/parallel.ts).
        await analysePlanParallel(source, {
          file,
          kind: kindOf(file, kind),
          vocabulary: config.gates.vocabulary,
          requiredSections: config.gates.required_sections,
        }),
      );
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      result.failures.push(error);
    }
  }
  return result;
}
