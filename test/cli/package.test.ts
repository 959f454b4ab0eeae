// The published package as a user gets it: `npm pack`, install the tarball into an empty folder,
// run the `planbot` command there. Needs the build (`npm run build`, as `prepack` runs it).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../plan/corpus-files.js';

const exec = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
let dir: string;
let files: string[];
let tarball: string;

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'planbot-package-'));
  // --ignore-scripts: the build already ran (prepack would rebuild dist/ under other running tests).
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: repoRoot });
  const [packed] = JSON.parse(stdout);
  files = packed.files.map((file: { path: string }) => file.path);
  tarball = join(dir, packed.filename);
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('has a scoped name the docs give, the planbot command, engines, and a build on prepack', () => {
    expect(pkg.name).toBe('@planbot-dev/planbot');
    expect(pkg.bin).toEqual({ planbot: './bin/planbot.js' });
    expect(pkg.engines.node).toEqual(expect.any(String));
    expect(pkg.scripts.prepack).toBe('npm run build');
    for (const doc of ['docs/cli.md', 'docs/action.md']) {
      expect(readFileSync(join(repoRoot, doc), 'utf8')).toContain('npm install --global @planbot-dev/planbot');
    }
  });

  it('holds only the product: no tests, sources, simulator, benchmark, demo or Action bundle', () => {
    expect(files).toContain('bin/planbot.js');
    expect(files).toContain('dist/cli/main.js');
    expect(files).toContain('dist/main.js');
    expect(files).toContain('app.yml');
    expect(files).toContain('schema/planbot.schema.json');
    const unexpected = files.filter(
      (path) => !/^(dist\/|bin\/|schema\/|app\.yml$|package\.json$|README\.md$|LICENSE$|CHANGELOG\.md$)/.test(path) || /^dist\/(sim|bench|demo|action)\//.test(path) || path.endsWith('.map'),
    );
    expect(unexpected).toEqual([]);
  });

  it('installs from the tarball into an empty folder; `planbot --help`, `lint` and `config` work there', async () => {
    const scratch = join(dir, 'scratch');
    mkdirSync(scratch);
    writeFileSync(join(scratch, 'package.json'), '{ "name": "scratch", "private": true }\n');
    await exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: scratch, maxBuffer: 16 * 1024 * 1024 });
    const planbot = join(scratch, 'node_modules/.bin/planbot');

    const help = await exec(planbot, ['--help'], { cwd: scratch });
    expect(help.stdout).toMatch(/^Usage: planbot <command>/);

    writeFileSync(join(scratch, 'plan.md'), '# Plan: [FEATURE NAME]\n');
    const lint = await exec(planbot, ['lint', 'plan.md'], { cwd: scratch }).catch((failure) => failure);
    expect(lint.code).toBe(1);
    expect(lint.stdout.split('\n')).toContain('plan.md:1:9  error  placeholder  Unfilled placeholder [FEATURE NAME]');
    expect(lint.stderr).toBe('1 error, 6 warnings, 0 notices in 1 file\n');

    mkdirSync(join(scratch, '.github'));
    writeFileSync(join(scratch, '.github/planbot.yml'), 'gates:\n  requried_sections: []\n');
    const config = await exec(planbot, ['config'], { cwd: scratch }).catch((failure) => failure);
    expect(config.code).toBe(2);
    expect(config.stdout).toBe('.github/planbot.yml:2:3: gates.requried_sections: unknown key "requried_sections"; did you mean `required_sections`?\n');
  }, 240_000);
});
