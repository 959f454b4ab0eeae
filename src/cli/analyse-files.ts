// The part `parse` and `lint` share: read each file, pick its kind, analyse it with the config.
import { choice } from './args.js';
import { basename, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { AnalyseOptions, Finding, PlanModel } from '../plan/index.js';
import { featureFromBranch, renderPlanPath } from '../plan/feature.js';
import { analysePlanParallel } from '../plan/parallel.js';
import { defaultConfig, type PlanbotConfig } from '../config/schema.js';
import { CliError } from './io.js';
import { readTextFile } from './read-input.js';
import { CONFIG_RELATIVE_PATH, readConfigFile } from './config-file.js';
import { currentBranch } from './git.js';

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

type Analyse = (source: string, options: AnalyseOptions) => PlanModel | Promise<PlanModel>;

export interface AnalyseFilesOptions {
  /** All cores by default; the Action passes the one-thread engine (its bundle has no worker file). */
  analyse?: Analyse;
  /** Files are read relative to this directory but keep their names as given (the Action's workspace). */
  root?: string;
}

export async function analyseFiles(files: string[], kind: Kind, config: PlanbotConfig, options: AnalyseFilesOptions = {}): Promise<Analysed> {
  const { analyse = analysePlanParallel, root } = options;
  const result: Analysed = { models: [], failures: [] };
  for (const file of files) {
    try {
      const source = await readTextFile(root ? resolve(root, file) : file);
      // A large file is parsed on all cores (see src/plan/parallel.ts).
      const model = await analyse(source, {
        file,
        kind: kindOf(file, kind),
        vocabulary: config.gates.vocabulary,
        requiredSections: config.gates.required_sections,
      });
      result.models.push(source.trim() === '' ? { ...model, findings: [EMPTY_FILE_FINDING] } : model);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      result.failures.push(error);
    }
  }
  return result;
}

/** An empty file is not a plan that passes: one error instead of a list of missing sections. */
export const EMPTY_FILE_FINDING: Finding = {
  rule: 'empty-file',
  severity: 'error',
  message: 'The file is empty: there is no plan to check',
  line: 1,
};

/** FILE... as given, else the plan of the checked-out branch where plan.path puts it. */
export async function filesOrBranchPlan(command: string, files: string[], config: PlanbotConfig, cwd = process.cwd()): Promise<string[]> {
  if (files.length > 0) return files;
  const branch = await currentBranch(cwd);
  if (branch === null) {
    throw new CliError(`${command}: no FILE given, and no git branch is checked out here to find the plan by. Run \`planbot ${command} --help\` for usage.`);
  }
  const ref = featureFromBranch(branch, config.branches.pattern);
  if (!ref) {
    throw new CliError(`${command}: no FILE given, and branch ${JSON.stringify(branch)} is not a feature branch (its last segment must match ${config.branches.pattern}); give a FILE`);
  }
  const path = renderPlanPath(config.plan.path, ref);
  if (path === null) throw new CliError(`${command}: plan.path ${JSON.stringify(config.plan.path)} gives an unsafe path for ${JSON.stringify(branch)}`);
  if (!existsSync(resolve(cwd, path))) {
    throw new CliError(`${command}: no FILE given, and branch ${JSON.stringify(branch)} has no plan at ${path} yet (plan.path); \`planbot init\` writes it`);
  }
  return [path];
}

/** The options `lint` and `parse` share: which kind of file, and which config. */
export const ANALYSE_OPTIONS = { kind: { type: 'string' }, config: { type: 'string' } } as const;

/** What `lint` and `parse` do first: the files named (or the branch's plan), analysed with the config. */
export async function analyseCommandInput(command: string, values: { kind?: unknown; config?: unknown }, positionals: string[]) {
  const kind = choice(command, 'kind', values.kind, KINDS, 'auto');
  const config = await configFor(values.config as string | undefined);
  const files = await filesOrBranchPlan(command, positionals, config);
  return { files, config, ...(await analyseFiles(files, kind, config)) };
}
