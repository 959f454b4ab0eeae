// `planbot init BRANCH [--dir DIR]`: the skeleton the app would commit, written locally. Same
// feature parsing, path rendering and template choice as the app; never overwrites a file.
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { renderTemplate, SEED_TEMPLATE } from '../plan/index.js';
import { featureFromBranch, renderPlanPath } from '../plan/feature.js';
import { argsOrHelp } from './args.js';
import { configInDirectory } from './config-file.js';
import { CliError, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io.js';
import { readTextFile } from './read-input.js';
import { INIT_USAGE } from './usage.js';
import { currentBranch } from './git.js';

export const SPEC_KIT_TEMPLATE = '.specify/templates/plan-template.md';

export async function runInit(args: string[], io: CliIo, today: () => Date = () => new Date()): Promise<number> {
  const parsed = argsOrHelp('init', args, {
    dir: { type: 'string' },
    date: { type: 'string' },
  }, { text: INIT_USAGE, io });
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new CliError('init: give at most one BRANCH. Run `planbot init --help` for usage.');
  const dir = resolve((values.dir as string | undefined) ?? '.');
  if (!existsSync(dir)) throw new CliError(`init: --dir ${dir} does not exist`);
  const date = (values.date as string | undefined) ?? today().toISOString().slice(0, 10);
  if (!isCalendarDate(date)) throw new CliError(`init: --date must be a real date, YYYY-MM-DD (got "${date}")`);
  const branch = positionals[0] ?? (await currentBranch(dir));
  if (branch === null) {
    throw new CliError(`init: no BRANCH given, and no git branch is checked out in ${dir}. Run \`planbot init BRANCH\`.`);
  }

  const config = await configInDirectory(dir);
  const ref = featureFromBranch(branch, config.branches.pattern);
  if (!ref) {
    throw new CliError(
      `init: branch ${JSON.stringify(branch)} is not a feature branch (its last segment must match ${config.branches.pattern})`,
    );
  }
  const planPath = renderPlanPath(config.plan.path, ref);
  const target = planPath === null ? null : resolve(dir, planPath);
  if (planPath === null || target === null || !isInside(dir, target)) {
    throw new CliError(`init: plan.path ${JSON.stringify(config.plan.path)} gives an unsafe path for ${JSON.stringify(branch)}`);
  }
  if (existsSync(target)) {
    throw new CliError(`init: ${planPath} already exists; planbot never overwrites a plan`, EXIT_FINDINGS);
  }

  const template = await chooseTemplate(dir, config.plan.template, io);
  const content = renderTemplate(template.text, { feature: ref.feature, number: ref.number, slug: ref.slug, date });
  await mkdir(dirname(target), { recursive: true });
  try {
    // `wx`: fail rather than overwrite if the file appeared since the check above.
    await writeFile(target, content, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(`init: ${planPath} already exists; planbot never overwrites a plan`, EXIT_FINDINGS);
    }
    throw new CliError(`init: cannot write ${planPath}: ${(error as Error).message}`);
  }
  io.stdout(`Created ${relative(process.cwd(), target) || planPath} for ${ref.feature} from ${template.source}\n`);
  return EXIT_OK;
}

/** Same order as the app: plan.template from the config, spec-kit's template, the seed. */
async function chooseTemplate(dir: string, configured: string | null, io: CliIo): Promise<{ source: string; text: string }> {
  const candidates = [
    ...(configured ? [{ path: configured, source: `${configured} (plan.template)` }] : []),
    { path: SPEC_KIT_TEMPLATE, source: SPEC_KIT_TEMPLATE },
  ];
  for (const candidate of candidates) {
    const path = resolve(dir, candidate.path);
    if (!isInside(dir, path) || !existsSync(path)) {
      if (candidate.path === configured) io.stderr(`planbot: plan.template ${configured} not found in ${dir}; falling back\n`);
      continue;
    }
    const text = await readTextFile(path);
    if (text.trim() !== '') return { source: candidate.source, text };
    io.stderr(`planbot: ${candidate.path} is empty; falling back\n`);
  }
  return { source: 'the seed template', text: SEED_TEMPLATE };
}

/** YYYY-MM-DD naming a day that exists (2026-02-29 and 2026-13-45 do not). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}
