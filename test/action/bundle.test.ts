// What a workflow runs: action.yml's `runs.main`, the committed bundle, with nothing installed.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bundleText, BUNDLE_PATH, ROOT } from '../../tools/build-action.js';
import { runAction } from '../../src/action/main.js';
import { actionEnv, checkout, FAILING_PLAN, WARNING_PLAN, type Checkout } from './fixture.js';

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

interface ActionYml {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; main: string };
}

describe('action.yml and its bundle', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as ActionYml;

  it('declares the inputs path, fail-on and config, and runs the committed bundle on a supported Node', () => {
    expect(Object.keys(action.inputs)).toEqual(['path', 'fail-on', 'config']);
    expect(action.inputs['fail-on'].default).toBe('error');
    expect(action.runs.using).toMatch(/^node(20|24)$/);
    expect(action.runs.main).toBe(BUNDLE_PATH);
    expect(existsSync(join(ROOT, action.runs.main))).toBe(true);
  });

  it('commits the bundle as the build writes it now (run `npm run build:action` after changing src/)', async () => {
    const committed = readFileSync(join(ROOT, BUNDLE_PATH), 'utf8');
    expect(committed === (await bundleText())).toBe(true);
  }, 60_000);

  it('runs from a copy of the bundle alone (no node_modules), with the runner\'s environment, as the sources do', async () => {
    const co: Checkout = checkout(
      { 'specs/001-auth/plan.md': FAILING_PLAN },
      { 'specs/002-dark-mode/plan.md': WARNING_PLAN, 'specs/003-x/plan.md': FAILING_PLAN },
    );
    created.push(co.root);
    const actionDir = join(co.root, '_actions/acme/planbot/v1');
    mkdirSync(join(actionDir, 'dist-action'), { recursive: true });
    copyFileSync(join(ROOT, BUNDLE_PATH), join(actionDir, BUNDLE_PATH));

    const env = actionEnv(co, { 'fail-on': 'warning' });
    const spawned = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [join(actionDir, action.runs.main)], { cwd: co.workspace, env: { PATH: process.env.PATH, ...env } }, (error, stdout) =>
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout }),
      );
    });
    const processSummary = readFileSync(co.summaryPath, 'utf8');

    writeFileSync(co.summaryPath, '');
    let stdout = '';
    const code = await runAction(env, { stdout: (s) => (stdout += s), stderr: () => {} });
    expect(spawned.code).toBe(1);
    expect(spawned).toEqual({ code, stdout });
    expect(stdout).toContain('::error file=specs/003-x/plan.md,line=1,col=9,title=planbot placeholder::Unfilled placeholder [FEATURE NAME]');
    expect(stdout).not.toContain('001-auth');
    expect(processSummary).toBe(readFileSync(co.summaryPath, 'utf8'));
    expect(processSummary).toContain('| Tests | All green | ⏳ pending | ⏳ |');
  }, 60_000);
});
