// commitSkeleton as other modules call it (e.g. `/planbot init` on a pull request's branch).
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { commitSkeleton, commitMessage } from '../../src/skeleton/commit-skeleton.js';
import { defaultConfig, type PlanbotConfig } from '../../src/config/schema.js';
import { featureFromBranch } from '../../src/plan/feature.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';
import { pushCreatedPayload } from '../helpers/payloads-skeleton.js';
import { API, contentsPath, createdReply, decodedContent, fileReply, recordUnmatched } from '../helpers/github-contents.js';

const clock = () => new Date('2026-11-23T23:59:59Z');
const contents = (path: string) => contentsPath('acme', 'web', path);
const PLAN = 'specs/001-user-auth/plan.md';
const SPEC_KIT = '.specify/templates/plan-template.md';

function config(change: (config: PlanbotConfig) => void = () => undefined): PlanbotConfig {
  const value = defaultConfig();
  change(value);
  return value;
}

/** No spec-kit template on the branch; the create request gets `reply`. */
function newPlanAnswered(status: number, body: unknown) {
  nock(API)
    .get(contents(SPEC_KIT))
    .query({ ref: '001-user-auth' })
    .reply(404)
    .put(contents(PLAN))
    .reply(status, body as any);
}

beforeEach(resetNock);

describe('commitSkeleton', () => {
  it('commits at most once when two deliveries race: the loser gets 422 and reports "exists"', async () => {
    const requests = recordRequests();
    nock(API)
      .get(contents(SPEC_KIT))
      .query({ ref: '001-user-auth' })
      .times(2)
      .reply(404)
      .put(contents(PLAN))
      .reply(...createdReply(PLAN, 'winner'))
      .put(contents(PLAN))
      .reply(422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
    const job = jobFromContext((await createTestContext()).context);
    const options = { owner: 'acme', repo: 'web', branch: '001-user-auth', config: config(), clock };

    const results = await Promise.all([commitSkeleton(job, options), commitSkeleton(job, options)]);

    expect(nock.pendingMocks()).toEqual([]);
    expect(results.map((result) => result.status).sort()).toEqual(['committed', 'exists']);
    expect(results.find((result) => result.status === 'committed')).toEqual({
      status: 'committed',
      path: PLAN,
      commitSha: 'winner',
      template: 'seed',
    });
    const bodies = requests.filter((r) => r.method === 'PUT').map((r) => r.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[0]).toEqual(bodies[1]);
    // The date is the injected clock's UTC day.
    expect(decodedContent(bodies[0])).toContain('**Date**: 2026-11-23');
  });

  it('ignores a branch that is not a feature branch, or whose plan path is unsafe, without a request', async () => {
    const requests = recordRequests();
    const job = jobFromContext((await createTestContext()).context);
    await expect(commitSkeleton(job, { owner: 'acme', repo: 'web', branch: 'fix-typo', config: config() })).resolves.toEqual({
      status: 'ignored',
      path: null,
      reason: 'branch "fix-typo" is not a feature branch',
    });
    const permissive = config((c) => {
      c.branches.pattern = '.*';
      c.plan.path = '{branch}/plan.md';
    });
    await expect(commitSkeleton(job, { owner: 'acme', repo: 'web', branch: '../../etc', config: permissive })).resolves.toMatchObject({
      status: 'ignored',
      path: null,
    });
    expect(requests).toEqual([]);
  });

  it('does not consult skeleton.enabled (an explicit /planbot init decides for itself)', async () => {
    newPlanAnswered(422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
    const job = jobFromContext((await createTestContext()).context);
    const disabled = config((c) => {
      c.skeleton.enabled = false;
    });
    await expect(commitSkeleton(job, { owner: 'acme', repo: 'web', branch: '001-user-auth', config: disabled })).resolves.toEqual({
      status: 'exists',
      path: PLAN,
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('never overwrites any file at the path (even one planbot could not parse): it only ever creates, without sha', async () => {
    const requests = recordRequests();
    newPlanAnswered(422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
    const job = jobFromContext((await createTestContext()).context);
    const result = await commitSkeleton(job, { owner: 'acme', repo: 'web', branch: '001-user-auth', config: config() });
    expect(result).toEqual({ status: 'exists', path: PLAN });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'PUT']);
    expect(Object.keys(requests[1].body as object).sort()).toEqual(['branch', 'content', 'message']);
  });

  it('asks for the default branch only when the payload does not say it and a configured template needs it', async () => {
    const requests = recordRequests();
    const payload = pushCreatedPayload('refs/heads/001-user-auth');
    delete payload.repository.default_branch;
    nock(API)
      .get('/repos/acme/web')
      .reply(200, { default_branch: 'trunk' })
      .get(contents('templates/plan.md'))
      .query({ ref: 'trunk' })
      .reply(...fileReply('templates/plan.md', '# [FEATURE NAME] ([DATE])\n'))
      .put(contents(PLAN))
      .reply(...createdReply(PLAN));
    const job = jobFromContext((await createTestContext(payload)).context);
    const withTemplate = config((c) => {
      c.plan.template = 'templates/plan.md';
    });

    const result = await commitSkeleton(job, { owner: 'acme', repo: 'web', branch: '001-user-auth', config: withTemplate, clock });

    expect(nock.pendingMocks()).toEqual([]);
    expect(result).toMatchObject({ status: 'committed', template: 'config' });
    expect(requests.map((r) => r.method)).toEqual(['GET', 'GET', 'PUT']);
    expect(decodedContent(requests[2].body)).toBe('# User Auth (2026-11-23)\n');
  });

  it('skips an empty or binary repository template with a warning and uses the next one', async () => {
    nock(API)
      .get(contents('templates/plan.md'))
      .query({ ref: 'main' })
      .reply(...fileReply('templates/plan.md', '  \n'))
      .get(contents(SPEC_KIT))
      .query({ ref: '001-user-auth' })
      .reply(200, { type: 'file', encoding: 'base64', size: 2, path: SPEC_KIT, sha: 'b', content: Buffer.from([0xff, 0xfe]).toString('base64') })
      .put(contents(PLAN))
      .reply(...createdReply(PLAN));
    const { context, logs } = await createTestContext();
    const job = jobFromContext(context);
    const withTemplate = config((c) => {
      c.plan.template = 'templates/plan.md';
    });
    const result = await commitSkeleton(job, { owner: 'acme', repo: 'web', branch: '001-user-auth', config: withTemplate, clock });
    expect(nock.pendingMocks()).toEqual([]);
    expect(result).toMatchObject({ status: 'committed', template: 'seed' });
    expect(logs.filter((entry) => entry.level === 40).map((entry) => entry.msg)).toEqual([
      'plan template is empty; falling back',
      'configured plan.template not found on the default branch; falling back',
      'plan template unusable; falling back',
    ]);
  });

  it('returns "refused" with GitHub\'s reason for a protected branch', async () => {
    newPlanAnswered(403, { message: 'Repository rule violations found' });
    const job = jobFromContext((await createTestContext()).context);
    await expect(commitSkeleton(job, { owner: 'acme', repo: 'web', branch: '001-user-auth', config: config() })).resolves.toEqual({
      status: 'refused',
      path: PLAN,
      reason: 'GitHub answered 403: Repository rule violations found',
    });
  });

  it('rethrows when reading fails with a server error, before writing anything', async () => {
    const requests = recordRequests();
    const unmatched = recordUnmatched(nock);
    nock(API).get(contents(SPEC_KIT)).query({ ref: '001-user-auth' }).reply(500, { message: 'boom' });
    const job = jobFromContext((await createTestContext()).context);
    await expect(commitSkeleton(job, { owner: 'acme', repo: 'web', branch: '001-user-auth', config: config() })).rejects.toMatchObject({
      status: 500,
    });
    expect(requests).toHaveLength(1);
    expect(unmatched).toEqual([]);
  });
});

describe('commitSkeleton on transient failures', () => {
  it('rethrows a 5xx or rate-limited write so the queue can retry it', async () => {
    const unmatched = recordUnmatched(nock);
    newPlanAnswered(502, { message: 'Bad Gateway' });
    const { context, logs } = await createTestContext();
    const job = jobFromContext(context);
    await expect(commitSkeleton(job, { owner: 'acme', repo: 'web', branch: '001-user-auth', config: config() })).rejects.toMatchObject({
      status: 502,
    });
    expect(nock.pendingMocks()).toEqual([]);
    expect(unmatched).toEqual([]);
    expect(logs.find((entry) => /will be retried/.test(entry.msg))).toMatchObject({ level: 50, deliveryId: 'delivery-1', feature: '001-user-auth' });
  });
});

describe('commitMessage', () => {
  it('fills every placeholder once and leaves unknown ones alone', () => {
    const ref = featureFromBranch('feat/001-user-auth', defaultConfig().branches.pattern)!;
    expect(commitMessage('{feature}|{number}|{slug}|{branch}|{path}|{other}', ref, 'specs/001-user-auth/plan.md')).toBe(
      '001-user-auth|001|user-auth|feat/001-user-auth|specs/001-user-auth/plan.md|{other}',
    );
  });
});
