// Maps a key path in a YAML file to the line a person should look at.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/**
 * The 1-based line of the key (or list item) at `path`; when the path is only partly present,
 * the line of its deepest present ancestor; null when the text holds no mapping at all.
 */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number | null {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const lineAt = (node: { range?: [number, number, number] | null } | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : null;

  let node = document.contents as Node | null;
  let line = lineAt(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return line;
      line = lineAt(pair.key as Node) ?? line;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment] as Node | null;
      line = lineAt(node) ?? line;
    } else {
      return line;
    }
  }
  return line;
}
