// Which template a new plan starts from; first match wins:
// 1. `plan.template` from the config, read from the default branch (like the config itself);
// 2. spec-kit's `.specify/templates/plan-template.md`, read from the new branch;
// 3. the built-in seed template.
import type { Logger } from 'pino';
import { SEED_TEMPLATE } from '../plan/index.js';
import type { GitHub, RepoCoordinates } from '../github/github.js';
import { FileTooLargeError, NotTextError } from '../github/errors.js';

export const SPEC_KIT_TEMPLATE_PATH = '.specify/templates/plan-template.md';

export type TemplateSource = 'config' | 'spec-kit' | 'seed';

export interface ChosenTemplate {
  source: TemplateSource;
  /** Where it was read from, e.g. `docs/plan-template.md@main`; null for the seed. */
  location: string | null;
  text: string;
}

export interface TemplateLookup {
  where: RepoCoordinates;
  /** The new feature branch. */
  branch: string;
  /** The configured template path (`plan.template`), or null. */
  configured: string | null;
  /** Resolves the default branch only when a configured template needs it. */
  defaultBranch: () => Promise<string>;
  /** spec-kit's template of the project the plan belongs to (a monorepo's `apps/web/.specify/…`); default the root's. */
  specKitTemplate?: string;
}

/** Costs 1 request when a repository template exists, 2 when the configured one is missing. */
export async function chooseTemplate(github: GitHub, lookup: TemplateLookup, log: Pick<Logger, 'warn'>): Promise<ChosenTemplate> {
  const candidates: Array<{ source: TemplateSource; path: string; ref: () => Promise<string> }> = [];
  if (lookup.configured) candidates.push({ source: 'config', path: lookup.configured, ref: lookup.defaultBranch });
  candidates.push({ source: 'spec-kit', path: lookup.specKitTemplate ?? SPEC_KIT_TEMPLATE_PATH, ref: async () => lookup.branch });

  for (const candidate of candidates) {
    const ref = await candidate.ref();
    const text = await readTemplate(github, lookup.where, candidate.path, ref, log);
    if (text !== null) return { source: candidate.source, location: `${candidate.path}@${ref}`, text };
    if (candidate.source === 'config') {
      log.warn({ template: candidate.path, ref }, 'configured plan.template not found on the default branch; falling back');
    }
  }
  return { source: 'seed', location: null, text: SEED_TEMPLATE };
}

/** A template that is too large or not text is skipped (with a warning), not fatal. */
async function readTemplate(github: GitHub, where: RepoCoordinates, path: string, ref: string, log: Pick<Logger, 'warn'>): Promise<string | null> {
  try {
    const file = await github.readFile(where, path, ref);
    if (file && file.content.trim() === '') {
      log.warn({ template: path, ref }, 'plan template is empty; falling back');
      return null;
    }
    return file?.content ?? null;
  } catch (error) {
    if (error instanceof FileTooLargeError || error instanceof NotTextError) {
      log.warn({ template: path, ref, reason: error.message }, 'plan template unusable; falling back');
      return null;
    }
    throw error;
  }
}
