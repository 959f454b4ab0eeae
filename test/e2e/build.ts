// Builds dist/ once for the end-to-end tests: they run `node dist/main.js`, exactly what
// `npm start` runs. E2E_SKIP_BUILD=1 reuses an existing build.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const PROJECT_DIR = resolve(process.cwd());

export function buildApp(): void {
  if (process.env.E2E_SKIP_BUILD === '1' && existsSync(resolve(PROJECT_DIR, 'dist/main.js'))) return;
  try {
    execFileSync(process.execPath, [resolve(PROJECT_DIR, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: PROJECT_DIR, stdio: 'pipe' });
  } catch (error) {
    const output = `${(error as { stdout?: Buffer }).stdout ?? ''}${(error as { stderr?: Buffer }).stderr ?? ''}`;
    throw new Error(`npm run build failed, so the real server cannot be started:\n${output.slice(0, 4000)}`);
  }
}
