import { describe, expect, it } from '@jest/globals';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { neutralise, neutraliseWithin } from '../../src/text/neutralise.js';
import { SHORTENED } from '../../src/text/limits.js';

/** HTML as GitHub would produce it from the markdown (raw HTML kept, as GitHub keeps safe tags). */
const html = (markdown: string) =>
  String(unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true }).processSync(markdown));
/** Text outside <code> elements: where GitHub looks for mentions and references. */
const live = (rendered: string) => rendered.replace(/<code>[\s\S]*?<\/code>/g, '');

const HOSTILE = 'ping @someone and @acme/security-team, see #1 and acme/web#1 and GH-7 <img src=https://evil.example/g.png> <!-- hide';

describe('neutralise', () => {
  it.each(['markdown', 'plain'] as const)('in %s mode leaves no ping, no reference, no live HTML', (mode) => {
    const rendered = html(neutralise(HOSTILE, { mode }));
    expect(live(rendered)).not.toMatch(/@someone|@acme|#1|GH-7/);
    expect(rendered).not.toMatch(/<img|<!--/);
    // Still readable: every word is shown.
    for (const word of ['@someone', '@acme/security-team', '#1', 'acme/web#1', 'GH-7', 'evil.example']) expect(rendered).toContain(word);
  });

  it('keeps emphasis and links in markdown mode, escapes them in plain mode', () => {
    expect(neutralise('**bold** and [a link](https://example.com/x)', { mode: 'markdown' })).toBe('**bold** and [a link](https://example.com/x)');
    expect(neutralise('**bold**', { mode: 'plain' })).toBe('\\*\\*bold\\*\\*');
  });

  it('leaves e-mail addresses, paths and anchors alone', () => {
    expect(neutralise('mail ops@acme.io, see docs/x.md#L12 and https://a.example/@bob', { mode: 'markdown' })).toBe(
      'mail ops@acme.io, see docs/x.md#L12 and https://a.example/@bob',
    );
  });

  it('an unpaired backtick cannot pair with the code span around a mention', () => {
    const rendered = html(neutralise('a ` b @bob', { mode: 'markdown' }));
    expect(live(rendered)).not.toContain('@bob');
  });

  it('keeps mentions live only when allowed; references never', () => {
    expect(neutralise('@alice #2', { mode: 'plain', allowMentions: true })).toBe('@alice `#2`');
  });

  it('strips invisible characters and line breaks', () => {
    expect(neutralise('one\n  two\u202Ethree\u200B', { mode: 'plain' })).toBe('one twothree');
  });

  it('neutraliseWithin shortens the text, not the markup, and says so', () => {
    const out = neutraliseWithin(`${'@bob '.repeat(100)}`, 100, { mode: 'plain' });
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.endsWith(SHORTENED)).toBe(true);
    expect(live(html(out))).not.toContain('@bob');
  });
});
