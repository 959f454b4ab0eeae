import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { ProbotOctokit } from 'probot';
import { useRequestTimeout } from '../../src/github/request-timeout.js';
import { decide } from '../../src/queue/retry-policy.js';

let server: Server;
let baseUrl = '';

beforeAll(async () => {
  // /slow never answers; /fast answers at once.
  server = createServer((req, res) => {
    if (req.url?.startsWith('/repos/acme/fast')) res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":1}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const octokitFor = () => new ProbotOctokit({ auth: { token: 't' }, baseUrl, retry: { enabled: false }, throttle: { enabled: false } } as any);

describe('useRequestTimeout', () => {
  it('fails a request that gets no answer within the deadline, as a retryable error', async () => {
    const octokit = octokitFor();
    useRequestTimeout(octokit as any, 200);
    const error = await octokit.rest.repos.get({ owner: 'acme', repo: 'slow' }).then(
      () => null,
      (caught) => caught,
    );
    expect(error).toMatchObject({ status: 500 });
    expect(error.message).toBe('GitHub did not answer within 200 ms (GITHUB_REQUEST_TIMEOUT_MS)');
    expect(decide(error, 1, { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 10, maxRateLimitDelayMs: 10 }).kind).toBe('retry');
  });

  it('leaves answered requests alone', async () => {
    const octokit = octokitFor();
    useRequestTimeout(octokit as any, 2_000);
    expect((await octokit.rest.repos.get({ owner: 'acme', repo: 'fast' })).data).toEqual({ id: 1 });
  });
});
