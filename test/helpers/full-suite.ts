// `npm run test:quick` (jest.quick.config.js) sets the global PLANBOT_QUICK. The few tests that
// grind through huge or whole-corpus input for tens of seconds run only in the full suite
// (`npm test`, CI); the rest of their file still runs in the quick one.
import { describe, it } from '@jest/globals';

const quick = (globalThis as { PLANBOT_QUICK?: unknown }).PLANBOT_QUICK === true;

/** `it`, skipped under `npm run test:quick`. */
export const itFull: typeof it.skip = quick ? it.skip : it;

/** `describe`, skipped under `npm run test:quick`. */
export const describeFull: typeof describe.skip = quick ? describe.skip : describe;

/**
 * All of `items` in the full suite; under `npm run test:quick` every `step`-th of them from the
 * first, so a whole-corpus loop still runs the same code on a spread of real files.
 */
export function quickSample<T>(items: readonly T[], step = 4): T[] {
  return quick ? items.filter((_, index) => index % step === 0) : [...items];
}

/** `full` in the full suite, `quickValue` under `npm run test:quick` (e.g. fewer randomized rounds). */
export function fullOr<T>(full: T, quickValue: T): T {
  return quick ? quickValue : full;
}
