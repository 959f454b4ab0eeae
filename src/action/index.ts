// The Action's entry point (bundled to dist-action/index.mjs by tools/build-action.ts).
import { runAction } from './main.js';

const io = {
  stdout: (s: string) => process.stdout.write(s),
  stderr: (s: string) => process.stderr.write(s),
};

process.exitCode = await runAction(process.env, io);
