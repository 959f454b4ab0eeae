// Builds dist/ once for the end-to-end tests: they run `node dist/main.js`, exactly what
// `npm start` runs. E2E_SKIP_BUILD=1 reuses an existing build. buildTools() builds dist-tools/
// (the demo, the bench) for the tests that run those as a developer does.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const PROJECT_DIR = resolve(process.cwd());

export function buildApp(): void {
  compile('tsconfig.build.json', 'dist/main.js', 'npm run build failed, so the real server cannot be started');
}

export function buildTools(): void {
  compile('tools/tsconfig.json', 'dist-tools/tools/demo/main.js', 'npm run build:tools failed');
}

function compile(project: string, output: string, failure: string): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(resolve(PROJECT_DIR, output))) return;
  try {
    execFileSync(process.execPath, [resolve(PROJECT_DIR, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: PROJECT_DIR, stdio: 'pipe' });
  } catch (error) {
    const text = `${(error as { stdout?: Buffer }).stdout ?? ''}${(error as { stderr?: Buffer }).stderr ?? ''}`;
    throw new Error(`${failure}:\n${text.slice(0, 4000)}`);
  }
}
