import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './capture.js';
import { knownKeysAt } from '../../src/config/json-schema.js';

let dir: string;
const cwd = process.cwd();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planbot-config-'));
});
afterAll(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('planbot config [FILE]', () => {
  it('exits 0 and says so for a valid file', async () => {
    const path = file('ok.yml', 'checks:\n  per_gate: true\ngates:\n  required_sections: [Summary]\n');
    expect(await run('config', path)).toEqual({ code: 0, stdout: `${path}: valid\n`, stderr: '' });
  });

  it('names file:line:column, key and problem for each error, with the nearest key for a typo; exit 2', async () => {
    const path = file(
      'typo.yml',
      ['checks:', '  per_gate: yes please', 'gates:', '  requried_sections:', '    - Summary', 'issues:', '  labels: planbot', 'frobnicate: 1', ''].join('\n'),
    );
    expect(await run('config', path)).toEqual({
      code: 2,
      stdout: [
        `${path}:2:3: checks.per_gate: Invalid input: expected boolean, received string`,
        `${path}:4:3: gates.requried_sections: unknown key "requried_sections"; did you mean \`required_sections\`?`,
        `${path}:7:3: issues.labels: Invalid input: expected array, received string`,
        `${path}:8:1: frobnicate: unknown key "frobnicate"; allowed here: ${knownKeysAt([]).join(', ')}`,
        '',
      ].join('\n'),
      stderr: `4 problems in ${path}\n`,
    });
  });

  it('reports YAML syntax errors at their line and column, without a dangling colon or code excerpt', async () => {
    const path = file('syntax.yml', 'checks:\n  per_gate: true\nissues: labels: x\n');
    const result = await run('config', path);
    expect(result).toEqual({
      code: 2,
      stdout: `${path}:3:9: invalid YAML: Nested mappings are not allowed in compact mappings\n`,
      stderr: `1 problem in ${path}\n`,
    });
    const tabs = await run('config', file('tabs.yml', 'gates:\n\trequired_sections: []\n'));
    expect(tabs.code).toBe(2);
    for (const line of tabs.stdout.trimEnd().split('\n')) expect(line).toMatch(/^.*tabs\.yml:2:\d+: invalid YAML: .*[^:\s]$/);
  });

  it('refuses a file that is not a mapping, and an unreadable one', async () => {
    const list = file('list.yml', '- checks\n- issues\n');
    expect(await run('config', list)).toEqual({
      code: 2,
      stdout: `${list}:1:1: the file must be a mapping of keys (\`key: value\`), not a list or a single value\n`,
      stderr: `1 problem in ${list}\n`,
    });
    expect(await run('config', join(dir, 'nope.yml'))).toEqual({ code: 2, stdout: '', stderr: `planbot: ${join(dir, 'nope.yml')}: no such file\n` });
  });

  it('reads .github/planbot.yml by default, and notes an _extends it cannot follow offline', async () => {
    mkdirSync(join(dir, '.github'), { recursive: true });
    writeFileSync(join(dir, '.github/planbot.yml'), '_extends: acme/.github\nchecks:\n  per_gate: true\n');
    process.chdir(dir);
    try {
      expect(await run('config')).toEqual({
        code: 0,
        stdout: '.github/planbot.yml: valid\n',
        stderr: 'planbot: note: .github/planbot.yml extends "acme/.github"; that file is not read offline (the app merges it on GitHub)\n',
      });
    } finally {
      process.chdir(cwd);
    }
  });

  it('an empty file is a valid config (all defaults)', async () => {
    const path = file('empty.yml', '# nothing yet\n');
    expect(await run('config', path)).toEqual({ code: 0, stdout: `${path}: valid\n`, stderr: '' });
  });
});
