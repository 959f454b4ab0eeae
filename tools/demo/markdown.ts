// Markdown to HTML the way GitHub shows it (GFM: tables, task lists, strikethrough), for the demo
// report. Raw HTML in the source (planbot's hidden markers) is dropped, as GitHub hides comments.
// Links can be rewritten: the demo's repository exists only in the simulator, so a link to it is
// pointed inside the report or marked as simulated instead of leading nowhere.
import type { Element, Root } from 'hast';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** Where a link should go in the report: an anchor in it, or nowhere (shown as simulated). */
export type LinkTarget = { href: string } | { simulated: string };
export type LinkRewriter = (href: string) => LinkTarget | null;

const plain = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);

function rewriteLinks(rewrite: LinkRewriter) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return;
      const target = rewrite(node.properties.href);
      if (!target) return;
      if ('href' in target) node.properties.href = target.href;
      else {
        node.tagName = 'span';
        node.properties = { className: ['simulated'], title: target.simulated };
      }
    });
  };
}

export function markdownToHtml(markdown: string, rewrite?: LinkRewriter): string {
  if (!rewrite) return String(plain.processSync(markdown));
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rewriteLinks, rewrite).use(rehypeStringify);
  return String(processor.processSync(markdown));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
