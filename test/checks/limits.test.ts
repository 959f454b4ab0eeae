import { describe, expect, it } from '@jest/globals';
import { clip, fitToLimits, truncateMarkdown } from '../../src/checks/limits.js';

describe('clip', () => {
  it('leaves short text alone and ends cut text with a visible "… (shortened)" within the limit', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('a'.repeat(300), 255)).toBe(`${'a'.repeat(255 - 13)}… (shortened)`);
  });

  it('never splits a surrogate pair', () => {
    const clipped = clip(`${'a'.repeat(3)}😀😀`, 5);
    expect(clipped).toBe('aaa…');
  });
});

describe('truncateMarkdown', () => {
  it('returns text within the limit unchanged', () => {
    expect(truncateMarkdown('# hi\n', 100)).toBe('# hi\n');
  });

  it('cuts at a line boundary and says how much is shown, within the limit', () => {
    const text = Array.from({ length: 2000 }, (_, index) => `- line ${index}`).join('\n');
    const result = truncateMarkdown(text, 5000);
    expect(result.length).toBeLessThanOrEqual(5000);
    const [kept, note] = result.split('\n\n---\n');
    expect(text.startsWith(kept)).toBe(true);
    expect(text[kept.length]).toBe('\n');
    expect(note).toBe(
      `> [!NOTE]\n> **… (shortened).** This text is ${text.length.toLocaleString('en-US')} characters long; GitHub shows at most 5,000, ` +
        `so only the first ${kept.length.toLocaleString('en-US')} are shown. Findings are still annotated on their lines (see the Files changed tab).\n`,
    );
  });

  it('fits GitHub’s 65,535 characters by default', () => {
    const result = truncateMarkdown('x\n'.repeat(70_000));
    expect(result.length).toBeLessThanOrEqual(65_535);
    expect(result).toContain('GitHub shows at most 65,535');
  });
});

describe('fitToLimits', () => {
  it('clips annotation titles to 255 and messages to a 64 KB-safe length, and truncates the summary', () => {
    const long = { path: 'specs/001-x/plan.md', start_line: 0, end_line: 0, annotation_level: 'failure' as const, title: 't'.repeat(400), message: '語'.repeat(30_000) };
    const fitted = fitToLimits({ name: 'planbot / plan', conclusion: 'failure', title: 'Plan incomplete', annotations: [long], summary: 's\n'.repeat(40_000), text: 'x' });
    expect(fitted.annotations[0].title).toHaveLength(255);
    expect(Buffer.byteLength(fitted.annotations[0].message)).toBeLessThanOrEqual(64 * 1024);
    expect(fitted.annotations[0].start_line).toBe(1);
    expect(fitted.summary.length).toBeLessThanOrEqual(65_535);
    expect(fitted.summary).toContain('**… (shortened).**');
    expect(fitted.text).toBe('x');
  });
});
