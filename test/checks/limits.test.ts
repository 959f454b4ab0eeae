import { describe, expect, it } from '@jest/globals';
import { clip, truncateMarkdown } from '../../src/checks/limits.js';

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
