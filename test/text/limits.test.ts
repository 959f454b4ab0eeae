import { describe, expect, it } from '@jest/globals';
import { SHORTENED, shorten, shortenBytes, shortenMarkdown } from '../../src/text/limits.js';

describe('text limits', () => {
  it('shorten keeps short text and cuts long text to exactly the limit, with a visible note', () => {
    expect(shorten('abc', 3)).toBe('abc');
    const cut = shorten('x'.repeat(300), 256);
    expect(cut).toHaveLength(256);
    expect(cut.endsWith(SHORTENED)).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const cut = shorten('😀'.repeat(100), 20);
    expect(cut.length).toBeLessThanOrEqual(20);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('shortenBytes counts UTF-8 bytes', () => {
    const cut = shortenBytes('é'.repeat(40_000), 64 * 1024);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(64 * 1024);
    expect(Buffer.byteLength(cut, 'utf8')).toBeGreaterThan(64 * 1024 - 20);
    expect(cut.endsWith(SHORTENED)).toBe(true);
  });

  it('shortenMarkdown cuts at a line and says how much is shown', () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `line ${i}`).join('\n');
    const cut = shortenMarkdown(text, 65_535);
    expect(cut.length).toBeLessThanOrEqual(65_535);
    expect(cut).toContain(SHORTENED);
    expect(cut).toMatch(/only the first [\d,]+ are shown/);
  });
});

describe('label names (GitHub: 50 characters)', () => {
  it('a configured label longer than 50 characters is a configuration problem, not a 422 at sync time', async () => {
    const { configSchema } = await import('../../src/config/schema.js');
    const long = 'l'.repeat(51);
    for (const key of ['labels', 'tracking_labels'] as const) {
      const result = configSchema.safeParse({ issues: { [key]: [long] } });
      expect(result.success).toBe(false);
      expect(configSchema.safeParse({ issues: { [key]: ['l'.repeat(50)] } }).success).toBe(true);
    }
  });
});

describe('comment bodies (GitHub: 65,536 characters)', () => {
  it('a reply longer than GitHub takes is shortened with the note, never sent whole', async () => {
    const { reply } = await import('../../src/commands/acknowledge.js');
    const sent: Array<{ body: string }> = [];
    const job = {
      payload: { sender: { login: 'octocat' }, issue: { number: 7 }, comment: { id: 1 } },
      repo: { owner: 'acme', repo: 'web' },
      github: { createComment: async (_where: unknown, _number: number, body: string) => void sent.push({ body }) },
    } as any;
    await reply(job, 'x\n'.repeat(40_000));
    expect(sent).toHaveLength(1);
    expect(sent[0].body.length).toBeLessThanOrEqual(65_536);
    expect(sent[0].body).toContain(SHORTENED);
  });
});
