// What a CLI command may touch besides the file system: two output streams. Each call writes the
// string exactly as given (like process.stdout.write), so tests can capture output in-process.
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Exit codes: 0 fine, 1 the command ran and the answer is "no" (lint errors, file exists), 2 it could not run. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A failure the user caused and can fix: printed as one line, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
