// `npm run test:quick` leaves the slow files out (jest.quick.config.js), but must still cover every
// module (issue #16): each folder of src/ and tools/ is imported by at least one test file it runs.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const { default: quickConfig } = (await import(join(root, 'jest.quick.config.js'))) as { default: { testPathIgnorePatterns: string[] } };

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? (entry.name === 'node_modules' ? [] : filesUnder(join(dir, entry.name))) : [join(dir, entry.name)],
  );
}

const ignored = quickConfig.testPathIgnorePatterns.map((pattern) => new RegExp(pattern.replace('<rootDir>', root)));
const allTests = [...filesUnder(join(root, 'test')), ...filesUnder(join(root, 'src'))].filter((file) => file.endsWith('.test.ts'));
const quickTests = allTests.filter((file) => !ignored.some((pattern) => pattern.test(file)));

/** The src/ and tools/ folders each quick test file imports from directly. */
const importedBy = new Map<string, string[]>();
for (const file of quickTests) {
  for (const [, folder] of readFileSync(file, 'utf8').matchAll(/from '(?:\.\.?\/)+((?:src|tools)\/[\w-]+)\//g)) {
    importedBy.set(folder, [...(importedBy.get(folder) ?? []), relative(root, file)]);
  }
}

const modules = ['src', 'tools'].flatMap((top) =>
  readdirSync(join(root, top), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${top}/${entry.name}`),
);

describe('the quick tier', () => {
  it('leaves out some slow files, and each pattern it leaves out still names a file', () => {
    expect(quickTests.length).toBeLessThan(allTests.length);
    for (const pattern of ignored.slice(1)) expect(allTests.some((file) => pattern.test(file))).toBe(true);
  });

  it.each(modules)('runs a test of %s', (folder) => {
    expect(importedBy.get(folder) ?? []).not.toHaveLength(0);
  });
});
