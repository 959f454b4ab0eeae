import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, hasCorpus, seedPath } from '../plan/corpus-files.js';
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

  (hasCorpus ? it : it.skip)('keeps exactly that shape on every corpus file, and prints an array for several files', async () => {
    const files = readdirSync(corpusDir).filter((file) => file.endsWith('.md')).map((file) => join(corpusDir, file));
    const result = await run('parse', '--json', ...files);
    expect(result.code).toBe(0);
    const models = JSON.parse(result.stdout);
    expect(models).toHaveLength(files.length);
    for (const [i, model] of models.entries()) {
      expect(model.file).toBe(files[i]);
      expect(Object.keys(model).sort()).toEqual(TOP_KEYS);
      for (const phase of model.phases) {
        expect(Object.keys(phase).sort()).toEqual(['dependencies', 'duration', 'line', 'number', 'tasks', 'title']);
        expect(typeof phase.number).toBe('string');
        for (const task of phase.tasks) expect(Object.keys(task).sort()).toEqual(['checked', 'id', 'line', 'text']);
      }
      for (const gate of model.gates) expect(Object.keys(gate).sort()).toEqual(['criteria', 'line', 'name', 'raw', 'status']);
      for (const placeholder of model.placeholders) expect(Object.keys(placeholder).sort()).toEqual(['column', 'line', 'text']);
      for (const finding of model.findings) expect(Object.keys(finding).sort()).toEqual(['line', 'message', 'rule', 'severity']);
    }
    const tasksFile = models.find((model: { file: string }) => model.file.endsWith('05-zhulova-004-legal-pages-tasks.md'));
    expect(tasksFile.phases.flatMap((p: { tasks: unknown[] }) => p.tasks)).toHaveLength(33);
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

  it('needs a file', async () => {
    expect(await run('parse')).toEqual({ code: 2, stdout: '', stderr: 'planbot: parse: no FILE given. Run `planbot parse --help` for usage.\n' });
  });
});
