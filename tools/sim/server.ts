// The HTTP front of the simulator: one pipeline for every request — authenticate, rate-limit,
// check against the OpenAPI description, inject latency/faults, route, answer with ETag/304.
// Served at `/` and at `/api/v3/` (what Probot uses when GHE_HOST is set); GraphQL at `/graphql`
// and `/api/graphql`, which spends its own points budget and is validated by its endpoint.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { credentialsOf, looksLikeJwt, type AuthRegistry } from './auth.js';
import { FaultInjector, type Fault, type FaultOptions } from './faults.js';
import { classifyCall, type GraphqlCall } from './graphql/operation.js';
import type { OpenApiValidator, Violation } from './openapi-validator.js';
import { RateLimiter } from './ratelimit.js';
import { HttpError, type Router, type SimRequest, type SimResponse } from './router.js';
import type { SimState } from './state.js';

export interface RequestRecord {
  seq: number;
  method: string;
  /** Path and query as sent, without the `/api/v3` prefix. */
  path: string;
  /** The route template it matched, e.g. `POST /repos/{owner}/{repo}/issues`. */
  route: string | null;
  status: number;
  installationId: number | null;
  /** Anything but GET/HEAD; for GraphQL, a mutation (a query is a read). */
  write: boolean;
  /** For `POST /graphql`: the operation, its name and top-level fields (null when unparsable or not GraphQL). */
  graphql?: GraphqlCall | null;
  /** Answered 304 Not Modified (free against the rate limit). */
  conditional304: boolean;
  /** Set when the answer was an injected fault. */
  fault: Fault['kind'] | null;
  body: unknown;
  at: number;
  ms: number;
}

const API_PREFIX = '/api/v3';
/** Octokit sends GraphQL to `/graphql`, or to `/api/graphql` when the base URL ends in `/api/v3` (GHES). */
const GRAPHQL_PATHS = new Set(['/graphql', '/api/graphql']);
const MAX_BODY_BYTES = 50 * 1024 * 1024;
const DOCS = 'https://docs.github.com/rest';

export interface SimHttpOptions {
  state: SimState;
  auth: AuthRegistry;
  router: Router;
  latencyMs?: number;
  faults?: FaultOptions;
  validator?: OpenApiValidator | null;
  /** Refuse requests the OpenAPI description rejects with 422 (as GitHub would). Default true. */
  rejectInvalid?: boolean;
}

export class SimHttp {
  readonly requests: RequestRecord[] = [];
  readonly violations: Violation[] = [];
  readonly limiter = new RateLimiter();
  readonly faults: FaultInjector;
  latencyMs: number;
  private server: Server | null = null;
  private inFlight = 0;
  private lastActivity = Date.now();
  private seq = 0;

  constructor(private readonly options: SimHttpOptions) {
    this.faults = new FaultInjector(options.faults);
    this.latencyMs = options.latencyMs ?? 0;
  }

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ message: `simulator error: ${(error as Error).message}` }));
      });
    });
    // Longer than the client keeps idle sockets, so connections are reused (as with GitHub).
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests being answered right now, and when the last one finished (for idle detection). */
  activity(): { inFlight: number; lastActivity: number } {
    return { inFlight: this.inFlight, lastActivity: this.lastActivity };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight += 1;
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sim');
    const path = GRAPHQL_PATHS.has(url.pathname) ? '/graphql' : url.pathname.startsWith(`${API_PREFIX}/`) ? url.pathname.slice(API_PREFIX.length) : url.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const graphql = method === 'POST' && path === '/graphql';
    const record: RequestRecord = {
      seq: ++this.seq,
      method,
      path: path + url.search,
      route: null,
      status: 0,
      installationId: null,
      write: method !== 'GET' && method !== 'HEAD',
      graphql: null,
      conditional304: false,
      fault: null,
      body: undefined,
      at: Date.now(),
      ms: 0,
    };
    let response: SimResponse;
    let rateKey: string | null = null;
    try {
      const raw = await readBody(req);
      record.body = parseBody(raw);
      if (graphql) {
        record.graphql = classifyCall(record.body);
        record.write = record.graphql?.operation === 'mutation';
      }
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const request: SimRequest = { method, path, params: {}, query: url.searchParams, body: record.body, headers: req.headers, actor: null, installationId: null, appId: null };
      rateKey = this.authenticate(request, path);
      record.installationId = request.installationId;
      // GraphQL spends its own points budget (the endpoint answers RATE_LIMITED itself).
      if (!graphql && this.limiter.exhausted(rateKey)) {
        throw new HttpError(403, `API rate limit exceeded for installation ID ${request.installationId ?? request.appId}.`);
      }
      response = await this.dispatch(request, record);
    } catch (error) {
      response = errorResponse(error);
    }

    const headers: Record<string, string> = {
      'x-github-request-id': randomUUID().toUpperCase(),
      'x-github-api-version-selected': '2022-11-28',
      ...(response.headers ?? {}),
    };
    let payload: Buffer | null = null;
    if (response.body !== undefined && response.status !== 204) {
      payload = Buffer.isBuffer(response.body) ? response.body : Buffer.from(JSON.stringify(response.body));
      headers['content-type'] ??= 'application/json; charset=utf-8';
    }
    let status = response.status;
    if (method === 'GET' && status === 200 && payload) {
      headers.etag = `W/"${createHash('sha1').update(payload).digest('hex')}"`;
      if (ifNoneMatch(req.headers['if-none-match'], headers.etag)) {
        status = 304;
        payload = null;
        record.conditional304 = true;
      }
    }
    if (rateKey && !graphql) Object.assign(headers, this.limiter.take(rateKey, status === 304));
    if (payload) headers['content-length'] = String(payload.length);
    res.writeHead(status, headers);
    res.end(payload ?? undefined);

    record.status = status;
    record.ms = Math.round(performance.now() - started);
    this.requests.push(record);
    this.inFlight -= 1;
    this.lastActivity = Date.now();
  }

  /** Sets actor/installation/app on the request; returns the rate-limit bucket. */
  private authenticate(request: SimRequest, path: string): string {
    const credentials = credentialsOf(request.headers.authorization);
    if (!credentials) throw new HttpError(401, 'Requires authentication');
    const appEndpoint = path === '/app' || path.startsWith('/app/') || /^\/repos\/[^/]+\/[^/]+\/installation$/.test(path);
    if (appEndpoint) {
      if (!looksLikeJwt(credentials)) throw new HttpError(401, 'A JSON web token could not be decoded');
      const app = this.options.auth.verifyJwt(credentials);
      request.appId = app.appId;
      return `app:${app.appId}`;
    }
    if (looksLikeJwt(credentials)) throw new HttpError(401, 'A JSON web token could not be used for this endpoint; use an installation access token');
    const token = this.options.auth.installationFor(credentials);
    const app = this.options.auth.app(token.appId) ?? this.options.auth.defaultApp();
    request.installationId = token.installationId;
    request.appId = token.appId;
    request.actor = this.options.state.user(`${app.slug}[bot]`, 'Bot');
    return `installation:${token.installationId}`;
  }

  private async dispatch(request: SimRequest, record: RequestRecord): Promise<SimResponse> {
    const matched = this.options.router.match(request.method, request.path);
    // GraphQL is validated against GitHub's GraphQL schema by its endpoint, not against OpenAPI.
    if (this.options.validator && request.path !== '/graphql') {
      const result = this.options.validator.check(request.method, request.path, request.query, request.body);
      this.violations.push(...result.violations);
      if (result.rejected && this.options.rejectInvalid !== false) {
        throw new HttpError(result.operation ? 422 : 404, result.operation ? 'Invalid request.' : 'Not Found', result.violations.map((v) => ({ code: v.kind, message: v.message })));
      }
    }
    if (!matched) throw new HttpError(404, 'Not Found');
    if ('allowed' in matched) throw new HttpError(404, 'Not Found');
    record.route = `${request.method} ${matched.template}`;
    const fault = this.faults.next(request.path === '/graphql' ? 'graphql' : 'rest');
    if (fault) {
      record.fault = fault.kind;
      if (fault.kind === 'server-error') throw new HttpError(fault.status, fault.status === 502 ? 'Server Error' : 'Service Unavailable');
      throw new HttpError(
        403,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
        undefined,
        { 'retry-after': String(fault.retryAfter) },
      );
    }
    request.params = matched.params;
    return matched.handler(request);
  }
}

function errorResponse(error: unknown): SimResponse {
  if (error instanceof HttpError) {
    const body: Record<string, unknown> = { message: error.message, documentation_url: DOCS, status: String(error.status) };
    if (error.errors) body.errors = error.errors;
    return { status: error.status, body, headers: error.headers };
  }
  return { status: 500, body: { message: `simulator error: ${(error as Error).message}`, documentation_url: DOCS } };
}

function ifNoneMatch(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return value.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'Payload too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'Problems parsing JSON');
  }
}
