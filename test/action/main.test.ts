// The Action's entry point under the environment GitHub Actions provides.
import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../../src/action/main.js';
import { actionEnv, checkout, FAILING_PLAN, WARNING_PLAN, type Checkout } from './fixture.js';

const created: Checkout[] = [];
afterAll(() => {
  for (const co of created) rmSync(co.root, { recursive: true, force: true });
});

async function act(env: NodeJS.ProcessEnv) {
  let stdout = '';
  let stderr = '';
  const code = await runAction(env, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr, lines: stdout.trimEnd().split('\n').filter(Boolean) };
}

function track(co: Checkout): Checkout {
  created.push(co);
  return co;
}

// main has a failing plan (001) the pull request does not touch; the pull request adds 002's plan.
const base = { 'specs/001-auth/plan.md': FAILING_PLAN, 'README.md': 'hi\n' };
const head = { 'specs/002-dark-mode/plan.md': WARNING_PLAN, 'src/app.ts': 'export {};\n' };

describe('the planbot Action', () => {
  it('lints only the plans the pull request changes, annotates them, and writes both check summaries', async () => {
    const co = track(checkout(base, head));
    const result = await act(actionEnv(co));
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([
      '::warning file=specs/002-dark-mode/plan.md,line=1,title=planbot required-section::Required section “Technical Context” is missing',
      '::warning file=specs/002-dark-mode/plan.md,line=1,title=planbot required-section::Required section “Project Structure” is missing',
      '::warning file=specs/002-dark-mode/plan.md,line=1,title=planbot required-section::Required section “Implementation Phases” is missing',
      '::warning file=specs/002-dark-mode/plan.md,line=1,title=planbot required-section::Required section “Risks & Mitigations” is missing',
      '::warning file=specs/002-dark-mode/plan.md,line=9,title=planbot gate-pending::Gate “Tests” is pending (“⏳”)',
    ]);
    expect(result.stdout).not.toContain('001-auth');
    const summary = readFileSync(co.summaryPath, 'utf8');
    expect(summary).toContain('✅ Checked 1 plan (`specs/*/plan.md`, changed in this pull request): 0 errors, 5 warnings, 0 notices; fail-on: `error`.');
    expect(summary).toContain('## Plan completeness');
    expect(summary).toContain(`(https://github.com/acme/web/blob/${co.headSha}/specs/002-dark-mode/plan.md#L9)`);
    // The gates table exactly as the check run renders it.
    expect(summary).toContain(
      ['## Quality gates', '', '⏳ 2 gates: 1 pending, 1 passing.', '', '### `specs/002-dark-mode/plan.md`', '', '| Gate | Criteria | Status | Plan says |', '|---|---|---|---|', '| Tests | All green | ⏳ pending | ⏳ |', '| Review | 1 approval | ✅ pass | ✅ |'].join('\n'),
    );
    expect(summary).not.toContain('001-auth');
  });

  it('exits by fail-on: warning fails on warnings, never passes with errors, error fails on errors', async () => {
    const co = track(checkout(base, head));
    expect((await act(actionEnv(co, { 'fail-on': 'warning' }))).code).toBe(1);
    expect(readFileSync(co.summaryPath, 'utf8')).toContain('❌ Checked 1 plan');

    const failing = track(checkout(base, { 'specs/002-dark-mode/plan.md': FAILING_PLAN }));
    const errors = await act(actionEnv(failing));
    expect(errors.code).toBe(1);
    expect(errors.lines).toContain('::error file=specs/002-dark-mode/plan.md,line=1,col=9,title=planbot placeholder::Unfilled placeholder [FEATURE NAME]');
    expect(errors.lines).toContain('::error file=specs/002-dark-mode/plan.md,line=7,title=planbot gate-failing::Gate “Security” is failing (“❌”)');
    const never = await act(actionEnv(failing, { 'fail-on': 'never' }));
    expect(never.code).toBe(0);
    expect(never.lines).toEqual(errors.lines);
  });

  it('lints every plan outside a pull request, and when the checkout lacks the base commit (says so)', async () => {
    const co = track(checkout(base, head));
    writeFileSync(join(co.root, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
    const push = await act(actionEnv(co, {}, { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: join(co.root, 'push.json') }));
    expect(push.code).toBe(1);
    expect(new Set(push.lines.map((line) => /file=([^,]+)/.exec(line)?.[1]))).toEqual(new Set(['specs/001-auth/plan.md', 'specs/002-dark-mode/plan.md']));

    const shallow = track(checkout(base, head));
    writeFileSync(shallow.eventPath, JSON.stringify({ pull_request: { base: { sha: 'f'.repeat(40) }, head: { sha: shallow.headSha, ref: '002-dark-mode' } } }));
    const all = await act(actionEnv(shallow));
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('file=specs/001-auth/plan.md');
    expect(readFileSync(shallow.summaryPath, 'utf8')).toContain('so every plan was checked. Check out with `fetch-depth: 0`');
  });

  it('takes the path glob and the config from its inputs', async () => {
    const co = track(checkout(base, { 'docs/plans/dark.md': FAILING_PLAN, 'ci/planbot.yml': 'gates:\n  required_sections: []\n' }));
    const result = await act(actionEnv(co, { path: 'docs/plans/*.md', config: 'ci/planbot.yml' }));
    expect(result.code).toBe(1);
    expect(result.lines.map((line) => /title=planbot ([\w-]+)/.exec(line)?.[1])).toEqual(['placeholder', 'gate-failing']);
    expect(readFileSync(co.summaryPath, 'utf8')).toContain('Checked 1 plan (`docs/plans/*.md`, changed in this pull request)');
  });

  it('fails on an invalid config with the app\'s messages at their line and column, and lints nothing', async () => {
    const co = track(checkout(base, { ...head, '.github/planbot.yml': 'gates:\n  requried_sections: [Summary]\n' }));
    const result = await act(actionEnv(co, { 'fail-on': 'never' }));
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      '::error file=.github/planbot.yml,line=2,col=3,title=planbot config::gates.requried_sections: unknown key "requried_sections"; did you mean `required_sections`?',
    ]);
    const summary = readFileSync(co.summaryPath, 'utf8');
    expect(summary).toContain('## Invalid planbot configuration');
    expect(summary).toContain('.github/planbot.yml:2:3: gates.requried_sections: unknown key "requried_sections"; did you mean `required_sections`?');
  });

  it('refuses an unknown fail-on value, and reports an empty changed plan as an error', async () => {
    const co = track(checkout(base, head));
    const bad = await act(actionEnv(co, { 'fail-on': 'sometimes' }));
    expect(bad).toMatchObject({ code: 1, stdout: '::error title=planbot::input fail-on must be one of error, warning, never (got "sometimes")\n' });

    const empty = track(checkout(base, { 'specs/002-dark-mode/plan.md': '' }));
    const result = await act(actionEnv(empty));
    expect(result.code).toBe(1);
    expect(result.lines).toEqual(['::error file=specs/002-dark-mode/plan.md,line=1,title=planbot empty-file::The file is empty: there is no plan to check']);
  });

  it('reports a plan it cannot read on that file, and fails', async () => {
    const co = track(checkout(base, { 'specs/002-dark-mode/plan.md': 'a\u0000b' }));
    const result = await act(actionEnv(co, { 'fail-on': 'never' }));
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      '::error file=specs/002-dark-mode/plan.md,title=planbot::specs/002-dark-mode/plan.md: not a text file (binary data)',
    ]);
    expect(readFileSync(co.summaryPath, 'utf8')).toContain('not a text file');
  });

  it('checks the branch\'s own plan even when the pull request does not touch it', async () => {
    const co = track(checkout({ ...base, 'specs/002-dark-mode/plan.md': WARNING_PLAN }, { 'src/app.ts': 'export {};\n' }));
    const result = await act(actionEnv(co));
    expect(result.stdout).toContain('file=specs/002-dark-mode/plan.md');
    expect(result.stdout).not.toContain('001-auth');
  });
});
