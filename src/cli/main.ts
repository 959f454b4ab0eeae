// The `planbot` command: same engine as the app; no network except `issues --dry-run --ref`, which
// reads GitHub through the app's boundary. `main` is pure with respect to the
// process (argv in, exit code out, output through `io`) so tests run it in-process.
import { pathToFileURL } from 'node:url';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { runParse } from './parse-command.js';
import { runLint } from './lint-command.js';
import { runInit } from './init-command.js';
import { runConfig } from './config-command.js';
import { closest, distance } from 'fastest-levenshtein';
import { USAGE } from './usage.js';
import { closeParsePool } from '../plan/parallel.js';


export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'parse':
        return await runParse(args, io);
      case 'lint':
        return await runLint(args, io);
      case 'init':
        return await runInit(args, io);
      case 'config':
        return await runConfig(args, io);
      case 'issues':
        return await runIssues(args, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return EXIT_OK;
      case undefined:
        io.stderr(USAGE);
        return EXIT_USAGE;
      default:
        io.stderr(`planbot: unknown command ${JSON.stringify(command)}${suggestCommand(command)}\n\n${USAGE}`);
        return EXIT_USAGE;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`planbot: ${error.message}\n`);
      return error.exitCode;
    }
    // A bug, not bad input: still one line, with a way to get the details.
    if (process.env.PLANBOT_DEBUG) io.stderr(`${(error as Error)?.stack ?? String(error)}\n`);
    io.stderr(`planbot: internal error: ${(error as Error)?.message ?? String(error)} (set PLANBOT_DEBUG=1 for details)\n`);
    return EXIT_USAGE;
  }
}

const COMMANDS = ['parse', 'lint', 'config', 'init', 'issues', 'help'];

function suggestCommand(command: string): string {
  const nearest = closest(command, COMMANDS);
  return distance(command, nearest) <= 2 ? ` (did you mean ${nearest}?)` : '';
}

/** Loaded on demand: the issue-sync engine is only needed by this one command. */
async function runIssues(args: string[], io: CliIo): Promise<number> {
  let module: typeof import('./issues-command.js');
  try {
    module = await import('./issues-command.js');
  } catch (error) {
    if (String((error as Error)?.message).includes('issues-command')) {
      throw new CliError('issues: this build of planbot has no issues command');
    }
    throw error;
  }
  return module.runIssuesCommand(args, io);
}

/** The process's own streams. */
export const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

/** Runs the command for this process: `planbot lint … | head` closing the pipe is not an error. */
export async function runProcess(argv: string[] = process.argv.slice(2)): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  try {
    process.exitCode = await main(argv, processIo);
  } finally {
    await closeParsePool();
  }
}

// Run directly (`npx tsx src/cli/main.ts lint plan.md`); bin/planbot.js calls runProcess itself.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runProcess();
}
