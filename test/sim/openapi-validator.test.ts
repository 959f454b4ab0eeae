import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadOpenApiValidator, type OpenApiValidator } from '../../tools/sim/openapi-validator.js';
import { simWithRepo, statusOf, where, type SimFixture } from './client.js';

let validator: OpenApiValidator;
beforeAll(async () => {
  validator = await loadOpenApiValidator();
});

const q = (text = '') => new URLSearchParams(text);

describe('OpenAPI request validation', () => {
  it('passes a good check-run body and flags an invalid conclusion', () => {
    const good = validator.check('POST', '/repos/acme/web/check-runs', q(), { name: 'planbot / plan', head_sha: 'a'.repeat(40), conclusion: 'success', output: { title: 't', summary: 's' } });
    expect(good).toEqual({ operation: '/repos/{owner}/{repo}/check-runs', violations: [], rejected: false });
    const bad = validator.check('POST', '/repos/acme/web/check-runs', q(), { name: 'x', head_sha: 'a'.repeat(40), conclusion: 'passed' });
    expect(bad.rejected).toBe(true);
    expect(bad.violations).toEqual([expect.objectContaining({ kind: 'body', message: expect.stringContaining('/conclusion must be equal to one of the allowed values') })]);
  });

  it('flags more than 50 annotations and an over-long summary (limits from the description)', () => {
    const annotations = Array.from({ length: 51 }, () => ({ path: 'a', start_line: 1, end_line: 1, annotation_level: 'notice', message: 'm' }));
    const result = validator.check('PATCH', '/repos/acme/web/check-runs/5', q(), { output: { title: 't', summary: 'x'.repeat(65536), annotations } });
    expect(result.violations.map((violation) => violation.message).join('\n')).toMatch(/annotations must NOT have more than 50 items[\s\S]*summary must NOT have more than 65535 characters|summary must NOT have more than 65535 characters[\s\S]*annotations must NOT have more than 50 items/);
  });

  it('resolves $refs and handles nullable fields (issue update with a null milestone)', () => {
    expect(validator.check('PATCH', '/repos/acme/web/issues/3', q(), { body: 'x', milestone: null, state: 'closed', state_reason: 'completed' }).violations).toEqual([]);
    expect(validator.check('PATCH', '/repos/acme/web/issues/3', q(), { state: 'done' }).violations).toEqual([expect.objectContaining({ kind: 'body' })]);
  });

  it('flags unknown endpoints, wrong methods, bad path and query parameters', () => {
    expect(validator.check('GET', '/repos/acme/web/tasks', q(), undefined).violations[0]).toMatchObject({ kind: 'unknown-endpoint' });
    expect(validator.check('PUT', '/repos/acme/web/check-runs', q(), {}).violations[0]).toMatchObject({ kind: 'unknown-endpoint', operation: '/repos/{owner}/{repo}/check-runs' });
    expect(validator.check('GET', '/repos/acme/web/issues/abc', q(), undefined).violations[0]).toMatchObject({ kind: 'path-parameter' });
    expect(validator.check('GET', '/repos/acme/web/issues', q('state=done'), undefined).violations[0]).toMatchObject({ kind: 'query-parameter' });
    expect(validator.check('GET', '/repos/acme/web/issues', q('state=all&labels=planbot&per_page=100&page=2'), undefined).violations).toEqual([]);
  });

  it('flags fields GitHub would silently ignore (a misspelled query parameter or body field)', () => {
    expect(validator.check('GET', '/repos/acme/web/issues', q('label=planbot'), undefined).violations[0]).toMatchObject({ kind: 'unknown-query-parameter', message: expect.stringContaining('label') });
    const typo = validator.check('PATCH', '/repos/acme/web/issues/3', q(), { state: 'closed', state_reasn: 'completed' });
    expect(typo).toMatchObject({ rejected: false, violations: [expect.objectContaining({ kind: 'unknown-body-field', message: expect.stringContaining('state_reasn') })] });
  });

  it('matches encoded contents paths and sub-issue/dependency endpoints', () => {
    expect(validator.check('GET', '/repos/acme/web/contents/specs%2F001-x%2Fplan.md', q('ref=001-x'), undefined).violations).toEqual([]);
    expect(validator.check('POST', '/repos/acme/web/issues/1/sub_issues', q(), { sub_issue_id: 123 }).violations).toEqual([]);
    expect(validator.check('POST', '/repos/acme/web/issues/1/sub_issues', q(), { sub_issue_id: '123' }).violations[0]).toMatchObject({ kind: 'body' });
    expect(validator.check('POST', '/repos/acme/web/issues/1/dependencies/blocked_by', q(), { issue_id: 5 }).violations).toEqual([]);
    expect(validator.check('DELETE', '/repos/acme/web/issues/1/dependencies/blocked_by/5', q(), undefined).violations).toEqual([]);
  });
});

describe('a simulator with validateRequests', () => {
  let fixture: SimFixture;
  beforeAll(async () => {
    fixture = await simWithRepo({ validateRequests: true });
  });
  afterAll(async () => fixture.sim.close());

  it('refuses what GitHub would refuse (422), records the violation, and stores nothing', async () => {
    const { octokit, sim, headSha } = fixture;
    expect(await statusOf(octokit.rest.checks.create({ ...where, name: 'x', head_sha: headSha, conclusion: 'passed' as any }))).toBe(422);
    expect(sim.checkRuns(where)).toEqual([]);
    expect(sim.violations).toEqual([expect.objectContaining({ method: 'POST', path: '/repos/acme/web/check-runs', kind: 'body' })]);
    await octokit.rest.checks.create({ ...where, name: 'x', head_sha: headSha, conclusion: 'success', output: { title: 't', summary: 's' } });
    expect(sim.violations).toHaveLength(1);
  });
});
