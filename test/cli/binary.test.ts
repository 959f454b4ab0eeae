// The real command, once, as a user runs it: a separate process through tsx (no build needed).
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { repoRoot, seedPath } from '../plan/corpus-files.js';

const exec = promisify(execFile);

describe('planbot as a process', () => {
  it('lints the seed: findings on stdout, a tally on stderr, exit code 1', async () => {
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const error = await exec(tsx, [join(repoRoot, 'src/cli/main.ts'), 'lint', seedPath], { cwd: repoRoot }).then(
      () => null,
      (failure: { code: number; stdout: string; stderr: string }) => failure,
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout.split('\n')[0]).toBe(`${seedPath}:1  error  placeholder  Unfilled placeholder [FEATURE NAME]`);
    expect(error?.stderr).toBe('21 errors, 4 warnings, 0 notices in 1 file\n');
  }, 60_000);

  it('answers --help with exit 0 and no stack trace for a missing file', async () => {
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const help = await exec(tsx, [join(repoRoot, 'src/cli/main.ts'), '--help'], { cwd: repoRoot });
    expect(help.stdout).toMatch(/^Usage: planbot/);
    const missing = await exec(tsx, [join(repoRoot, 'src/cli/main.ts'), 'parse', 'no-such.md'], { cwd: repoRoot }).catch((failure) => failure);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('planbot: no-such.md: no such file\n');
  }, 60_000);
});
