import { beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runIssuesCommand } from '../../src/cli/issues-command.js';

const PLAN = readFileSync(new URL('../sync/fixtures/plan.md', import.meta.url), 'utf8');
const TASKS = readFileSync(new URL('../sync/fixtures/tasks.md', import.meta.url), 'utf8');
let dir: string;
let planFile: string;
let config: string;

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runIssuesCommand(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planbot-issues-'));
  mkdirSync(join(dir, 'specs/001-user-auth'), { recursive: true });
  planFile = join(dir, 'specs/001-user-auth/plan.md');
  writeFileSync(planFile, PLAN);
  writeFileSync(join(dir, 'specs/001-user-auth/tasks.md'), TASKS);
  config = join(dir, 'planbot.yml');
  writeFileSync(config, 'issues:\n  assignees: [alice]\n');
});

describe('planbot issues FILE --dry-run', () => {
  it('prints the issues and links the app would create, from the same reconciler', async () => {
    const result = await run(planFile, '--dry-run', '--repo', 'acme/web', '--config', config, '--source', 'plan');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        'Dry run for specs/001-user-auth/plan.md (feature 001-user-auth) in acme/web: nothing is sent; issue numbers are placeholders.',
        '',
        'Would create 4 issues:',
        '  #1  001-user-auth · Phase 0: Research & Design  [planbot], 1/2 tasks done, assigned to alice',
        '  #2  001-user-auth · Phase 1: Foundation  [planbot], 0/2 tasks done, assigned to alice',
        '  #3  001-user-auth · Phase 2: Core Implementation  [planbot], 0/2 tasks done, assigned to alice',
        '  #4  001-user-auth: implementation plan  [planbot, planbot:tracking], assigned to alice',
        '',
        'Would link 3 sub-issues under #4 (tracking issue):',
        '  #1 (Phase 0), #2 (Phase 1), #3 (Phase 2)',
        '',
        'Would add 2 blocked-by links:',
        '  #2 (Phase 1) is blocked by #1 (Phase 0)',
        '  #3 (Phase 2) is blocked by #2 (Phase 1)',
        '',
      ].join('\n'),
    );
    expect(result.stderr).toBe('');
  });

  it('--bodies shows each body as it would be sent, with the placeholder numbers filled in', async () => {
    const { stdout } = await run(planFile, '--dry-run', '--repo', 'acme/web', '--branch', 'main', '--bodies', '--config', config, '--source', 'plan');
    expect(stdout).toContain('----- #2 001-user-auth · Phase 1: Foundation\n<!-- planbot:v1 feature=001-user-auth phase=1 source=plan');
    expect(stdout).toContain('- **Dependencies**: Phase 0 (#1)');
    expect(stdout).toContain('(https://github.com/acme/web/blob/main/');
    expect(stdout).toMatch(/<!-- planbot:links sub=1,2,3 blocked_by=2:1,3:2[ >]/);
  });

  it('--json prints the planned actions; --source tasks reads the tasks.md next to the plan', async () => {
    const { code, stdout } = await run(planFile, '--dry-run', '--json', '--source', 'tasks', '--config', config);
    expect(code).toBe(0);
    const actions = JSON.parse(stdout);
    expect(actions.map((action: any) => action.type)).toEqual([
      'create-issue',
      'create-issue',
      'create-issue',
      'create-issue',
      'add-sub-issue',
      'add-sub-issue',
      'add-sub-issue',
      'add-blocked-by',
    ]);
    expect(actions[0]).toMatchObject({ ref: 'phase:1', title: '001-user-auth · Phase 1: Setup', labels: ['planbot'] });
    expect(actions[0].body).toContain('- [x] T001 Create project structure per implementation plan');
    expect(actions[0].body).toContain('(https://github.com/OWNER/REPO/blob/001-user-auth/');
  });

  it('without --dry-run it refuses with exit 2 and says only a dry run works', async () => {
    const result = await run(planFile);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'planbot: issues: only --dry-run is supported; the app syncs issues on GitHub. Run `planbot issues --dry-run --repo OWNER/NAME --ref BRANCH` or `planbot issues FILE --dry-run`.\n',
    });
  });

  it('bad input: a missing file, a malformed --repo, an unknown --source, an unknown option', async () => {
    expect(await run(join(dir, 'nope.md'), '--dry-run')).toMatchObject({ code: 2, stderr: `planbot: ${join(dir, 'nope.md')}: no such file\n` });
    expect(await run(planFile, '--dry-run', '--repo', 'acme')).toMatchObject({ code: 2, stderr: 'planbot: issues: --repo must look like owner/name (got "acme")\n' });
    expect((await run(planFile, '--dry-run', '--source', 'jira', '--config', config)).code).toBe(2);
    expect((await run(planFile, '--dry-run', '--frobnicate')).code).toBe(2);
  });

  it('a plan without phases: nothing to create, exit 0', async () => {
    const empty = join(dir, 'empty.md');
    writeFileSync(empty, '# Plan\n\nNo phases yet.\n');
    const result = await run(empty, '--dry-run', '--config', config);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('The plan has no phases: no issues would be created.');
  });

  it('follows issues.source (default auto: the tasks.md next to the plan when there is one)', async () => {
    const auto = await run(planFile, '--dry-run', '--config', config);
    expect(auto.stdout).toContain('#1  001-user-auth · Phase 1: Setup  [planbot], 1/2 tasks done');
  });

  it('names the plan by its path inside the git checkout, or as --path says; titles always name the feature', async () => {
    mkdirSync(join(dir, '.git'), { recursive: true });
    const nested = join(dir, 'apps/web/specs/001-user-auth');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(nested, 'plan.md'), PLAN);
    const inCheckout = await run(join(nested, 'plan.md'), '--dry-run', '--config', config);
    expect(inCheckout.stdout).toContain('Dry run for apps/web/specs/001-user-auth/plan.md (feature 001-user-auth)');
    // Never the folder path (`apps/web/specs/001-user-auth · Phase 0`), even for a plan outside plan.path.
    expect(inCheckout.stdout).toContain('#1  001-user-auth · Phase 0: Research & Design');
    expect(inCheckout.stdout).not.toContain('specs/001-user-auth ·');
    const explicit = await run(join(nested, 'plan.md'), '--dry-run', '--config', config, '--path', 'specs/001-user-auth/plan.md');
    expect(explicit.stdout).toContain('#1  001-user-auth · Phase 0: Research & Design');
  });

  it('reads owner/repo from the git remote when --repo is not given', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'planbot-issues-git-'));
    git(checkout, 'init', '-q', '-b', '004-legal-pages');
    git(checkout, 'remote', 'add', 'origin', 'git@github.com:acme/legal-site.git');
    mkdirSync(join(checkout, 'specs/004-legal-pages'), { recursive: true });
    writeFileSync(join(checkout, 'specs/004-legal-pages/plan.md'), PLAN);
    const result = await run(join(checkout, 'specs/004-legal-pages/plan.md'), '--dry-run', '--config', config, '--bodies');
    expect(result.stdout.split('\n')[0]).toBe(
      'Dry run for specs/004-legal-pages/plan.md (feature 004-legal-pages) in acme/legal-site: nothing is sent; issue numbers are placeholders.',
    );
    expect(result.stdout).toContain('#1  004-legal-pages · Phase 0: Research & Design');
    expect(result.stdout).toContain('(https://github.com/acme/legal-site/blob/004-legal-pages/specs/004-legal-pages/plan.md#L');
    expect(result.stdout).not.toContain('OWNER/REPO');
    // --repo still wins over the remote.
    expect((await run(join(checkout, 'specs/004-legal-pages/plan.md'), '--dry-run', '--config', config, '--repo', 'other/x')).stdout).toContain(' in other/x:');
  });

  it('--help prints the usage', async () => {
    expect((await run('--help')).stdout).toMatch(/^Usage: planbot issues --dry-run --repo OWNER\/NAME --ref BRANCH .*\n {7}planbot issues FILE --dry-run/);
  });
});
