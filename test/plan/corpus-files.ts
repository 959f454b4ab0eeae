// Where the shared corpus and seed live, relative to the repository (they sit beside it in /work).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = resolve(repoRoot, '../shared/corpus');
export const seedPath = resolve(repoRoot, '../shared/seed/plan-template.md');
// Never a silent skip: without the shared material, every test that reads it fails with this line.
for (const [path, what] of [[corpusDir, 'the shared plan corpus'], [seedPath, 'the seed plan template']] as const) {
  if (!existsSync(path)) throw new Error(`${path} is missing (${what}): these tests need ../shared beside the repository, as in CI`);
}
export const hasCorpus = true;

export function corpusFile(name: string): string {
  return readFileSync(resolve(corpusDir, name), 'utf8');
}
