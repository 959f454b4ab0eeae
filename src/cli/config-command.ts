// `planbot config [FILE]`: validates a planbot.yml alone, with the messages the app's check run
// shows. Exit 0 when valid, 2 when not (the file is input the command cannot use).
import { argsOrHelp } from './args.js';
import { checkConfigText, CONFIG_RELATIVE_PATH } from './config-file.js';
import { formatConfigProblem } from '../config/problems.js';
import { CliError, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';
import { readTextFile } from './read-input.js';
import { CONFIG_USAGE } from './usage.js';

export async function runConfig(args: string[], io: CliIo): Promise<number> {
  const parsed = argsOrHelp('config', args, {}, { text: CONFIG_USAGE, io });
  if (!parsed) return EXIT_OK;
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new CliError('config: give at most one FILE. Run `planbot config --help` for usage.');
  const file = positionals[0] ?? CONFIG_RELATIVE_PATH;
  const text = await readTextFile(file);
  const { config, problems } = checkConfigText(text, file);
  if (config) {
    io.stdout(`${file}: valid\n`);
    if (config._extends) {
      io.stderr(`planbot: note: ${file} extends ${JSON.stringify(config._extends)}; that file is not read offline (the app merges it on GitHub)\n`);
    }
    return EXIT_OK;
  }
  for (const problem of problems) io.stdout(`${formatConfigProblem(problem)}\n`);
  io.stderr(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}\n`);
  return EXIT_USAGE;
}
