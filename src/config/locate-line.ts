// Maps a key path in a YAML file to the line (and column) a person should look at.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * Where the key (or list item) at `path` starts; when the path is only partly present, where its
 * deepest present ancestor starts; null when the text holds no mapping at all.
 */
export function positionOfPath(text: string, path: readonly PropertyKey[]): Position | null {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: false });
  const positionAt = (node: { range?: [number, number, number] | null } | null | undefined): Position | null => {
    if (!node?.range) return null;
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };

  let node = document.contents as Node | null;
  let position = positionAt(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) return position;
      position = positionAt(pair.key as Node) ?? position;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment] as Node | null;
      position = positionAt(node) ?? position;
    } else {
      return position;
    }
  }
  return position;
}

/** The 1-based line of `positionOfPath`, or null. */
export function lineOfPath(text: string, path: readonly PropertyKey[]): number | null {
  return positionOfPath(text, path)?.line ?? null;
}
