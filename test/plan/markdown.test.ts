import { describe, expect, it } from '@jest/globals';
import type { Paragraph } from 'mdast';
import { LineIndex, parseMarkdown, plainText, cellText } from '../../src/plan/markdown.js';

describe('parseMarkdown', () => {
  it('normalises line endings and blanks front matter without moving lines', () => {
    const parsed = parseMarkdown('---\r\na: 1\r\n---\r\n# Title\r\n');
    expect(parsed.text).toBe('\n\n\n# Title\n');
    expect(parsed.frontMatterEnd).toBe(3);
    expect(parsed.tree.children[0].position?.start.line).toBe(4);
  });

  it('leaves a leading thematic break that never closes alone', () => {
    const parsed = parseMarkdown('---\n# Title\n');
    expect(parsed.frontMatterEnd).toBe(0);
    expect(parsed.tree.children.map((n) => n.type)).toEqual(['thematicBreak', 'heading']);
  });
});

describe('LineIndex', () => {
  it('maps offsets to 1-based lines and columns', () => {
    const index = new LineIndex('ab\ncd\n\nef');
    expect(index.count).toBe(4);
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(4)).toEqual({ line: 2, column: 2 });
    expect(index.position(6)).toEqual({ line: 3, column: 1 });
    expect(index.position(8)).toEqual({ line: 4, column: 2 });
  });
});

describe('plainText', () => {
  it('drops emphasis and comments, keeps code quoted and hard breaks as newlines', () => {
    const paragraph = parseMarkdown('**Bold** _it_ `code` [link](x) ![alt](y) <!-- c -->  \nnext').tree.children[0] as Paragraph;
    expect(plainText(paragraph)).toBe('Bold it `code` link alt \nnext');
    expect(cellText(paragraph)).toBe('Bold it code link alt next');
  });
});
