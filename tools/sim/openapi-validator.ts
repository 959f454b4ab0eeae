// Checks requests against GitHub's published OpenAPI description of api.github.com
// (@octokit/openapi): the endpoint must exist for that method, path and query parameters must fit
// their schemas, and the JSON body must validate (ajv + ajv-formats, $refs resolved).
// @octokit/openapi, ajv and ajv-formats are devDependencies: this module loads them dynamically,
// so nothing here is needed to run the app.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';

export interface Violation {
  method: string;
  /** The request path as sent (no query). */
  path: string;
  /** The OpenAPI path template it matched, when one did. */
  operation: string | null;
  /** `unknown-endpoint`, `path-parameter`, `query-parameter`, `unknown-query-parameter`, `body`, `unknown-body-field`. */
  kind: string;
  message: string;
}

export interface CheckResult {
  operation: string | null;
  violations: Violation[];
  /** True when GitHub would refuse the request (422) rather than ignore something. */
  rejected: boolean;
}

export interface OpenApiValidator {
  check(method: string, path: string, query: URLSearchParams, body: unknown): CheckResult;
}

interface Operation {
  template: string;
  regex: RegExp;
  params: string[];
  literals: number;
  methods: Record<string, any>;
}

type Validate = ((data: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string; params?: unknown }> | null };

const DOCUMENT = '@octokit/openapi/generated/api.github.com.json';
const SCHEMA_ID = 'github';

/** Loads the description and compiles validators lazily per operation (about 0.2 s to load). */
export async function loadOpenApiValidator(): Promise<OpenApiValidator> {
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve(DOCUMENT);
  } catch {
    throw new Error('Request validation needs the @octokit/openapi devDependency: run `npm install` (with dev dependencies).');
  }
  const [{ default: AjvModule }, { default: formatsModule }] = await Promise.all([import('ajv'), import('ajv-formats')]);
  const Ajv = (AjvModule as any).default ?? AjvModule;
  const addFormats = (formatsModule as any).default ?? formatsModule;
  const document = fromOpenApi30(JSON.parse(await readFile(file, 'utf8')));
  // OpenAPI 3.0 keywords (nullable, example, x-*) are not JSON Schema; strict mode off ignores them.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema({ components: document.components }, SCHEMA_ID);

  const operations: Operation[] = Object.entries(document.paths as Record<string, Record<string, any>>)
    .map(([template, methods]) => {
      const params: string[] = [];
      const source = template
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          params.push(param[1]);
          return '([^/]+)';
        })
        .join('/');
      return { template, regex: new RegExp(`^${source}$`), params, literals: template.split('/').filter((s) => s && !s.startsWith('{')).length, methods };
    })
    .sort((a, b) => b.literals - a.literals);

  const compiled = new Map<unknown, Validate>();
  const compile = (schema: unknown): Validate => {
    let validate = compiled.get(schema);
    if (!validate) {
      try {
        validate = ajv.compile(rebase(schema)) as Validate;
      } catch (error) {
        // A schema ajv cannot compile is a gap in the checker, not a fault of the request.
        validate = Object.assign(() => true, { errors: null, compileError: (error as Error).message }) as Validate;
      }
      compiled.set(schema, validate);
    }
    return validate;
  };
  const resolveParameter = (parameter: any) => (parameter?.$ref ? pointer(document, parameter.$ref) : parameter);

  return {
    check(method, path, query, body) {
      const verb = method.toLowerCase();
      const found = operations.find((candidate) => candidate.regex.test(path) && candidate.methods[verb]);
      const violation = (kind: string, message: string, operation: string | null = found?.template ?? null): Violation => ({ method, path, operation, kind, message });
      if (!found) {
        const other = operations.find((candidate) => candidate.regex.test(path));
        const message = other ? `${method} is not an operation of ${other.template}` : `no such endpoint in GitHub's REST API`;
        return { operation: null, violations: [violation('unknown-endpoint', message, other?.template ?? null)], rejected: true };
      }
      const operation = found.methods[verb];
      const violations: Violation[] = [];
      const parameters: any[] = [...(found.methods.parameters ?? []), ...(operation.parameters ?? [])].map(resolveParameter);

      const values = found.regex.exec(path)!.slice(1);
      found.params.forEach((name, index) => {
        const spec = parameters.find((parameter) => parameter.in === 'path' && parameter.name === name);
        if (spec?.schema) {
          const problem = schemaProblem(compile(spec.schema), coerce(decode(values[index]), spec.schema));
          if (problem) violations.push(violation('path-parameter', `path parameter ${name}: ${problem}`));
        }
      });

      for (const [name, raw] of query) {
        const spec = parameters.find((parameter) => parameter.in === 'query' && parameter.name === name);
        if (!spec) {
          violations.push(violation('unknown-query-parameter', `query parameter ${name} is not accepted by ${method} ${found.template}; GitHub ignores it`));
          continue;
        }
        const problem = spec.schema ? schemaProblem(compile(spec.schema), coerce(raw, spec.schema)) : null;
        if (problem) violations.push(violation('query-parameter', `query parameter ${name}=${raw}: ${problem}`));
      }

      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const hasBody = body !== undefined && body !== null && !(typeof body === 'object' && !Array.isArray(body) && Object.keys(body as object).length === 0);
      let rejected = violations.some((v) => v.kind === 'path-parameter' || v.kind === 'query-parameter');
      if (bodySchema) {
        if (!hasBody && operation.requestBody.required) {
          violations.push(violation('body', 'request body is required'));
          rejected = true;
        } else if (hasBody) {
          const problem = schemaProblem(compile(bodySchema), body);
          if (problem) {
            violations.push(violation('body', problem));
            rejected = true;
          }
          const declared = declaredProperties(bodySchema, document);
          if (declared && typeof body === 'object' && !Array.isArray(body)) {
            for (const key of Object.keys(body as object)) {
              if (!declared.has(key)) violations.push(violation('unknown-body-field', `body field ${key} is not part of ${method} ${found.template}; GitHub ignores it`));
            }
          }
        }
      } else if (hasBody && verb !== 'get') {
        violations.push(violation('unknown-body-field', `${method} ${found.template} takes no request body; GitHub ignores it`));
      }
      return { operation: found.template, violations, rejected };
    },
  };
}

/**
 * OpenAPI 3.0's `nullable: true` is not JSON Schema: turn it into a `null` type (or an `anyOf` with
 * null where there is no `type`), everywhere in the document, once.
 */
function fromOpenApi30(node: any): any {
  if (Array.isArray(node)) return node.map(fromOpenApi30);
  if (!node || typeof node !== 'object') return node;
  const out: any = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'example' || key === 'examples' ? value : fromOpenApi30(value);
  if (!('nullable' in out)) return out;
  const nullable = out.nullable === true;
  delete out.nullable;
  if (!nullable) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/** Points `#/components/...` at the schema registered under SCHEMA_ID. */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${SCHEMA_ID}#/`));
}

function pointer(document: any, ref: string): any {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/** Top-level property names of an object body schema, or null when it is open (oneOf, no properties). */
function declaredProperties(schema: any, document: any): Set<string> | null {
  const resolved = schema.$ref ? pointer(document, schema.$ref) : schema;
  if (!resolved?.properties || resolved.oneOf || resolved.anyOf || resolved.additionalProperties) return null;
  return new Set(Object.keys(resolved.properties));
}

function schemaProblem(validate: Validate, value: unknown): string | null {
  if (validate(value)) return null;
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}${error.params && 'allowedValues' in (error.params as object) ? ` (${(error.params as any).allowedValues.join(', ')})` : ''}`)
    .join('; ');
}

/** Query and path values arrive as strings; compare them as the type the schema declares. */
function coerce(raw: string, schema: any): unknown {
  const type = schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (type === 'array') return raw.split(',');
  return raw;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
