// remark-gfm, one extension at a time: each piece of a plan is parsed with only the GFM extensions
// whose syntax could occur in it.
//
// Why: the GFM extensions double micromark's work even where they never match. The email
// autolink literal is attempted at every letter and digit, the table construct at the start of
// every paragraph line, so a 1 MB plan with no link and one table spent ~45% of its tokenizing on
// constructs that could not apply. Each extension below only ever produces anything when its
// trigger is in the text, so leaving it out where the trigger is absent yields the same tree
// (gfm-parts.test.ts checks that against remark-gfm on the corpus and on generated text).
// When every trigger is present the processor is remark-gfm itself.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';
import type { Extension as MicromarkExtension } from 'micromark-util-types';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';

interface GfmPart {
  name: string;
  /** True whenever the part's syntax could be in the text (a superset test: false means never). */
  mayOccur: (text: string) => boolean;
  syntax: () => MicromarkExtension;
  fromMarkdown: () => FromMarkdownExtension;
}

/** In micromark-extension-gfm's order, which decides between constructs on the same character. */
export const GFM_PARTS: readonly GfmPart[] = [
  {
    // www., http(s):// and email literals, and the mdast transform that finds the same three.
    name: 'autolink literal',
    mayOccur: (text) => /@|www\.|https?:\/\//i.test(text),
    syntax: gfmAutolinkLiteral,
    fromMarkdown: gfmAutolinkLiteralFromMarkdown,
  },
  {
    // Calls `[^a]` and definitions `[^a]: …` both start with `[^`.
    name: 'footnote',
    mayOccur: (text) => text.includes('[^'),
    syntax: gfmFootnote,
    fromMarkdown: gfmFootnoteFromMarkdown,
  },
  {
    name: 'strikethrough',
    mayOccur: (text) => text.includes('~'),
    syntax: gfmStrikethrough,
    fromMarkdown: gfmStrikethroughFromMarkdown,
  },
  {
    // A delimiter row needs a `|` or an alignment colon next to a dash (`:-`, `-:`).
    name: 'table',
    mayOccur: (text) => text.includes('|') || text.includes(':-') || text.includes('-:'),
    syntax: gfmTable,
    fromMarkdown: gfmTableFromMarkdown,
  },
  {
    // `[ ]`, `[x]`, `[X]`, where the space may be any whitespace.
    name: 'task list item',
    mayOccur: (text) => /\[[\sxX]\]/.test(text),
    syntax: gfmTaskListItem,
    fromMarkdown: gfmTaskListItemFromMarkdown,
  },
];

const ALL_PARTS = (1 << GFM_PARTS.length) - 1;

/** Bit i set: GFM_PARTS[i] may occur in the text. */
export function gfmPartsIn(text: string): number {
  let mask = 0;
  for (let i = 0; i < GFM_PARTS.length; i++) if (GFM_PARTS[i].mayOccur(text)) mask |= 1 << i;
  return mask;
}

type MarkdownParser = Processor<Root>;
const processors = new Map<number, MarkdownParser>();

/** The parser for a set of parts: remark-gfm itself for all of them. Built once per set. */
export function processorForParts(mask: number): MarkdownParser {
  let processor = processors.get(mask);
  if (!processor) {
    processor = (mask === ALL_PARTS ? unified().use(remarkParse).use(remarkGfm) : unified().use(remarkParse).use(remarkGfmParts, mask)) as unknown as MarkdownParser;
    processors.set(mask, processor);
  }
  return processor;
}

/** Parses markdown as unified + remark-parse + remark-gfm would, with only the parts it needs. */
export function parseGfm(text: string): Root {
  return processorForParts(gfmPartsIn(text)).parse(text);
}

/** remark-gfm's parse side, limited to the parts in `mask` (remark-gfm does the same for all). */
function remarkGfmParts(this: Processor, mask: number): void {
  const data = this.data();
  const micromarkExtensions = (data.micromarkExtensions ??= []);
  const fromMarkdownExtensions = (data.fromMarkdownExtensions ??= []);
  GFM_PARTS.forEach((part, i) => {
    if ((mask & (1 << i)) === 0) return;
    micromarkExtensions.push(part.syntax());
    fromMarkdownExtensions.push(part.fromMarkdown());
  });
}
