// The JSON Schema of `.github/planbot.yml`, generated from the zod schema so the two cannot disagree.
// Editors use it (yaml-language-server) for completion and validation; the reference table is built from it.
import { z } from 'zod';
import { configSchema } from './schema.js';

export const JSON_SCHEMA_PATH = 'schema/planbot.schema.json';

export interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: boolean | JsonSchemaNode;
  items?: JsonSchemaNode;
  anyOf?: JsonSchemaNode[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  [key: string]: unknown;
}

let cached: JsonSchemaNode | undefined;

/** The schema as editors see the file: every key optional (input side), no unknown keys. */
export function planbotJsonSchema(): JsonSchemaNode {
  cached ??= {
    ...(z.toJSONSchema(configSchema, { io: 'input' }) as JsonSchemaNode),
    title: 'planbot configuration (.github/planbot.yml)',
  };
  return cached;
}

/** The file's text as committed: stable key order, trailing newline. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(planbotJsonSchema(), null, 2)}\n`;
}

/** The keys allowed in the mapping at `path` (for "did you mean" hints); empty when unknown. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let node: JsonSchemaNode | undefined = planbotJsonSchema();
  for (const segment of path) {
    node = objectBranch(node);
    const next: JsonSchemaNode | undefined =
      node?.properties?.[String(segment)] ??
      (typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined);
    node = next;
  }
  return Object.keys(objectBranch(node)?.properties ?? {});
}

/** For nullable or union nodes, the alternative that is a mapping. */
export function objectBranch(node: JsonSchemaNode | undefined): JsonSchemaNode | undefined {
  if (!node) return undefined;
  if (node.properties || typeof node.additionalProperties === 'object') return node;
  return node.anyOf?.find((option) => option.properties || typeof option.additionalProperties === 'object');
}
