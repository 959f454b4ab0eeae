// What a GraphQL request asks for, without the schema: its operation (query or mutation), name and
// top-level fields (for the request log: a query is a read, a mutation a write), and what it costs
// against GitHub's GraphQL points budget.
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

export interface GraphqlCall {
  operation: 'query' | 'mutation' | 'subscription';
  /** The operation's name (`query PlanbotOrgBoard …`), null when anonymous. */
  name: string | null;
  /** Top-level fields, e.g. `addProjectV2ItemById`. */
  fields: string[];
}

/** The body octokit sends: `{ query, variables, operationName? }`. */
export interface GraphqlBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** Parses the body's document and picks the operation to run (by `operationName` when several). */
export function operationOf(document: DocumentNode, operationName: unknown): OperationDefinitionNode | null {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (typeof operationName === 'string') return operations.find((operation) => operation.name?.value === operationName) ?? null;
  return operations.length === 1 ? operations[0] : null;
}

/** For the request log; null when the body is not a parsable GraphQL request. */
export function classifyCall(body: unknown): GraphqlCall | null {
  const request = (body ?? {}) as GraphqlBody;
  if (typeof request.query !== 'string') return null;
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch {
    return null;
  }
  const operation = operationOf(document, request.operationName);
  if (!operation) return null;
  const fields = operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  return { operation: operation.operation, name: operation.name?.value ?? null, fields };
}

/**
 * GitHub's points formula: every connection (a field taking `first`/`last`) is fetched once per
 * node of the connections around it; sum those fetches, divide by 100, round; at least 1.
 * Mutations cost 1.
 */
export function costOf(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  if (operation.operation === 'mutation') return 1;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const number = (value: ValueNode | undefined): number | null => {
    if (!value) return null;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) return typeof variables[value.name.value] === 'number' ? (variables[value.name.value] as number) : null;
    return null;
  };
  let fetches = 0;
  const walk = (set: SelectionSetNode | undefined, multiplier: number, seen: Set<string>): void => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, multiplier, seen);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) walk(fragment.selectionSet, multiplier, new Set([...seen, fragment.name.value]));
      } else {
        const size = number(selection.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last')?.value);
        if (size === null) walk(selection.selectionSet, multiplier, seen);
        else {
          fetches += multiplier;
          walk(selection.selectionSet, multiplier * size, seen);
        }
      }
    }
  };
  walk(operation.selectionSet, 1, new Set());
  return Math.max(1, Math.round(fetches / 100));
}
