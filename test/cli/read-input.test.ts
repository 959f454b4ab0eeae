import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_FILE_BYTES } from '../../src/github/errors.js';
import { readTextFile } from '../../src/cli/read-input.js';
import { run } from './capture.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planbot-input-'));
  writeFileSync(join(dir, 'ok.md'), '# Plan\n');
  writeFileSync(join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]));
  writeFileSync(join(dir, 'latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9]));
  // A stray Windows-1252 em dash (0x97) in the title of an otherwise UTF-8 plan.
  writeFileSync(
    join(dir, 'cp1252.md'),
    Buffer.concat([
      Buffer.from('# GATES '),
      Buffer.from([0x97]),
      Buffer.from(' Project\n\n| Gate | Status |\n|---|---|\n| Review | ❌ |\n\n## Phase 1: Build\n\n- [ ] T001 Write it\n'),
    ]),
  );
  writeFileSync(join(dir, 'huge.md'), '');
  truncateSync(join(dir, 'huge.md'), MAX_FILE_BYTES + 1);
  writeFileSync(join(dir, 'limit.md'), '');
  truncateSync(join(dir, 'limit.md'), MAX_FILE_BYTES);
  mkdirSync(join(dir, 'folder.md'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTextFile', () => {
  it('reads UTF-8 text up to the limit', async () => {
    expect(await readTextFile(join(dir, 'ok.md'))).toBe('# Plan\n');
    // Exactly 5 MB of NUL bytes is within the size limit but is binary.
    await expect(readTextFile(join(dir, 'limit.md'))).rejects.toThrow('not a text file');
  });
});

describe('invalid UTF-8', () => {
  it('is decoded with U+FFFD, as GitHub shows it, instead of refusing the file', async () => {
    expect(await readTextFile(join(dir, 'latin1.md'))).toBe('# \uFFFDt\uFFFD');
    expect(await readTextFile(join(dir, 'cp1252.md'))).toMatch(/^# GATES \uFFFD Project\n/);
  });

  it('gets a finding on its line, and the rest of the file is read', async () => {
    const path = join(dir, 'cp1252.md');
    const lint = await run('lint', '--format', 'json', path);
    const findings = JSON.parse(lint.stdout) as Array<{ rule: string; line: number; column?: number }>;
    expect(findings.filter((f) => f.rule === 'encoding')).toEqual([expect.objectContaining({ line: 1, severity: 'warning' })]);
    // The gate table after the bad byte is still read: its failing gate is reported.
    expect(findings.filter((f) => f.rule === 'gate-failing').map((f) => f.line)).toEqual([5]);
    expect(lint.stderr).toBe('');
    const parse = await run('parse', '--json', path);
    const model = JSON.parse(parse.stdout);
    const only = Array.isArray(model) ? model[0] : model;
    expect(only.title).toBe('GATES \uFFFD Project');
    expect(only.phases.map((p: { number: string }) => p.number)).toEqual(['1']);
  });
});

describe('bad input on the command line', () => {
  it.each([
    ['missing.md', 'no such file'],
    ['binary.md', 'not a text file (binary data)'],
    ['huge.md', `file is ${MAX_FILE_BYTES + 1} bytes; planbot reads files up to ${MAX_FILE_BYTES} bytes (5 MB)`],
    ['folder.md', 'is a directory, not a file'],
  ])('%s: one line on stderr, nothing on stdout, exit 2', async (name, message) => {
    const path = join(dir, name);
    // lint --format json still prints valid JSON (no findings); everything else prints nothing.
    const stdoutFor: Array<[string[], string]> = [
      [['lint'], ''],
      [['lint', '--format', 'github'], ''],
      [['lint', '--format', 'json'], '[]\n'],
      [['parse'], ''],
      [['parse', '--json'], ''],
    ];
    for (const [argv, stdout] of stdoutFor) {
      expect(await run(...argv, path)).toEqual({ code: 2, stdout, stderr: `planbot: ${path}: ${message}\n` });
    }
  });

  it('still reports the readable files when one of several is bad', async () => {
    const result = await run('lint', join(dir, 'ok.md'), join(dir, 'missing.md'));
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${join(dir, 'ok.md')}:1:1  warning  required-section`);
    expect(result.stderr.split('\n')[0]).toBe(`planbot: ${join(dir, 'missing.md')}: no such file`);
  });
});
