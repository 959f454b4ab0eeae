// Every environment variable the code reads is documented in .env.example, and every variable in
// .env.example is in the table of docs/deployment.md.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/app-process.js';

/** Read inside Probot (node_modules/probot/lib/bin/read-env-options.js, create-probot.js, setup). */
const PROBOT_VARIABLES = [
  'APP_ID', 'PRIVATE_KEY', 'PRIVATE_KEY_PATH', 'WEBHOOK_SECRET', 'WEBHOOK_PATH', 'WEBHOOK_PROXY_URL', 'PORT', 'HOST',
  'LOG_LEVEL', 'LOG_FORMAT', 'LOG_LEVEL_IN_STRING', 'LOG_MESSAGE_KEY', 'SENTRY_DSN', 'GHE_HOST', 'GHE_PROTOCOL', 'GH_ORG',
  'REDIS_URL', 'NODE_ENV',
];
/** The child-process launcher passes these through; they are the OS's, not planbot's. */
const SYSTEM_VARIABLES = new Set([
  'PATH',
  'HOME',
  // Set by the GitHub Actions runner for the Action (src/action, docs/action.md), not app configuration.
  'GITHUB_WORKSPACE',
  'GITHUB_EVENT_PATH',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_REPOSITORY',
  'GITHUB_SHA',
  // Read by the CLI's `planbot issues` (src/cli/github-from-env.ts), not app configuration.
  'GITHUB_TOKEN',
  'GITHUB_API_URL',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** `process.env.X`, `process.env['X']`, `env.X`, and the keys of schemas read with parseEnv(). */
function variablesReadIn(source: string): string[] {
  const names = [...source.matchAll(/\b(?:process\.)?env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)].map((m) => m[1] ?? m[2]);
  if (source.includes('parseEnv(')) names.push(...[...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]));
  return names;
}

const documented = (text: string) => new Set([...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));

describe('.env.example', () => {
  const example = documented(readFileSync(join(REPO_ROOT, '.env.example'), 'utf8'));

  it('documents every variable read in src/', () => {
    const read = new Set(sourceFiles(join(REPO_ROOT, 'src')).flatMap((file) => variablesReadIn(readFileSync(file, 'utf8'))));
    const missing = [...read].filter((name) => !SYSTEM_VARIABLES.has(name) && !example.has(name)).sort();
    expect(missing).toEqual([]);
    // The scan does see the code's variables (a broken regex must not make this test pass).
    for (const name of ['QUEUE_CONCURRENCY', 'SHUTDOWN_TIMEOUT_MS', 'BOT_LOGIN', 'PLANBOT_DEBUG']) expect(read.has(name)).toBe(true);
  });

  it("documents Probot's own variables", () => {
    expect(PROBOT_VARIABLES.filter((name) => !example.has(name))).toEqual([]);
  });

  it('is the same list as the table in README.md', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const table = new Set([...readme.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]));
    expect([...example].filter((name) => !table.has(name)).sort()).toEqual([]);
    expect([...table].filter((name) => !example.has(name)).sort()).toEqual([]);
  });

  it('is the same list as the table in docs/deployment.md', () => {
    const docs = readFileSync(join(REPO_ROOT, 'docs', 'deployment.md'), 'utf8');
    const table = new Set([...docs.matchAll(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]));
    expect([...example].filter((name) => !table.has(name)).sort()).toEqual([]);
    expect([...table].filter((name) => !example.has(name)).sort()).toEqual([]);
  });
});
