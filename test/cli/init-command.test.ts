import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { renderTemplate, SEED_TEMPLATE } from '../../src/plan/index.js';
import { run } from './capture.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'planbot-init-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const init = (...args: string[]) => run('init', ...args, '--dir', dir, '--date', '2026-11-23');

/** Every file under dir, relative. */
function files(root = dir, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(root, join(prefix, entry.name)) : [join(prefix, entry.name)],
  );
}

describe('planbot init', () => {
  it('writes the seed skeleton at specs/{feature}/plan.md for a feature branch', async () => {
    const result = await init('feat/001-user-auth');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Created .*specs\/001-user-auth\/plan\.md for 001-user-auth from the seed template\n$/);
    expect(files()).toEqual(['specs/001-user-auth/plan.md']);
    const written = readFileSync(join(dir, 'specs/001-user-auth/plan.md'), 'utf8');
    expect(written).toBe(renderTemplate(SEED_TEMPLATE, { feature: '001-user-auth', number: '001', slug: 'user-auth', date: '2026-11-23' }));
    expect(written.split('\n')[0]).toBe('# Implementation Plan: User Auth');
  });

  it('refuses to overwrite an existing plan, leaving it untouched (exit 1)', async () => {
    mkdirSync(join(dir, 'specs/001-user-auth'), { recursive: true });
    writeFileSync(join(dir, 'specs/001-user-auth/plan.md'), 'my plan');
    const result = await init('001-user-auth');
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'planbot: init: specs/001-user-auth/plan.md already exists; planbot never overwrites a plan\n' });
    expect(readFileSync(join(dir, 'specs/001-user-auth/plan.md'), 'utf8')).toBe('my plan');
  });

  it.each(['main', 'feature/login', '001-x/..', 'feat/001-x;rm', '001-UPPER', '001-x\u0000evil', '001-\u202eevil', ''])(
    'refuses branch %j with one line and exit 2, writing nothing',
    async (branch) => {
      const result = await init(branch);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^planbot: init: branch .* is not a feature branch/);
      expect(files()).toEqual([]);
    },
  );

  it("honours the repository's branches.pattern, plan.path and plan.template", async () => {
    mkdirSync(join(dir, '.github'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, '.github/planbot.yml'), "branches:\n  pattern: '^[A-Z]+-\\d+-[a-z-]+$'\nplan:\n  path: apps/web/specs/{feature}/PLAN.md\n  template: docs/plan-template.md\n");
    writeFileSync(join(dir, 'docs/plan-template.md'), '# [FEATURE NAME] ([###-feature-name]) on [DATE]\n');
    const result = await init('jdoe/JIRA-12-new-login');
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'apps/web/specs/JIRA-12-new-login/PLAN.md'), 'utf8')).toBe('# JIRA 12 New Login (JIRA-12-new-login) on 2026-11-23\n');
  });

  it("uses spec-kit's template when the repository has one", async () => {
    mkdirSync(join(dir, '.specify/templates'), { recursive: true });
    writeFileSync(join(dir, '.specify/templates/plan-template.md'), '# Implementation Plan: [FEATURE]\n**Branch**: `[###-feature-name]` | **Date**: [DATE] | **Spec**: [link]\n');
    const result = await init('002-export');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('from .specify/templates/plan-template.md');
    expect(readFileSync(join(dir, 'specs/002-export/plan.md'), 'utf8')).toBe(
      '# Implementation Plan: Export\n**Branch**: `002-export` | **Date**: 2026-11-23 | **Spec**: [spec.md](./spec.md)\n',
    );
  });

  it('falls back to the seed, saying so, when the configured template is missing', async () => {
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/planbot.yml'), 'plan:\n  template: docs/missing.md\n');
    const result = await init('003-x');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`planbot: plan.template docs/missing.md not found in ${dir}; falling back\n`);
    expect(readFileSync(join(dir, 'specs/003-x/plan.md'), 'utf8').split('\n')[0]).toBe('# Implementation Plan: X');
  });

  it('refuses a plan.path that leaves the repository, and an invalid config', async () => {
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/planbot.yml'), 'plan:\n  path: ../outside/{feature}.md\n');
    const escaping = await init('004-x');
    expect(escaping.code).toBe(2);
    expect(escaping.stderr).toBe(
      `planbot: ${join(dir, '.github/planbot.yml')}: invalid configuration (1 problem; \`planbot config ${join(dir, '.github/planbot.yml')}\` checks it alone):\n` +
        `  ${join(dir, '.github/planbot.yml')}:2:3: plan.path: plan.path must not contain empty, "." or ".." segments\n`,
    );
    expect(existsSync(join(dir, '../outside'))).toBe(false);
    writeFileSync(join(dir, '.github/planbot.yml'), 'plan:\n  path: 42\n  nonsense: true\n');
    const invalid = await init('004-x');
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^planbot: .*planbot\.yml: invalid configuration \(2 problems; /);
    expect(invalid.stderr).toContain(':3:3: plan.nonsense: unknown key "nonsense"');
    expect(files().filter((file) => !file.startsWith('.github'))).toEqual([]);
  });

  it('checks its arguments', async () => {
    expect((await run('init', 'a', 'b')).stderr).toBe('planbot: init: give at most one BRANCH. Run `planbot init --help` for usage.\n');
    expect((await run('init', '001-x', '--dir', join(dir, 'nope'))).stderr).toBe(`planbot: init: --dir ${join(dir, 'nope')} does not exist\n`);
    for (const date of ['tomorrow', '2026-13-45', '2026-02-29', '2026-4-01']) {
      expect(await run('init', '001-x', '--dir', dir, '--date', date)).toEqual({
        code: 2,
        stdout: '',
        stderr: `planbot: init: --date must be a real date, YYYY-MM-DD (got "${date}")\n`,
      });
    }
    expect(files()).toEqual([]);
    expect(await run('init', '--dir', dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: `planbot: init: no BRANCH given, and no git branch is checked out in ${dir}. Run \`planbot init BRANCH\`.\n`,
    });
  });

  it('uses the checked-out branch when BRANCH is not given, and accepts a leap day', async () => {
    execFileSync('git', ['init', '-q', '-b', 'feat/007-leap-day'], { cwd: dir, stdio: 'ignore' });
    const result = await run('init', '--dir', dir, '--date', '2028-02-29');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, 'specs/007-leap-day/plan.md'), 'utf8')).toContain('2028-02-29');
  });
});
