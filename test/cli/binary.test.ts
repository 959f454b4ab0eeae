// The real command, once, as a user runs it: a separate process through tsx (no build needed).
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { repoRoot, seedPath } from '../plan/corpus-files.js';
import { generatePlan } from '../../tools/bench/plan-bench.js';
import { analysePlan } from '../../src/plan/index.js';
import { itFull } from '../helpers/full-suite.js';

const exec = promisify(execFile);

describe('planbot as a process', () => {
  it('lints the seed: findings on stdout, a tally on stderr, exit code 1', async () => {
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const error = await exec(tsx, [join(repoRoot, 'src/cli/main.ts'), 'lint', seedPath], { cwd: repoRoot }).then(
      () => null,
      (failure: { code: number; stdout: string; stderr: string }) => failure,
    );
    expect(error?.code).toBe(1);
    expect(error?.stdout.split('\n')[0]).toBe(`${seedPath}:1:24  error  placeholder  Unfilled placeholder [FEATURE NAME]`);
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

  itFull('parses a large plan on worker threads and exits once done, with the one-thread model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planbot-cli-'));
    try {
      const file = join(dir, 'plan.md');
      const plan = generatePlan(400 * 1024);
      writeFileSync(file, plan);
      const tsx = join(repoRoot, 'node_modules/.bin/tsx');
      const { stdout } = await exec(tsx, [join(repoRoot, 'src/cli/main.ts'), 'parse', file, '--json'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
      const printed = JSON.parse(stdout);
      const expected = analysePlan(plan, { file });
      expect(printed.phases).toHaveLength(expected.phases.length);
      expect(printed.phases.at(-1).tasks.map((task: { line: number }) => task.line)).toEqual(expected.phases.at(-1)!.tasks.map((task) => task.line));
      expect(printed.findings.map((finding: { line: number; rule: string }) => `${finding.line} ${finding.rule}`)).toEqual(
        expected.findings.map((finding) => `${finding.line} ${finding.rule}`),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
