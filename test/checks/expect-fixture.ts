// Compares rendered output with a checked-in fixture; UPDATE_FIXTURES=1 rewrites the fixture instead,
// for deliberate changes (review the diff before committing).
import { expect } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function expectFixture(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../fixtures/checks/${name}`, import.meta.url));
  if (process.env.UPDATE_FIXTURES === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
