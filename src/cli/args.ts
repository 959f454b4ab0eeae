// util.parseArgs with the CLI's error handling: a bad option is a one-line usage error in our own
// words (with the nearest known option for a typo), not a throw or Node's parser text.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { CliError, type CliIo } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments; with `--help`, prints the command's usage and answers null (the
 * command is done, exit 0).
 */
export function argsOrHelp<T extends Options>(command: string, args: string[], options: T, usage: { text: string; io: CliIo }) {
  const parsed = parseCommandArgs(command, args, options);
  if (!(parsed.values as { help?: boolean }).help) return parsed;
  usage.io.stdout(usage.text);
  return null;
}

export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as T & { help: { type: 'boolean'; short: 'h' } };
  try {
    return parseArgs({ args, options: all, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${command}: ${describeParseError(error as Error & { code?: string }, all, command)}`);
  }
}

function describeParseError(error: Error & { code?: string }, options: Options, command: string): string {
  const quoted = /'(-{1,2}[^'\s]+)/.exec(error.message)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && quoted) {
    const suggestion = nearestOption(quoted, options);
    return `unknown option ${quoted} ${suggestion ? `(did you mean ${suggestion}?)` : `(run \`planbot ${command} --help\` for the options)`}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && quoted) {
    const option = options[quoted.replace(/^-+/, '')];
    return option?.type === 'string' ? `option ${quoted} needs a value` : `option ${quoted} takes no value`;
  }
  return error.message.split('\n')[0].replace(/\.$/, '');
}

/** `--formt` → `--format`: the closest long option within a typo's distance. */
function nearestOption(given: string, options: Options): string | null {
  const name = given.replace(/^-+/, '').split('=')[0];
  const names = Object.keys(options);
  if (!name || names.length === 0) return null;
  const nearest = closest(name, names);
  return distance(name, nearest) <= Math.max(1, Math.floor(nearest.length / 3)) ? `--${nearest}` : null;
}

/** Reads an option restricted to a few values. */
export function choice<T extends string>(command: string, name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${command}: --${name} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}
