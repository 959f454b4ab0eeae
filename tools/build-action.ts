// Bundles the Action into one committed file, dist-action/index.mjs: a workflow runs it straight
// from the repository checkout (`runs.main` in action.yml), with no `npm install` at run time.
// `npm run build:action` writes it; test/action/bundle.test.ts fails when it is out of date.
import { build, type BuildOptions } from 'esbuild';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './project-root.js';

export const ROOT = projectRoot(import.meta.url);
export const BUNDLE_PATH = 'dist-action/index.mjs';

export function bundleOptions(): BuildOptions {
  return {
    absWorkingDir: ROOT,
    entryPoints: ['src/action/index.ts'],
    outfile: BUNDLE_PATH,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies (picomatch, yaml's cjs parts) call require(): give the ES module one.
    banner: { js: "import { createRequire as __planbotCreateRequire } from 'node:module';\nconst require = __planbotCreateRequire(import.meta.url);" },
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  };
}

/** The bundle's text, without writing it. */
export async function bundleText(): Promise<string> {
  const result = await build({ ...bundleOptions(), write: false });
  return result.outputFiles[0].text;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await build(bundleOptions());
  process.stdout.write(`wrote ${BUNDLE_PATH}\n`);
}
