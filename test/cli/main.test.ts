import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './capture.js';

describe('planbot main', () => {
  it('prints usage for help and --help and exits 0', async () => {
    for (const argv of [['help'], ['--help'], ['-h']]) {
      const result = await run(...argv);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Usage: planbot <command>/);
      expect(result.stdout).toContain('parse [FILE...]');
      expect(result.stdout).toContain('config [FILE]');
      expect(result.stderr).toBe('');
    }
  });

  it('prints usage to stderr and exits 2 without a command or with an unknown one', async () => {
    const none = await run();
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toMatch(/^Usage: planbot/);
    const unknown = await run('frobnicate', 'x');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('planbot: unknown command "frobnicate"');
    expect((await run('lnt')).stderr.split('\n')[0]).toBe('planbot: unknown command "lnt" (did you mean lint?)');
  });

  it('gives each command its own --help', async () => {
    for (const command of ['parse', 'lint', 'init', 'config']) {
      const result = await run(command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: planbot ${command}`));
    }
  });

  it('turns bad options into one usage line in its own words, with the nearest option for a typo, exit 2', async () => {
    expect(await run('lint', '--formt', 'github', 'plan.md')).toEqual({
      code: 2,
      stdout: '',
      stderr: 'planbot: lint: unknown option --formt (did you mean --format?)\n',
    });
    expect((await run('issues', 'plan.md', '--dryrun')).stderr).toBe('planbot: issues: unknown option --dryrun (did you mean --dry-run?)\n');
    expect((await run('lint', '--bogus', 'plan.md')).stderr).toBe('planbot: lint: unknown option --bogus (run `planbot lint --help` for the options)\n');
    expect((await run('lint', 'plan.md', '--format')).stderr).toBe('planbot: lint: option --format needs a value\n');
    expect((await run('parse', 'plan.md', '--json=yes')).stderr).toBe('planbot: parse: option --json takes no value\n');
    expect((await run('lint', 'x.md', '--format', 'xml')).stderr).toBe('planbot: lint: --format must be one of text, json, github (got "xml")\n');
  });

  it('hands `issues` to the issue-sync module, or says the build has none', async () => {
    const hasModule = existsSync(fileURLToPath(new URL('../../src/cli/issues-command.ts', import.meta.url)));
    const result = await run('issues', '--help');
    if (hasModule) {
      expect(typeof result.code).toBe('number');
      expect(result.stderr).not.toContain('has no issues command');
    } else {
      expect(result).toEqual({ code: 2, stdout: '', stderr: 'planbot: issues: this build of planbot has no issues command\n' });
    }
  });
});
