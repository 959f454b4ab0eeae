// Where the shared corpus and seed live, relative to the repository (they sit beside it in /work).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = resolve(repoRoot, '../shared/corpus');
export const seedPath = resolve(repoRoot, '../shared/seed/plan-template.md');
export const hasCorpus = existsSync(corpusDir);

export function corpusFile(name: string): string {
  return readFileSync(resolve(corpusDir, name), 'utf8');
}
