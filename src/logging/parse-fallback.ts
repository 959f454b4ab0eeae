// The parse workers failing is worth a warning (the plan was still parsed, on the main thread, so
// nothing is lost): one wording for every caller of the parallel parser in the app.
import type { ParallelHooks } from '../plan/parallel.js';

interface WarnLogger {
  warn(fields: object, message: string): void;
}

export function warnOnParseFallback(log: WarnLogger, fields: object = {}): ParallelHooks {
  return { onFallback: (error) => log.warn({ ...fields, err: error }, 'parse workers failed; the plan was parsed on the main thread') };
}
