import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusDir, seedPath } from '../plan/corpus-files.js';
import { quickSample } from '../helpers/full-suite.js';
import { run } from './capture.js';

const TOP_KEYS = ['feature', 'file', 'findings', 'gates', 'phases', 'placeholders', 'title'];

describe('planbot parse', () => {
  it('prints the documented JSON shape for the seed', async () => {
    const result = await run('parse', seedPath, '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json).sort()).toEqual(TOP_KEYS);
    expect(json.file).toBe(seedPath);
    expect(json.phases[1]).toEqual({
      number: '1',
      title: 'Foundation',
      line: 61,
      duration: '[X days]',
      dependencies: ['0'],
      parent: null,
      tasks: [
        { text: 'Set up project structure', checked: false, line: 65, id: null },
        { text: 'Configure build/test pipeline', checked: false, line: 66, id: null },
        { text: 'Create base models', checked: false, line: 67, id: null },
        { text: 'Set up database schema', checked: false, line: 68, id: null },
      ],
    });
    expect(json.gates[0]).toEqual({ name: 'Code Review', criteria: 'All PRs reviewed', status: 'pending', raw: '⬜', line: 93 });
    expect(json.placeholders[0]).toEqual({ text: '[FEATURE NAME]', line: 1, column: 24 });
    expect(json.findings[0]).toEqual({ rule: 'placeholder', severity: 'error', message: 'Unfilled placeholder [FEATURE NAME]', line: 1 });
  });

  it('keeps exactly that shape on every corpus file, and prints an array for several files', async () => {
    // A spread of the corpus in the quick tier, all of it in the full suite.
    const all = readdirSync(corpusDir).filter((file) => file.endsWith('.md')).sort();
    const files = [...new Set(['05-zhulova-004-legal-pages-tasks.md', ...quickSample(all)])].map((file) => join(corpusDir, file));
    const result = await run('parse', '--json', ...files);
    expect(result.code).toBe(0);
    const models = JSON.parse(result.stdout);
    expect(models).toHaveLength(files.length);
    for (const [i, model] of models.entries()) {
      expect(model.file).toBe(files[i]);
      expect(Object.keys(model).sort()).toEqual(TOP_KEYS);
      for (const phase of model.phases) {
        expect(Object.keys(phase).sort()).toEqual(['dependencies', 'duration', 'line', 'number', 'parent', 'tasks', 'title']);
        expect(phase.parent === null || model.phases.some((other: { number: string }) => other.number === phase.parent)).toBe(true);
        expect(typeof phase.number).toBe('string');
        for (const task of phase.tasks) expect(Object.keys(task).sort()).toEqual(['checked', 'id', 'line', 'text']);
      }
      for (const gate of model.gates) expect(Object.keys(gate).sort()).toEqual(['criteria', 'line', 'name', 'raw', 'status']);
      for (const placeholder of model.placeholders) expect(Object.keys(placeholder).sort()).toEqual(['column', 'line', 'text']);
      for (const finding of model.findings) expect(Object.keys(finding).sort()).toEqual(['line', 'message', 'rule', 'severity']);
    }
    const tasksFile = models.find((model: { file: string }) => model.file.endsWith('05-zhulova-004-legal-pages-tasks.md'));
    expect(tasksFile.phases.flatMap((p: { tasks: unknown[] }) => p.tasks)).toHaveLength(33);
    // 46 files on the worker pool: about 10 s of CPU, which a busy CI machine stretches past 30 s.
  }, 90_000);

  it("gives each phase its parent: sub-phases name the phase they are nested in, top-level phases null", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planbot-parent-'));
    try {
      const file = join(dir, 'plan.md');
      writeFileSync(
        file,
        '# Plan\n\n## Phase 1: Core\n\n### 1.1 Engine\n\n- [ ] a\n\n### 1.2 Storage\n\n- [ ] b\n\n## Phase 7: Launch\n\n### Phase 7.1: Beta\n\n- [ ] c\n\n## Phase 8: Done\n\n- [ ] d\n',
      );
      const result = await run('parse', file, '--json');
      expect(result.code).toBe(0);
      const phases = JSON.parse(result.stdout).phases.map((phase: { number: string; parent: string | null }) => [phase.number, phase.parent]);
      expect(phases).toEqual([
        ['1', null],
        ['1.1', '1'],
        ['1.2', '1'],
        ['7', null],
        ['7.1', '7'],
        ['8', null],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a readable summary without --json', async () => {
    const result = await run('parse', seedPath);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 5)).toEqual([
      seedPath,
      '  feature: (unknown)',
      '  title: Implementation Plan: [FEATURE NAME]',
      '  phases: 4; tasks: 15 (0 done)',
      '    Phase 0: Research & Design (0/4 done; duration [X days])  line 52',
    ]);
    expect(result.stdout).toContain('  gates: 4 (pending 4)\n');
    expect(result.stdout).toContain('  findings: 25 (error 21, warning 4)\n');
  });

  it('without FILE reads the plan of the checked-out branch where plan.path puts it, for parse and lint', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'planbot-branch-'));
    const cwd = process.cwd();
    const git = (...args: string[]) => execFileSync('git', args, { cwd: checkout, stdio: 'ignore' });
    try {
      process.chdir(checkout);
      expect(await run('parse')).toEqual({
        code: 2,
        stdout: '',
        stderr: 'planbot: parse: no FILE given, and no git branch is checked out here to find the plan by. Run `planbot parse --help` for usage.\n',
      });
      git('init', '-q', '-b', 'main');
      expect((await run('lint')).stderr).toMatch(/^planbot: lint: no FILE given, and branch "main" is not a feature branch \(.*\); give a FILE\n$/);
      git('checkout', '-q', '-b', 'jdoe/005-dark-mode');
      mkdirSync(join(checkout, '.github'));
      writeFileSync(join(checkout, '.github/planbot.yml'), 'plan:\n  path: docs/{feature}/plan.md\n');
      expect(await run('lint')).toEqual({
        code: 2,
        stdout: '',
        stderr: 'planbot: lint: no FILE given, and branch "jdoe/005-dark-mode" has no plan at docs/005-dark-mode/plan.md yet (plan.path); `planbot init` writes it\n',
      });
      mkdirSync(join(checkout, 'docs/005-dark-mode'), { recursive: true });
      writeFileSync(join(checkout, 'docs/005-dark-mode/plan.md'), '# Plan: Dark mode\n\n## Phase 1: Build\n\n- [x] T001 Do it\n');
      const parsed = await run('parse', '--json');
      expect(parsed.code).toBe(0);
      expect(JSON.parse(parsed.stdout)).toMatchObject({ file: 'docs/005-dark-mode/plan.md', title: 'Plan: Dark mode', phases: [{ number: '1' }] });
      const linted = await run('lint');
      expect(linted.stdout.split('\n')[0]).toMatch(/^docs\/005-dark-mode\/plan\.md:1:1  warning  required-section/);
    } finally {
      process.chdir(cwd);
      rmSync(checkout, { recursive: true, force: true });
    }
  });
});
