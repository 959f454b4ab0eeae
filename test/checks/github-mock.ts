// nock helpers for the checks tests: acme/web's config, pull request files, plan contents and
// check-run writes, plus validation of every check-run request body against GitHub's OpenAPI schema.
import nock from 'nock';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { HEAD_SHA } from '../helpers/payloads-checks.js';

const require = createRequire(import.meta.url);
const openapi = checkRunPaths();

/**
 * The two check-run paths of GitHub's dereferenced OpenAPI description. The whole file is 73 MB
 * (0.7 s to parse in each of the 20 files that load this one), so the two paths are cut out of it
 * once into node_modules/.cache, keyed by the file's size and time.
 */
function checkRunPaths(): { paths: Record<string, any> } {
  const source = require.resolve('@octokit/openapi/generated/api.github.com.deref.json');
  const { size, mtimeMs } = statSync(source);
  const cache = join(dirname(source), '../../../.cache/planbot-tests', `check-run-paths-${size}-${Math.round(mtimeMs)}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8'));
  const { paths } = JSON.parse(readFileSync(source, 'utf8'));
  const cut = { paths: Object.fromEntries(['/repos/{owner}/{repo}/check-runs', '/repos/{owner}/{repo}/check-runs/{check_run_id}'].map((path) => [path, paths[path]])) };
  mkdirSync(dirname(cache), { recursive: true });
  const partial = `${cache}.${process.pid}`; // workers may race: each writes its own, then renames
  writeFileSync(partial, JSON.stringify(cut));
  renameSync(partial, cache);
  return cut;
}

export const API = 'https://api.github.com';
export const REPO_CONFIG = '/repos/acme/web/contents/.github%2Fplanbot.yml';
export const ORG_CONFIG = '/repos/acme/.github/contents/.github%2Fplanbot.yml';
export const CHECK_RUNS = '/repos/acme/web/check-runs';

export function fixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/checks/${name}`, import.meta.url)), 'utf8');
}

/**
 * `.github/planbot.yml` on the default branch, any number of reads; answers 304 when asked again
 * with its ETag, as GitHub does. Returns the statuses it answered, in order.
 */
export function mockConfig(yamlText: string | null, etag = '"config-v1"'): number[] {
  const answered: number[] = [];
  if (yamlText === null) {
    nock(API).get(REPO_CONFIG).reply(404).get(ORG_CONFIG).reply(404);
    return answered;
  }
  nock(API)
    .persist()
    .get(REPO_CONFIG)
    .reply(function () {
      const cached = this.req.headers['if-none-match'] === etag;
      answered.push(cached ? 304 : 200);
      return cached ? [304, ''] : [200, yamlText, { 'content-type': 'text/plain; charset=utf-8', etag }];
    });
  return answered;
}

export type FileEntry = string | { filename: string; status: string };

export function mockPullFiles(pullNumber: number, files: FileEntry[], etag?: string): void {
  const body = files.map((file) =>
    typeof file === 'string' ? { filename: file, status: 'modified' } : { filename: file.filename, status: file.status },
  );
  nock(API)
    .get(`/repos/acme/web/pulls/${pullNumber}/files`)
    .query({ per_page: '100' })
    .reply(function () {
      return etag && this.req.headers['if-none-match'] === etag ? [304, ''] : [200, body, etag ? { etag } : {}];
    });
}

export function contentsPath(path: string): string {
  return `/repos/acme/web/contents/${encodeURIComponent(path)}`;
}

/** The contents API answer for a text file. */
export function fileResource(path: string, content: string, blobSha = 'blob-' + path.length): object {
  return {
    type: 'file',
    encoding: 'base64',
    size: Buffer.byteLength(content),
    name: path.split('/').pop(),
    path,
    sha: blobSha,
    content: Buffer.from(content).toString('base64'),
  };
}

export function mockPlan(path: string, content: string | null, sha = HEAD_SHA, etag?: string): void {
  nock(API)
    .get(contentsPath(path))
    .query({ ref: sha })
    .reply(function () {
      if (content === null) return [404, { message: 'Not Found' }];
      if (etag && this.req.headers['if-none-match'] === etag) return [304, ''];
      return [200, fileResource(path, content), etag ? { etag } : {}];
    });
}

/** Check-run creates, any number of them, answering ids 1, 2, … */
export function mockCheckRunWrites(): void {
  let id = 0;
  nock(API)
    .persist()
    .post(CHECK_RUNS)
    .reply(201, () => ({ id: ++id }));
}

/** Exactly `count` check-run updates (annotation batches). */
export function mockCheckRunUpdates(count: number): void {
  nock(API)
    .patch(/\/repos\/acme\/web\/check-runs\/\d+$/)
    .times(count)
    .reply(200, (uri: string) => ({ id: Number(uri.split('/').pop()) }));
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const bodySchema = (path: string, method: 'post' | 'patch') =>
  ajv.compile(openapi.paths[path][method].requestBody.content['application/json'].schema);
const validateCreate = bodySchema('/repos/{owner}/{repo}/check-runs', 'post');
const validateUpdate = bodySchema('/repos/{owner}/{repo}/check-runs/{check_run_id}', 'patch');

/** Throws with ajv's errors when a check-run request body breaks GitHub's published schema. */
export function assertValidCheckRunBody(method: string, body: unknown): void {
  const validate = method === 'POST' ? validateCreate : validateUpdate;
  if (!validate(body)) throw new Error(`invalid ${method} check-run body: ${ajv.errorsText(validate.errors)}`);
  const output = (body as { output?: { annotations?: Array<{ title?: string; message: string }> } }).output;
  for (const annotation of output?.annotations ?? []) {
    if ((annotation.title ?? '').length > 255) throw new Error('annotation title over 255 characters');
    if (Buffer.byteLength(annotation.message) > 64 * 1024) throw new Error('annotation message over 64 KB');
  }
}

export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

/** Check-run writes among the recorded requests, each validated against the schema. */
export function checkRunWrites(requests: SeenRequest[]): SeenRequest[] {
  const writes = requests.filter((request) => request.path.startsWith(CHECK_RUNS) && request.method !== 'GET');
  for (const write of writes) assertValidCheckRunBody(write.method, write.body);
  return writes;
}

/** Bodies of the check runs created, by name. */
export function createdRuns(requests: SeenRequest[]): Map<string, any> {
  const runs = new Map<string, any>();
  for (const write of checkRunWrites(requests)) if (write.method === 'POST') runs.set((write.body as any).name, write.body);
  return runs;
}

export function requestLines(requests: SeenRequest[]): string[] {
  return requests.map((request) => `${request.method} ${request.path}`);
}
