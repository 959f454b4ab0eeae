import { afterEach, describe, expect, it } from '@jest/globals';
import { createSign } from 'node:crypto';
import { generateAppKeyPair, startSimulator } from '../../tools/sim/index.js';
import { clientFor, INSTALLATION, simWithRepo, statusOf, where, type SimFixture } from './client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

describe('simulator HTTP pipeline', () => {
  it('answers 404 for missing repositories, files and issues', async () => {
    fixture = await simWithRepo();
    const { octokit } = fixture;
    expect(await statusOf(octokit.rest.repos.get({ owner: 'acme', repo: 'nope' }))).toBe(404);
    expect(await statusOf(octokit.rest.repos.getContent({ ...where, path: 'missing.md' }))).toBe(404);
    expect(await statusOf(octokit.rest.repos.getContent({ ...where, path: 'README.md', ref: 'no-branch' }))).toBe(404);
    expect(await statusOf(octokit.rest.issues.get({ ...where, issue_number: 99 }))).toBe(404);
    expect(fixture.sim.requests.map((request) => request.status)).toEqual([404, 404, 404, 404]);
  });

  it('serves the same API at / and at /api/v3 (GHE_HOST)', async () => {
    fixture = await simWithRepo();
    const atRoot = clientFor(fixture.sim, INSTALLATION, fixture.sim.url);
    const atV3 = clientFor(fixture.sim, INSTALLATION, fixture.sim.apiBase);
    expect((await atRoot.rest.repos.get(where)).data.full_name).toBe('acme/web');
    expect((await atV3.rest.repos.get(where)).data.full_name).toBe('acme/web');
    expect(fixture.sim.requests.map((request) => request.path)).toEqual(['/repos/acme/web', '/repos/acme/web']);
  });

  it('answers 304 to If-None-Match with the current ETag, without spending rate limit', async () => {
    fixture = await simWithRepo();
    const { octokit, sim } = fixture;
    const first = await octokit.rest.repos.getContent({ ...where, path: 'README.md' });
    expect(first.headers.etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(first.headers['x-ratelimit-remaining']).toBe('4999');
    const status = await statusOf(octokit.rest.repos.getContent({ ...where, path: 'README.md', headers: { 'if-none-match': first.headers.etag! } }));
    expect(status).toBe(304);
    expect(sim.rateLimitRemaining(INSTALLATION)).toBe(4999);
    // After a change the old ETag no longer matches.
    sim.commitFile({ ...where, branch: 'main', path: 'README.md', content: 'changed\n', message: 'edit' });
    const fresh = await octokit.rest.repos.getContent({ ...where, path: 'README.md', headers: { 'if-none-match': first.headers.etag! } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers['x-ratelimit-remaining']).toBe('4998');
    expect(sim.requests.map((request) => [request.status, request.conditional304])).toEqual([[200, false], [304, true], [200, false]]);
  });

  it('keeps x-ratelimit-* per installation and refuses once the quota is spent', async () => {
    fixture = await simWithRepo({ rateLimit: 3 });
    const { sim, octokit } = fixture;
    sim.seedRepository({ owner: 'other', repo: 'app', installationId: 88 });
    const other = clientFor(sim, 88);
    const answers = [];
    for (let index = 0; index < 3; index += 1) answers.push((await octokit.rest.repos.get(where)).headers['x-ratelimit-remaining']);
    expect(answers).toEqual(['2', '1', '0']);
    expect(await statusOf(octokit.rest.repos.get(where))).toBe(403);
    expect((await other.rest.repos.get({ owner: 'other', repo: 'app' })).headers['x-ratelimit-remaining']).toBe('2');
  });

  it('hides repositories of other installations', async () => {
    fixture = await simWithRepo();
    fixture.sim.seedRepository({ owner: 'other', repo: 'secret', installationId: 88 });
    expect(await statusOf(fixture.octokit.rest.repos.get({ owner: 'other', repo: 'secret' }))).toBe(404);
  });

  it('refuses missing or forged credentials with 401', async () => {
    fixture = await simWithRepo();
    const response = await fetch(`${fixture.sim.apiBase}/repos/acme/web`);
    expect(response.status).toBe(401);
    const forged = await fetch(`${fixture.sim.apiBase}/repos/acme/web`, { headers: { authorization: 'token ghs_forged' } });
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { message: string }).message).toBe('Bad credentials');
  });

  it('exchanges an app JWT signed with the registered key for an installation token', async () => {
    fixture = await simWithRepo();
    const keys = generateAppKeyPair();
    fixture.sim.registerApp({ appId: 9, publicKeyPem: keys.publicKeyPem });
    const exchange = (privateKeyPem: string) => {
      const now = Math.floor(Date.now() / 1000);
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iss: 9, iat: now - 30, exp: now + 540 })}`;
      const jwt = `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKeyPem).toString('base64url')}`;
      return fetch(`${fixture.sim.apiBase}/app/installations/${INSTALLATION}/access_tokens`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` } });
    };
    const good = await exchange(keys.privateKeyPem);
    expect(good.status).toBe(201);
    const { token } = (await good.json()) as { token: string };
    const repo = await fetch(`${fixture.sim.apiBase}/repos/acme/web`, { headers: { authorization: `token ${token}` } });
    expect(repo.status).toBe(200);
    expect((await exchange(generateAppKeyPair().privateKeyPem)).status).toBe(401);
  });

  it('injects the same faults for the same seed: 5xx and secondary rate limits with retry-after', async () => {
    const run = async () => {
      const sim = await startSimulator({ faults: { serverErrorRate: 0.2, rateLimitRate: 0.2, seed: 11, retryAfterSeconds: 2 } });
      sim.seedRepository({ ...where, installationId: INSTALLATION });
      const octokit = clientFor(sim, INSTALLATION);
      const outcomes: string[] = [];
      for (let index = 0; index < 40; index += 1) {
        try {
          await octokit.rest.repos.get(where);
          outcomes.push('200');
        } catch (error: any) {
          outcomes.push(`${error.status}${error.response?.headers['retry-after'] ? ` retry-after=${error.response.headers['retry-after']}` : ''}`);
          if (error.status === 403) expect(error.message).toMatch(/secondary rate limit/);
        }
      }
      await sim.close();
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain('403 retry-after=2');
    expect(first.some((outcome) => /^50[023]$/.test(outcome))).toBe(true);
    expect(first.filter((outcome) => outcome === '200').length).toBeGreaterThan(10);
  });

  it('answers 400 to a body that is not JSON', async () => {
    fixture = await simWithRepo();
    const token = fixture.sim.createInstallationToken(INSTALLATION);
    const response = await fetch(`${fixture.sim.apiBase}/repos/acme/web/issues`, { method: 'POST', headers: { authorization: `token ${token}` }, body: '{nope' });
    expect(response.status).toBe(400);
    expect(fixture.sim.issues(where)).toEqual([]);
  });

  it('adds the configured latency to every answer', async () => {
    fixture = await simWithRepo({ latencyMs: 150 });
    await fixture.octokit.rest.repos.get(where);
    fixture.sim.setLatency(0);
    await fixture.octokit.rest.repos.get(where);
    const [slow, fast] = fixture.sim.requests;
    // Recorded durations, not timing of the test itself: the first waited, the second did not.
    expect(slow.ms).toBeGreaterThanOrEqual(150);
    expect(fast.ms).toBeLessThan(150);
  });
});
