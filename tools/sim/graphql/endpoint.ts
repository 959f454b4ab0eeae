// `POST /graphql` (and `/api/graphql` for GHES-style base URLs): every document is parsed and
// validated against GitHub's published schema, then executed by graphql-js against the simulated
// world. Problems answer as GitHub does: HTTP 200 with `errors` (and `data` where fields resolved).
// The points budget is GraphQL's own (`x-ratelimit-resource: graphql`), separate from REST's.
import { execute, GraphQLError, parse, type DocumentNode } from 'graphql';
import type { SimContext } from '../context.js';
import { ProjectError } from '../projects.js';
import { RateLimiter } from '../ratelimit.js';
import type { Router, SimRequest, SimResponse } from '../router.js';
import { costOf, operationOf, type GraphqlBody } from './operation.js';
import { projectRoot } from './project-resolvers.js';
import { githubSchema, githubShape, validateDocument, type GitHubGraphqlError } from './schema.js';

export const GRAPHQL_PATH = '/graphql';

export class GraphqlEndpoint {
  /** Points per installation and hour (GitHub gives apps 5,000). */
  readonly limiter = new RateLimiter(5000, 'graphql');

  constructor(private readonly ctx: SimContext) {}

  register(router: Router): void {
    router.add('POST', GRAPHQL_PATH, (request) => this.answer(request));
  }

  async answer(request: SimRequest): Promise<SimResponse> {
    const body = (request.body ?? {}) as GraphqlBody;
    if (typeof body.query !== 'string') return errors([{ message: 'A query attribute must be specified and must be a string.' }]);
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return errors([githubShape(error as GraphQLError)]);
    }
    const schema = githubSchema();
    const invalid = validateDocument(schema, document);
    if (invalid.length) return errors(invalid);
    const operation = operationOf(document, body.operationName);
    if (!operation) return errors([{ message: 'An operation name is required' }]);
    const variables = (body.variables && typeof body.variables === 'object' ? body.variables : {}) as Record<string, unknown>;

    const key = `installation:${request.installationId ?? request.appId}`;
    if (this.limiter.remaining(key) <= 0) {
      const who = request.installationId ?? request.appId;
      return errors([{ type: 'RATE_LIMITED', message: `API rate limit already exceeded for installation ID ${who}.` }], this.limiter.peek(key));
    }
    const cost = costOf(document, operation, variables);
    const headers = this.limiter.take(key, false, cost);
    const usage = this.limiter.usage(key);
    const rootValue = projectRoot(this.ctx, request, { cost, ...usage });
    const result = await execute({ schema, document, rootValue, variableValues: variables, operationName: operation.name?.value });
    // Variables that do not fit their types stop execution: GitHub then sends `errors` alone.
    const out: Record<string, unknown> = result.data === undefined ? {} : { data: result.data };
    if (result.errors?.length) out.errors = result.errors.map(executionError);
    return { status: 200, body: out, headers };
  }
}

function errors(list: GitHubGraphqlError[], headers?: Record<string, string>): SimResponse {
  return { status: 200, body: { errors: list }, headers };
}

/** A resolver's refusal keeps GitHub's `type` (NOT_FOUND, FORBIDDEN, …); anything else its message. */
function executionError(error: GraphQLError): GitHubGraphqlError {
  const shaped = githubShape(error);
  const original = error.originalError;
  if (original instanceof ProjectError) return { type: original.type, ...shaped, message: original.message };
  return shaped;
}
