// GitHub's published GraphQL schema (@octokit/graphql-schema, a devDependency) and validation of a
// document against it with graphql-js, with the errors reworded the way GitHub words them
// (GitHub runs graphql-ruby: "Field 'x' doesn't exist on type 'Y'", a path, an extensions code).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildSchema, visit, validate, type ASTNode, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';

/** One entry of a GraphQL answer's `errors`, as GitHub sends it. */
export interface GitHubGraphqlError {
  type?: string;
  path?: Array<string | number>;
  locations?: Array<{ line: number; column: number }>;
  extensions?: Record<string, unknown>;
  message: string;
}

let cached: GraphQLSchema | null = null;

/** Builds the schema once per process (about 0.25 s); the SDL file is read directly, the package's index parses a 5 MB JSON. */
export function githubSchema(): GraphQLSchema {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const file = (require.resolve.paths('@octokit/graphql-schema') ?? []).map((dir) => join(dir, '@octokit/graphql-schema/schema.graphql')).find((path) => existsSync(path));
  if (!file) throw new Error('The GraphQL endpoint needs the @octokit/graphql-schema devDependency: run `npm install` (with dev dependencies).');
  // The published SDL repeats a few fields (EnterpriseOwnerInfo); GitHub's own server accepts it, so skip SDL validation.
  cached = buildSchema(readFileSync(file, 'utf8'), { assumeValidSDL: true });
  return cached;
}

/** Validation errors in GitHub's shape; empty when the document is valid. */
export function validateDocument(schema: GraphQLSchema, document: DocumentNode): GitHubGraphqlError[] {
  return validate(schema, document).map((error) => githubShape(error, document));
}

const REWORDINGS: Array<[RegExp, (match: RegExpExecArray) => { message: string; code: string; extra?: Record<string, string> }]> = [
  [/^Cannot query field "(\w+)" on type "(\w+)"/, (m) => ({ message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`, code: 'undefinedField', extra: { typeName: m[2], fieldName: m[1] } })],
  [/^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"/, (m) => ({ message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`, code: 'argumentNotAccepted', extra: { name: m[3], typeName: 'Field', argumentName: m[1] } })],
  [/^Field "(\w+)" argument "(\w+)" of type "([^"]+)" is required/, (m) => ({ message: `Field '${m[1]}' is missing required arguments: ${m[2]}`, code: 'missingRequiredArguments', extra: { className: 'Field', name: m[1], arguments: m[2] } })],
  [/^Variable "\$(\w+)" is never used in operation "(\w+)"/, (m) => ({ message: `Variable $${m[1]} is declared by ${m[2]} but not used`, code: 'variableNotUsed', extra: { variableName: m[1] } })],
  [/^Variable "\$(\w+)" is not defined(?: by operation "(\w+)")?/, (m) => ({ message: `Variable $${m[1]} is used by ${m[2] ?? 'anonymous query'} but not declared`, code: 'variableNotDefined', extra: { variableName: m[1] } })],
  [/^Unknown type "(\w+)"/, (m) => ({ message: `${m[1]} isn't a defined input type`, code: 'variableRequiresValidType', extra: { typeName: m[1] } })],
];

/** Rewords graphql-js's message as GitHub's when known; adds the path of the offending field. */
export function githubShape(error: GraphQLError, document?: DocumentNode): GitHubGraphqlError {
  const out: GitHubGraphqlError = { message: error.message };
  for (const [pattern, reword] of REWORDINGS) {
    const match = pattern.exec(error.message);
    if (!match) continue;
    const { message, code, extra } = reword(match);
    out.message = message;
    out.extensions = { code, ...extra };
    break;
  }
  const path = error.path ?? (document && error.nodes?.[0] ? pathTo(document, error.nodes[0]) : undefined);
  if (path) out.path = [...path];
  if (error.locations) out.locations = error.locations.map(({ line, column }) => ({ line, column }));
  return out;
}

/** GitHub's path for a node in a document: `["query Name", "field", "field", ...]`. */
function pathTo(document: DocumentNode, target: ASTNode): string[] | undefined {
  let found: string[] | undefined;
  visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (found || node !== target) return;
      const trail = [...(ancestors as unknown[]), node] as ASTNode[];
      found = trail.flatMap((ancestor) => {
        if (!ancestor || typeof ancestor !== 'object' || !('kind' in ancestor)) return [];
        if (ancestor.kind === 'OperationDefinition') return [`${ancestor.operation}${ancestor.name ? ` ${ancestor.name.value}` : ''}`];
        if (ancestor.kind === 'FragmentDefinition') return [`fragment ${ancestor.name.value}`];
        if (ancestor.kind === 'Field') return [ancestor.alias?.value ?? ancestor.name.value];
        return [];
      });
    },
  });
  return found;
}
