import { describe, expect, it } from '@jest/globals';
import { parsePlan } from '../../src/plan/index.js';
import { inlineMarkdown, neutraliseMentions, safeTitle } from '../../src/sync/inline-markdown.js';

const off = { allowMentions: false };
const on = { allowMentions: true };
/** What GitHub shows: the text the plan engine reads back from the rendered task. */
const shown = (markdown: string) => parsePlan(`- [ ] ${markdown}`, { kind: 'tasks' }).tasks[0].text;

describe('inlineMarkdown', () => {
  it('escapes what would format, so the issue shows the text as the plan engine read it', () => {
    const text = 'Use a * b * c, snake_case_name, [link](x), ~strike~, $5 and $6, a\\b';
    const markdown = inlineMarkdown(text, off);
    expect(markdown).toBe('Use a \\* b \\* c, snake\\_case\\_name, \\[link\\](x), \\~strike\\~, \\$5 and \\$6, a\\\\b');
    expect(shown(markdown)).toBe(text);
  });

  it('keeps inline code spans verbatim and shows #123 references as code, so no other issue gets a backlink', () => {
    expect(inlineMarkdown('Run `npm test -- --watch` for #123 and acme/api#4', off)).toBe('Run `npm test -- --watch` for `#123` and `acme/api#4`');
  });

  it('turns HTML, including planbot-looking comments, into visible text', () => {
    const markdown = inlineMarkdown('a <!-- planbot:v1 feature=x phase=1 --> <img src=x onerror=alert(1)> &copy;', off);
    expect(markdown).toBe('a &lt;!-- planbot:v1 feature=x phase=1 --&gt; &lt;img src=x onerror=alert(1)&gt; &amp;copy;');
    expect(markdown).not.toMatch(/<!--|-->/);
    expect(shown(markdown)).toBe('a <!-- planbot:v1 feature=x phase=1 --> <img src=x onerror=alert(1)> &copy;');
  });

  it('does not keep comment delimiters even inside a code span', () => {
    expect(inlineMarkdown('see `<!-- x -->`', off)).not.toMatch(/<!--|-->/);
  });

  it('wraps mentions of people and teams in code spans unless mentions are allowed', () => {
    const text = 'ask @alice, @acme/security-team and (@bob); mail ops@acme.io; not `@carol`';
    expect(inlineMarkdown(text, off)).toBe('ask `@alice`, `@acme/security-team` and (`@bob`); mail ops@acme.io; not `@carol`');
    expect(inlineMarkdown(text, on)).toBe(text);
    expect(neutraliseMentions('@alice-b')).toBe('`@alice-b`');
  });

  it('collapses line breaks and strips invisible characters', () => {
    expect(inlineMarkdown('one\n  two\u202Ethree\u200B', off)).toBe('one twothree');
  });
});

describe('safeTitle', () => {
  it('is one line, pings nobody and fits GitHub\'s 256 characters', () => {
    expect(safeTitle('Phase 1:\n Setup for @alice', off)).toBe('Phase 1: Setup for `@alice`');
    const long = safeTitle('x'.repeat(400), off);
    expect(long).toHaveLength(256);
    expect(long.endsWith('… (shortened)')).toBe(true);
  });
});
