import { describe, expect, it } from '@jest/globals';
import { warnOnParseFallback } from '../../src/logging/parse-fallback.js';

describe('warnOnParseFallback', () => {
  it('warns once per fallback, with the caller’s fields and the error', () => {
    const lines: Array<[object, string]> = [];
    const hooks = warnOnParseFallback({ warn: (fields, message) => lines.push([fields, message]) }, { path: 'specs/001-a/plan.md' });
    const error = new Error('worker died');
    hooks.onFallback!(error);
    expect(lines).toEqual([[{ path: 'specs/001-a/plan.md', err: error }, 'parse workers failed; the plan was parsed on the main thread']]);
  });
});
