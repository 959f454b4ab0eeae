import { beforeEach, describe, expect, it } from '@jest/globals';
import { mayMeanUnsupported, meansUnsupported, noteUnsupportedOnce, resetUnsupportedNotes } from '../../src/github/issues-api-support.js';

beforeEach(resetUnsupportedNotes);

describe('relation API support', () => {
  it('404, 410 and 422 may mean the API is missing; other statuses do not', () => {
    for (const status of [404, 410, 422]) expect(mayMeanUnsupported({ status })).toBe(true);
    for (const status of [403, 500, undefined]) expect(mayMeanUnsupported({ status })).toBe(false);
    expect(meansUnsupported({ status: 410 })).toBe(true);
  });

  it('says so once per process for each repository and API', () => {
    const lines: string[] = [];
    const log = { warn: (_fields: object, message: string) => void lines.push(message) } as any;
    noteUnsupportedOnce(log, 'acme/web', 'sub_issues', 404);
    noteUnsupportedOnce(log, 'ACME/web', 'sub_issues', 404);
    noteUnsupportedOnce(log, 'acme/web', 'dependencies', 410);
    noteUnsupportedOnce(log, 'acme/api', 'sub_issues', 404);
    expect(lines).toEqual([
      "GitHub's sub-issues API is not available for acme/web; planbot links the issues in their bodies instead",
      "GitHub's issue dependencies (blocked by) API is not available for acme/web; planbot links the issues in their bodies instead",
      "GitHub's sub-issues API is not available for acme/api; planbot links the issues in their bodies instead",
    ]);
  });
});
