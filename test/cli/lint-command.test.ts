import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './capture.js';

let dir: string;
let clean: string;
let broken: string;
let tasks: string;
const cwd = process.cwd();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planbot-lint-'));
  clean = join(dir, 'clean.md');
  broken = join(dir, 'broken.md');
  mkdirSync(join(dir, 'specs/001-x'), { recursive: true });
  tasks = join(dir, 'specs/001-x/tasks.md');
  writeFileSync(clean, ['# Plan', '## Summary', '## Technical Context', '## Project Structure', '## Implementation Phases', '### Phase 1: Build', '- [x] T001 build', '## Quality Gates', '| Gate | Status |', '|---|---|', '| Review | ✅ |', '## Risks & Mitigations'].join('\n'));
  writeFileSync(broken, ['# Plan: [FEATURE NAME]', '', '| Gate | Status |', '|---|---|', '| Security, 100% | ❌ failed: see\\nlog |'].join('\n'));
  writeFileSync(tasks, '# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 [P] Do it\n');
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('planbot lint', () => {
  it('exits 0 on a clean plan and prints nothing on stdout', async () => {
    const result = await run('lint', clean);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '0 errors, 0 warnings, 0 notices in 1 file\n' });
  });

  it('prints file:line  severity  rule  message and exits 1 on errors', async () => {
    const result = await run('lint', broken);
    expect(result.code).toBe(1);
    // On one line, whole-line findings come before findings at a column.
    expect(result.stdout.split('\n')[0]).toBe(`${broken}:1  warning  required-section  Required section “Summary” is missing`);
    expect(result.stdout.split('\n')[6]).toBe(`${broken}:1  error  placeholder  Unfilled placeholder [FEATURE NAME]`);
    expect(result.stdout).toContain(`${broken}:5  error  gate-failing  Gate “Security, 100%” is failing (“❌ failed: see\\nlog”)\n`);
    expect(result.stderr).toBe('2 errors, 6 warnings, 0 notices in 1 file\n');
  });

  it('exits 0 when there are only warnings', async () => {
    const result = await run('lint', tasks, '--kind', 'plan');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('required-section');
  });

  it('treats tasks.md as a task list automatically', async () => {
    expect(await run('lint', tasks)).toEqual({ code: 0, stdout: '', stderr: '0 errors, 0 warnings, 0 notices in 1 file\n' });
  });

  it('prints findings as JSON with --format json', async () => {
    const result = await run('lint', clean, broken, '--format', 'json');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const findings = JSON.parse(result.stdout);
    expect(findings).toHaveLength(8);
    expect(findings[6]).toEqual({ file: broken, rule: 'placeholder', severity: 'error', message: 'Unfilled placeholder [FEATURE NAME]', line: 1 });
  });

  it('prints GitHub Actions annotations, escaped, with --format github', async () => {
    const result = await run('lint', broken, '--format', 'github');
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[0]).toBe(`::warning file=${broken},line=1,title=planbot required-section::Required section “Summary” is missing`);
    expect(lines[6]).toBe(`::error file=${broken},line=1,col=9,title=planbot placeholder::Unfilled placeholder [FEATURE NAME]`);
    expect(lines[7]).toBe(`::error file=${broken},line=5,title=planbot gate-failing::Gate “Security, 100%25” is failing (“❌ failed: see\\nlog”)`);
  });

  it('uses .github/planbot.yml from the working directory, or --config', async () => {
    writeFileSync(join(dir, 'custom.yml'), "gates:\n  required_sections: [Summary]\n  vocabulary:\n    waived: ['❌']\n");
    const withConfig = await run('lint', broken, '--config', join(dir, 'custom.yml'), '--format', 'json');
    expect(JSON.parse(withConfig.stdout).map((f: { rule: string }) => f.rule)).toEqual(['required-section', 'placeholder']);
    mkdirSync(join(dir, '.github'), { recursive: true });
    writeFileSync(join(dir, '.github/planbot.yml'), 'gates:\n  required_sections: []\n');
    process.chdir(dir);
    try {
      const local = await run('lint', 'broken.md', '--format', 'json');
      expect(JSON.parse(local.stdout).map((f: { rule: string }) => f.rule)).toEqual(['placeholder', 'gate-failing']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses an invalid config in one line, exit 2', async () => {
    writeFileSync(join(dir, 'bad.yml'), 'gates:\n  required_sections: nope\n  bogus: 1\n');
    const result = await run('lint', clean, '--config', join(dir, 'bad.yml'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^planbot: .*bad\.yml: invalid configuration: gates(\.required_sections)?: /);
    writeFileSync(join(dir, 'yaml.yml'), 'gates: [unclosed\n');
    expect((await run('lint', clean, '--config', join(dir, 'yaml.yml'))).stderr).toMatch(/^planbot: .*yaml\.yml: invalid YAML: .*\n$/);
  });
});
