import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fixture } from './github-mock.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');

/** The fixture as a document shows it: rendered inside a blockquote. */
function embedded(name: string, docs = read('docs/checks.md')): string {
  const start = docs.indexOf(`<!-- fixture:${name} -->\n`);
  const end = docs.indexOf('\n<!-- /fixture -->', start);
  expect(start).toBeGreaterThanOrEqual(0);
  const quoted = docs.slice(start + `<!-- fixture:${name} -->\n`.length, end);
  return `${quoted.split('\n').map((line) => line.replace(/^> ?/, '')).join('\n')}\n`;
}

describe('docs/checks.md', () => {
  it.each(['plan-summary.md', 'gates-summary.md'])('shows the current %s', (name) => {
    expect(embedded(name)).toBe(fixture(name));
  });
});

describe('README.md', () => {
  it('shows the current gates summary', () => {
    expect(embedded('gates-summary.md', read('README.md'))).toBe(fixture('gates-summary.md'));
  });
});
