// util.parseArgs with the CLI's error handling: a bad option is a one-line usage error, not a throw.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0];
    throw new CliError(`${command}: ${message}. Run \`planbot ${command} --help\` for usage.`);
  }
}

/** Reads an option restricted to a few values. */
export function choice<T extends string>(command: string, name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`${command}: --${name} must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}
