// The log the app's code writes to, for a CLI run: one plain line per message on stderr, errors
// only unless LOG_LEVEL asks for more (the CLI prints findings and outcomes itself).
import pino, { type Logger } from 'pino';
import type { CliIo } from './io.js';

export function cliLogger(io: CliIo, env: NodeJS.ProcessEnv): Logger {
  const level = env.LOG_LEVEL && pino.levels.values[env.LOG_LEVEL] !== undefined ? env.LOG_LEVEL : 'error';
  return pino(
    { level, base: null, timestamp: false },
    {
      write(line: string) {
        const entry = JSON.parse(line) as { level: number; msg?: string };
        io.stderr(`planbot: ${pino.levels.labels[entry.level] ?? 'log'}: ${entry.msg ?? line.trim()}\n`);
      },
    },
  );
}
