import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Nodes } from 'mdast';
import { splitIntoPieces } from '../../src/plan/chunks.js';
import { parseMarkdown } from '../../src/plan/markdown.js';
import { corpusDir, corpusFile } from './corpus-files.js';
import { itFull } from '../helpers/full-suite.js';

const whole = unified().use(remarkParse).use(remarkGfm);

/** Every node but lists (which a cut between items may split in two), with its exact source range. */
function flatten(tree: Nodes): string[] {
  const out: string[] = [];
  const walk = (node: Nodes) => {
    if (node.type !== 'list' && node.type !== 'root') {
      const value = 'value' in node ? node.value : '';
      const checked = node.type === 'listItem' ? String(node.checked) : '';
      out.push(`${node.type}@${node.position?.start.offset}-${node.position?.end.offset}:${node.position?.start.line}:${value}${checked}`);
    }
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
  };
  walk(tree);
  return out;
}

const filler = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i} with some *emphasis* and a [link](https://x.y).`).join('\n\n');

describe('splitIntoPieces', () => {
  it('leaves small documents whole', () => {
    expect(splitIntoPieces('# A\n\n- [ ] b\n')).toEqual([{ text: '# A\n\n- [ ] b\n', offset: 0, lineOffset: 0 }]);
  });

  it('cuts only at headings and bullet items, and the pieces put back together are the document', () => {
    const text = `${filler(400)}\n# Heading\n${filler(400)}\n- [ ] task\n${filler(400)}`;
    const pieces = splitIntoPieces(text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    for (const piece of pieces.slice(1)) expect(piece.text).toMatch(/^(#|- )/);
    for (const piece of pieces) expect(text.slice(0, piece.offset).split('\n').length - 1).toBe(piece.lineOffset);
  });

  it('never cuts inside a fence or an HTML block', () => {
    const fenced = Array.from({ length: 3000 }, (_, i) => (i % 2 ? '# comment in code' : '- bullet in code')).join('\n');
    const comment = Array.from({ length: 3000 }, () => '# inside a comment').join('\n');
    const text = `${filler(100)}\n\`\`\`sh\n${fenced}\n\`\`\`\n<!--\n${comment}\n-->\n<div>\n${comment}\n\n${filler(10)}`;
    const pieces = splitIntoPieces(text);
    for (const piece of pieces.slice(1)) {
      const before = text.slice(0, piece.offset);
      const fences = before.split('\n').filter((line) => line.startsWith('```')).length;
      expect(fences % 2).toBe(0);
      expect(before.lastIndexOf('<!--') <= before.lastIndexOf('-->')).toBe(true);
    }
    expect(flatten(parseMarkdown(text).tree)).toEqual(flatten(whole.parse(text)));
  });

  it('does not split documents with link definitions', () => {
    const text = `${filler(600)}\n# Heading\n[DATE]\n\n[date]: https://example.com\n`;
    expect(splitIntoPieces(text)).toHaveLength(1);
  });

  itFull('parses the whole corpus, concatenated, exactly as one piece', () => {
    const files = readdirSync(corpusDir).filter((file) => file.endsWith('.md'));
    const text = files.map((file) => corpusFile(file).replace(/\r\n?/g, '\n')).join('\n');
    expect(splitIntoPieces(text).length).toBeGreaterThan(20);
    expect(flatten(parseMarkdown(text).tree)).toEqual(flatten(whole.parse(text)));
  });
});
