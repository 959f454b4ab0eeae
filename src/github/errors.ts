// How GitHub's refusals and content planbot must not parse show up as errors: the status an error
// carries, what GitHub's message says, and the two errors the boundary throws for file content.

/** Plans beyond this size are refused with a clear error instead of being parsed. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly size: number,
  ) {
    super(`${path} is ${size} bytes; planbot reads files up to ${MAX_FILE_BYTES} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export class NotTextError extends Error {
  constructor(
    readonly path: string,
    reason = 'is not valid UTF-8 text',
  ) {
    super(`${path} ${reason}`);
    this.name = 'NotTextError';
  }
}

/** The HTTP status GitHub answered with, when the error is one of its answers. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Whether GitHub's error message or its `errors` entries match. */
export function mentions(error: unknown, pattern: RegExp): boolean {
  const response = (error as { response?: { data?: any } })?.response?.data;
  const parts: string[] = [String((error as Error)?.message ?? '')];
  if (response) {
    parts.push(String(response.message ?? ''));
    for (const entry of Array.isArray(response.errors) ? response.errors : []) {
      parts.push(typeof entry === 'string' ? entry : JSON.stringify(entry));
    }
  }
  return parts.some((part) => pattern.test(part));
}

/** True when GitHub refused an issue write because of its labels (e.g. a label that does not exist). */
export function isLabelError(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 422 && status !== 404) return false;
  return mentions(error, /label/i);
}
