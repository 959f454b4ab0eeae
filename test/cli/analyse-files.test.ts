import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultConfig } from '../../src/config/schema.js';
import { analyseFiles, configFor, kindOf } from '../../src/cli/analyse-files.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planbot-analyse-'));
  mkdirSync(join(dir, '.github'));
  writeFileSync(join(dir, '.github/planbot.yml'), 'gates:\n  vocabulary:\n    pass: [shipped]\n');
  writeFileSync(join(dir, 'tasks.md'), '# Tasks\n\n| Gate | Status |\n|---|---|\n| Deploy | shipped |\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kindOf', () => {
  it('treats tasks.md as a task list unless told otherwise', () => {
    expect(kindOf('specs/001-x/tasks.md', 'auto')).toBe('tasks');
    expect(kindOf('specs/001-x/TASKS.md', 'auto')).toBe('tasks');
    expect(kindOf('specs/001-x/plan.md', 'auto')).toBe('plan');
    expect(kindOf('specs/001-x/tasks.md', 'plan')).toBe('plan');
  });
});

describe('configFor and analyseFiles', () => {
  it('reads the working directory config, and applies its vocabulary', async () => {
    const config = await configFor(undefined, dir);
    expect(config.gates.vocabulary.pass).toEqual(['shipped']);
    expect(await configFor(undefined, join(dir, '.github'))).toEqual(defaultConfig());
    const { models, failures } = await analyseFiles([join(dir, 'tasks.md'), join(dir, 'gone.md')], 'auto', config);
    expect(models.map((m) => m.gates[0].status)).toEqual(['pass']);
    expect(models[0].findings).toEqual([]);
    expect(failures.map((f) => f.message)).toEqual([`${join(dir, 'gone.md')}: no such file`]);
  });
});
