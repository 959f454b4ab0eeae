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

  it('prints file:line:column  severity  rule  message and exits 1 on errors', async () => {
    const result = await run('lint', broken);
    expect(result.code).toBe(1);
    // On one line, whole-line findings (column 1) come before findings at a column.
    expect(result.stdout.split('\n')[0]).toBe(`${broken}:1:1  warning  required-section  Required section “Summary” is missing`);
    expect(result.stdout.split('\n')[6]).toBe(`${broken}:1:9  error  placeholder  Unfilled placeholder [FEATURE NAME]`);
    expect(result.stdout).toContain(`${broken}:5:1  error  gate-failing  Gate “Security, 100%” is failing (“❌ failed: see\\nlog”)\n`);
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
    writeFileSync(join(dir, 'custom.yml'), "gates:\n  required_sections: [Summary]\n  vocabulary:\n    waived: ['failed']\n");
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

  it('refuses an invalid config with one line per problem, as `planbot config` words them, exit 2', async () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'gates:\n  required_sections: nope\n  requried_sections: []\n');
    const result = await run('lint', clean, '--config', bad);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        `planbot: ${bad}: invalid configuration (2 problems; \`planbot config ${bad}\` checks it alone):`,
        `  ${bad}:2:3: gates.required_sections: Invalid input: expected array, received string`,
        `  ${bad}:3:3: gates.requried_sections: unknown key "requried_sections"; did you mean \`required_sections\`?`,
        '',
      ].join('\n'),
    );
    const yaml = join(dir, 'yaml.yml');
    writeFileSync(yaml, 'gates: [unclosed\n');
    expect((await run('lint', clean, '--config', yaml)).stderr).toMatch(new RegExp(`^planbot: .*\\n  ${yaml}:2:1: invalid YAML: [^\\n]*[^:]\\n$`));
  });

  it('prints identical findings once, and counts them once', async () => {
    const twice = join(dir, 'twice.md');
    // The same file given twice: each finding once.
    writeFileSync(twice, ['# Plan: [FEATURE NAME]', '## Summary'].join('\n'));
    const result = await run('lint', twice, twice, '--config', join(dir, 'custom.yml'));
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toEqual([...new Set(lines)]);
    expect(lines.filter((line) => line.includes('placeholder'))).toEqual([`${twice}:1:9  error  placeholder  Unfilled placeholder [FEATURE NAME]`]);
    expect(result.stderr).toBe(`1 error, ${lines.length - 1} warnings, 0 notices in 2 files\n`);
  });

  it('an empty plan is an error, not a pass', async () => {
    const empty = join(dir, 'empty.md');
    writeFileSync(empty, '\n  \n');
    const result = await run('lint', empty);
    expect(result).toEqual({
      code: 1,
      stdout: `${empty}:1:1  error  empty-file  The file is empty: there is no plan to check\n`,
      stderr: '1 error, 0 warnings, 0 notices in 1 file\n',
    });
  });
});
