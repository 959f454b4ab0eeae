import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { GFM_PARTS, gfmPartsIn, parseGfm } from '../../src/plan/gfm-parts.js';
import { splitIntoPieces } from '../../src/plan/chunks.js';
import { generatePlan } from '../../tools/bench/plan-bench.js';
import { corpusDir, corpusFile } from './corpus-files.js';
import { fullOr, itFull } from '../helpers/full-suite.js';

const remarkGfmWhole = unified().use(remarkParse).use(remarkGfm);
const part = (name: string) => 1 << GFM_PARTS.findIndex((p) => p.name === name);

/** Each snippet holds one part's syntax (or something close to it that is not that syntax). */
const SNIPPETS = [
  'See https://example.com/path?q=1 and www.example.org.',
  'Mail ops@example.com or mailto:ops@example.com, xmpp:me@chat.example.com.',
  'HTTP://EXAMPLE.COM in capitals, and http:/not-a-link, and wwwdotcom.',
  'A footnote call[^1] and another[^note].\n\n[^1]: The footnote.\n[^note]: Another.',
  'Not a footnote: [^ spaced] and [ ^x].',
  '~~struck~~ and ~single~ and ~~~',
  '| Gate | Status |\n|------|--------|\n| G1 | ✅ |',
  'Header\n:-',
  'Header\n-:',
  'Header\n---',
  'a | b\n--|--\n1 | 2',
  '- [ ] open\n- [x] done\n- [X] done too\n- [\t] tab box',
  '- [] not a box\n- [y] nor this',
  '* item with **bold** and `code` and [link](https://x.y)',
  '1. ordered\n2. list',
  '> quote with www.quoted.com\n> - [ ] quoted task',
  '```\n| not | a | table |\n|---|---|\n~~not struck~~ www.nolink.com\n```',
  '<!-- | x | y |\n|--|--| -->',
  'Plain prose with nothing special in it at all.',
  '# Heading with [^1] and ~tilde~\n\n[^1]: def',
];

/** A random document of snippets, from a seeded generator so a failure can be reproduced. */
function randomDocument(seed: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const blocks: string[] = [];
  const count = 1 + Math.floor(next() * 8);
  for (let i = 0; i < count; i++) {
    const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)];
    const indent = next() < 0.2 ? '  ' : '';
    blocks.push(snippet.replace(/^/gm, indent));
  }
  return blocks.join(next() < 0.5 ? '\n\n' : '\n');
}

describe('gfmPartsIn', () => {
  it('asks for a part exactly where its trigger is', () => {
    expect(gfmPartsIn('Plain prose.')).toBe(0);
    expect(gfmPartsIn('see www.x.org')).toBe(part('autolink literal'));
    expect(gfmPartsIn('HTTPS://X.ORG')).toBe(part('autolink literal'));
    expect(gfmPartsIn('a@b.c')).toBe(part('autolink literal'));
    expect(gfmPartsIn('x[^1]')).toBe(part('footnote'));
    expect(gfmPartsIn('~x~')).toBe(part('strikethrough'));
    expect(gfmPartsIn('a | b')).toBe(part('table'));
    expect(gfmPartsIn('a\n:-')).toBe(part('table'));
    expect(gfmPartsIn('- [ ] a')).toBe(part('task list item'));
    expect(gfmPartsIn('- [x] a ~~b~~ | c')).toBe(part('task list item') | part('strikethrough') | part('table'));
  });

  it('a table with no pipe at all (`a` over `:-`) is still parsed as a table', () => {
    const tree = parseGfm('Header\n:-\ncell');
    expect(tree.children.map((node) => node.type)).toEqual(['table']);
  });
});

describe('parseGfm gives exactly the tree of remark-gfm', () => {
  it('on every snippet alone', () => {
    for (const snippet of SNIPPETS) expect(parseGfm(snippet)).toEqual(remarkGfmWhole.parse(snippet));
  });

  // 200 keeps the suite within its 10 minutes (40 the quick tier within its 2); PLANBOT_GFM_RANDOM_DOCS=2000 searches further.
  const randomDocuments = Number(process.env.PLANBOT_GFM_RANDOM_DOCS ?? fullOr(200, 40));
  it(`on ${randomDocuments} random documents mixing the snippets`, () => {
    for (let seed = 1; seed <= randomDocuments; seed++) {
      const text = randomDocument(seed);
      expect({ seed, tree: parseGfm(text) }).toEqual({ seed, tree: remarkGfmWhole.parse(text) });
    }
  });

  itFull('on every piece of a generated 300 KB plan (most pieces need only task list items)', () => {
    const pieces = splitIntoPieces(generatePlan(300 * 1024));
    const needed = new Set(pieces.map((piece) => gfmPartsIn(piece.text)));
    expect(needed.has(part('task list item'))).toBe(true); // the common case really is a subset
    for (const piece of pieces) expect(parseGfm(piece.text)).toEqual(remarkGfmWhole.parse(piece.text));
  });

  itFull('on every corpus file, whole and piece by piece', () => {
    const names = readdirSync(corpusDir).filter((name) => name.endsWith('.md'));
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) {
      const text = corpusFile(name);
      expect({ name, tree: parseGfm(text) }).toEqual({ name, tree: remarkGfmWhole.parse(text) });
      const joined = `${text}\n\n${text}\n\n${text}`;
      for (const piece of splitIntoPieces(joined)) {
        expect({ name, tree: parseGfm(piece.text) }).toEqual({ name, tree: remarkGfmWhole.parse(piece.text) });
      }
    }
  });
});
