// A repository checkout as a pull_request workflow sees it: base and head commits, an event file,
// an empty job summary file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FAILING_PLAN = ['# Plan: [FEATURE NAME]', '', '## Quality Gates', '', '| Gate | Status |', '|---|---|', '| Security | ❌ |', ''].join('\n');
export const WARNING_PLAN = ['# Plan: Dark mode', '', '## Summary', '', '## Quality Gates', '', '| Gate | Criteria | Status |', '|---|---|---|', '| Tests | All green | ⏳ |', '| Review | 1 approval | ✅ |', ''].join('\n');

export interface Checkout {
  root: string;
  workspace: string;
  baseSha: string;
  headSha: string;
  eventPath: string;
  summaryPath: string;
  git: (...args: string[]) => string;
}

export function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** `base` files committed on main, then `head` files on `branch`. */
export function checkout(base: Record<string, string>, head: Record<string, string>, branch = '002-dark-mode'): Checkout {
  const root = mkdtempSync(join(tmpdir(), 'planbot-action-'));
  const workspace = join(root, 'repo');
  mkdirSync(workspace);
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  for (const [path, text] of Object.entries(base)) write(workspace, path, text);
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const baseSha = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', branch);
  for (const [path, text] of Object.entries(head)) write(workspace, path, text);
  git('add', '-A');
  git('commit', '-q', '-m', 'head');
  const headSha = git('rev-parse', 'HEAD');
  const eventPath = join(root, 'event.json');
  writeFileSync(eventPath, JSON.stringify({ action: 'synchronize', pull_request: { number: 7, base: { sha: baseSha, ref: 'main' }, head: { sha: headSha, ref: branch } } }));
  const summaryPath = join(root, 'step-summary.md');
  writeFileSync(summaryPath, '');
  return { root, workspace, baseSha, headSha, eventPath, summaryPath, git };
}

/** The environment the runner gives a JavaScript action (input names upper-cased, hyphens kept). */
export function actionEnv(co: Checkout, inputs: Record<string, string> = {}, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_WORKSPACE: co.workspace,
    GITHUB_EVENT_PATH: co.eventPath,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_STEP_SUMMARY: co.summaryPath,
    GITHUB_REPOSITORY: 'acme/web',
    GITHUB_SHA: co.headSha,
    'INPUT_PATH': '',
    'INPUT_FAIL-ON': 'error',
    'INPUT_CONFIG': '',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...extra,
  };
}
