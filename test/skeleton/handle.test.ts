// The plan skeleton on new feature branches, driven the way GitHub drives it (probot.receive + nock).
// Every test asserts the exact requests GitHub would see: paths, order, count and bodies.
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import nock from 'nock';

// Pushes also reach the issue-sync module; it is out of scope here and must not add requests.
jest.unstable_mockModule('../../src/sync/handle.js', () => ({
  onPush: async () => undefined,
  onPullRequest: async () => undefined,
}));
const { createTestApp, recordRequests, resetNock } = await import('../helpers/probot.js');
const { createBranchPayload, pushCreatedPayload } = await import('../helpers/payloads-skeleton.js');
const { API, contentsPath, createdReply, decodedContent, fileReply, rawReply, recordUnmatched } = await import('../helpers/github-contents.js');
const { useClock } = await import('../../src/skeleton/clock.js');
const { SEED_TEMPLATE } = await import('../../src/plan/index.js');
const { forgetHandledBranches } = await import('../../src/skeleton/recent-branches.js');

const CONFIG = '/repos/acme/web/contents/.github%2Fplanbot.yml';
const ORG_CONFIG = '/repos/acme/.github/contents/.github%2Fplanbot.yml';
const contents = (path: string) => contentsPath('acme', 'web', path);
const SPEC_KIT = '.specify/templates/plan-template.md';
const SEED_HEADER = '# Implementation Plan: [FEATURE NAME]\n\n**Branch**: `[###-feature-name]` | **Date**: [DATE] | **Spec**: [link to spec.md]\n';

/** The seed as it must be committed: identity filled in, every other placeholder left for people. */
function expectedSeed(title: string, feature: string): string {
  const header = `# Implementation Plan: ${title}\n\n**Branch**: \`${feature}\` | **Date**: 2026-11-23 | **Spec**: [spec.md](./spec.md)\n`;
  expect(SEED_TEMPLATE.startsWith(SEED_HEADER)).toBe(true);
  return header + SEED_TEMPLATE.slice(SEED_HEADER.length);
}

/** Config present in the repository: 1 request. */
function repoConfig(yaml = 'skeleton:\n  enabled: true\n') {
  return nock(API).get(CONFIG).reply(...rawReply(yaml));
}

/** No spec-kit template on the new branch. planbot does not look for the plan first: the create refuses to overwrite. */
function newBranch(branch: string, _planPath: string) {
  return nock(API)
    .get(contents(SPEC_KIT))
    .query({ ref: branch })
    .reply(404, { message: 'Not Found' });
}

function acceptCommit(planPath: string, reply: readonly [number, unknown] | readonly [number, unknown, Record<string, string>] = createdReply(planPath)) {
  return nock(API)
    .put(contents(planPath))
    .reply(...(reply as [number, any]));
}

/** GitHub's answer to a create without `sha` when a file is already at the path. */
const EXISTS_REPLY = [422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.', status: '422' }] as const;

const line = (requests: ReturnType<typeof recordRequests>) => requests.map((r) => `${r.method} ${r.path}`);
const puts = (requests: ReturnType<typeof recordRequests>) => requests.filter((r) => r.method === 'PUT');

let restoreClock: () => void;
beforeAll(() => {
  restoreClock = useClock(() => new Date('2026-11-23T10:15:00Z'));
});
afterAll(() => restoreClock());
beforeEach(() => {
  resetNock();
  // Each test is a fresh process: no branch handled yet.
  forgetHandledBranches();
});

describe('onBranchCreated: which branches', () => {
  it('commits the seed skeleton to a new feature branch in 3 requests: config, template, commit (no existence check)', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    repoConfig();
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md');

    await probot.receive({ id: 'd-create-1', name: 'create', payload: createBranchPayload('001-user-auth') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([
      `GET ${CONFIG}`,
      `GET ${contents(SPEC_KIT)}?ref=001-user-auth`,
      `PUT ${contents('specs/001-user-auth/plan.md')}`,
    ]);
    const body = puts(requests)[0].body as Record<string, unknown>;
    // No author/committer (the installation token makes the app the author), no sha (create only).
    expect(Object.keys(body).sort()).toEqual(['branch', 'content', 'message']);
    expect(body.branch).toBe('001-user-auth');
    expect(body.message).toBe('docs(plan): add plan skeleton for 001-user-auth');
    expect(decodedContent(body)).toBe(expectedSeed('User Auth', '001-user-auth'));
    expect(logs.find((entry) => entry.msg === 'committed the plan skeleton')).toMatchObject({
      deliveryId: 'd-create-1',
      feature: '001-user-auth',
      path: 'specs/001-user-auth/plan.md',
      commitSha: 'commit-sha-1',
      template: 'built-in',
    });
  });

  it('takes the feature id from the last segment of a prefixed branch and commits to the full branch name', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    repoConfig('skeleton:\n  commit_message: "plan({number}): {slug} on {branch} at {path} [{feature}]"\n');
    newBranch('feat/004-search', 'specs/004-search/plan.md');
    acceptCommit('specs/004-search/plan.md');

    await probot.receive({ id: 'd-prefixed', name: 'create', payload: createBranchPayload('feat/004-search') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)[1]).toBe(`GET ${contents(SPEC_KIT)}?ref=feat%2F004-search`);
    expect(puts(requests)).toHaveLength(1);
    expect(puts(requests)[0].body).toMatchObject({
      branch: 'feat/004-search',
      message: 'plan(004): search on feat/004-search at specs/004-search/plan.md [004-search]',
    });
    expect(decodedContent(puts(requests)[0].body)).toBe(expectedSeed('Search', '004-search'));
  });

  it('accepts a timestamp id and renders a monorepo plan path', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    repoConfig('plan:\n  path: apps/web/specs/{feature}/plan.md\n');
    newBranch('20261123-101500-export', 'apps/web/specs/20261123-101500-export/plan.md');
    acceptCommit('apps/web/specs/20261123-101500-export/plan.md');

    await probot.receive({ id: 'd-ts', name: 'create', payload: createBranchPayload('20261123-101500-export') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests).toHaveLength(3);
    expect(puts(requests)[0].body).toMatchObject({
      branch: '20261123-101500-export',
      message: 'docs(plan): add plan skeleton for 20261123-101500-export',
    });
    expect(decodedContent(puts(requests)[0].body)).toBe(expectedSeed('Export', '20261123-101500-export'));
  });

  it('costs only the (conditional) config read for a branch that does not match, and writes nothing', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    nock(API).get(CONFIG).reply(...rawReply('checks:\n  per_gate: true\n', '"cfg-1"'));
    // The second event finds the config unchanged: GitHub answers 304, which is free against the rate limit.
    nock(API, { reqheaders: { 'if-none-match': '"cfg-1"' } }).get(CONFIG).reply(304);

    await probot.receive({ id: 'd-main-ish', name: 'create', payload: createBranchPayload('fix-typo') });
    await probot.receive({ id: 'd-short', name: 'create', payload: createBranchPayload('01-x') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([`GET ${CONFIG}`, `GET ${CONFIG}`]);
    expect(logs.filter((entry) => entry.msg === 'committed the plan skeleton')).toEqual([]);
  });

  it('makes no request at all for tags, pushes that did not create a branch, and the default branch', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    await probot.receive({ id: 'd-tag', name: 'create', payload: createBranchPayload('001-release', 'tag') });
    const tagPush = pushCreatedPayload('refs/tags/001-release');
    await probot.receive({ id: 'd-tag-push', name: 'push', payload: tagPush });
    const laterPush = { ...pushCreatedPayload('refs/heads/001-user-auth'), created: false };
    await probot.receive({ id: 'd-later-push', name: 'push', payload: laterPush });
    const defaultBranch = createBranchPayload('001-main');
    defaultBranch.repository.default_branch = '001-main';
    await probot.receive({ id: 'd-default', name: 'create', payload: defaultBranch });
    expect(requests).toEqual([]);
  });

  it('reads only the config when skeleton.enabled is false', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    repoConfig('skeleton:\n  enabled: false\n');
    await probot.receive({ id: 'd-off', name: 'create', payload: createBranchPayload('001-user-auth') });
    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([`GET ${CONFIG}`]);
  });

  it('uses a configured branch pattern', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    repoConfig('branches:\n  pattern: "^[A-Z]+-\\\\d+-[a-z-]+$"\n');
    newBranch('jira/PROJ-12-login', 'specs/PROJ-12-login/plan.md');
    acceptCommit('specs/PROJ-12-login/plan.md');
    await probot.receive({ id: 'd-jira', name: 'create', payload: createBranchPayload('jira/PROJ-12-login') });
    expect(nock.pendingMocks()).toEqual([]);
    expect(puts(requests)[0].body).toMatchObject({ branch: 'jira/PROJ-12-login', message: 'docs(plan): add plan skeleton for PROJ-12-login' });
  });
});

describe('onBranchCreated: templates', () => {
  it('never overwrites: with a plan already there, the create without sha is refused (422) and nothing is written', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    repoConfig();
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md', EXISTS_REPLY);

    await probot.receive({ id: 'd-exists', name: 'create', payload: createBranchPayload('001-user-auth') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([`GET ${CONFIG}`, `GET ${contents(SPEC_KIT)}?ref=001-user-auth`, `PUT ${contents('specs/001-user-auth/plan.md')}`]);
    // A create, never an update: without `sha` GitHub cannot replace the file that is there.
    expect(Object.keys(puts(requests)[0].body as object)).not.toContain('sha');
    expect(logs.find((entry) => entry.msg === 'plan already exists; nothing to commit')).toMatchObject({ feature: '001-user-auth' });
  });

  it('uses the template configured in plan.template, read from the default branch', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    const template = '# [FEATURE NAME] plan\n\nBranch [###-feature-name], started [DATE]. Spec: [link]\n\n## Summary\n\n[TO FILL]\n';
    repoConfig('plan:\n  template: docs/templates/plan.md\n');
    nock(API)
      .get(contents('docs/templates/plan.md'))
      .query({ ref: 'main' })
      .reply(...fileReply('docs/templates/plan.md', template));
    acceptCommit('specs/001-user-auth/plan.md');

    await probot.receive({ id: 'd-custom', name: 'create', payload: createBranchPayload('001-user-auth') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests).toHaveLength(3);
    expect(decodedContent(puts(requests)[0].body)).toBe(
      '# User Auth plan\n\nBranch 001-user-auth, started 2026-11-23. Spec: [spec.md](./spec.md)\n\n## Summary\n\n[TO FILL]\n',
    );
  });

  it('falls back (with a warning) when the configured template is missing', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    repoConfig('plan:\n  template: docs/templates/plan.md\n');
    nock(API).get(contents('docs/templates/plan.md')).query({ ref: 'main' }).reply(404);
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md');

    await probot.receive({ id: 'd-missing-template', name: 'create', payload: createBranchPayload('001-user-auth') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests).toHaveLength(4);
    expect(decodedContent(puts(requests)[0].body)).toBe(expectedSeed('User Auth', '001-user-auth'));
    expect(logs.find((entry) => /configured plan.template not found/.test(entry.msg))).toMatchObject({
      level: 40,
      template: 'docs/templates/plan.md',
      ref: 'main',
    });
  });

  it("uses spec-kit's .specify/templates/plan-template.md from the new branch", async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    const specKit =
      '# Implementation Plan: [FEATURE]\n\n**Branch**: `[###-feature-name]` | **Date**: [DATE] | **Spec**: [link]\n' +
      '**Input**: Feature specification from `/specs/[###-feature-name]/spec.md`\n\n## Summary\n\n[Extract from feature spec]\n';
    repoConfig();
    nock(API)
      .get(contents(SPEC_KIT))
      .query({ ref: '001-user-auth' })
      .reply(...fileReply(SPEC_KIT, specKit));
    acceptCommit('specs/001-user-auth/plan.md');

    await probot.receive({ id: 'd-spec-kit', name: 'create', payload: createBranchPayload('001-user-auth') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(requests).toHaveLength(3);
    expect(decodedContent(puts(requests)[0].body)).toBe(
      '# Implementation Plan: User Auth\n\n**Branch**: `001-user-auth` | **Date**: 2026-11-23 | **Spec**: [spec.md](./spec.md)\n' +
        '**Input**: Feature specification from `/specs/001-user-auth/spec.md`\n\n## Summary\n\n[Extract from feature spec]\n',
    );
  });
});

describe('onBranchCreated: configuration', () => {
  it("applies org-level settings pulled in with _extends from the org's .github repository", async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    nock(API)
      .get(CONFIG)
      .reply(...rawReply('_extends: .github\nchecks:\n  per_gate: true\n'))
      .get(ORG_CONFIG)
      .reply(...rawReply('plan:\n  path: docs/plans/{feature}.md\nskeleton:\n  commit_message: "chore: plan for {feature} ({path})"\n', '"org"'));
    newBranch('001-user-auth', 'docs/plans/001-user-auth.md');
    acceptCommit('docs/plans/001-user-auth.md');

    await probot.receive({ id: 'd-extends', name: 'create', payload: createBranchPayload('001-user-auth') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([
      `GET ${CONFIG}`,
      `GET ${ORG_CONFIG}`,
      `GET ${contents(SPEC_KIT)}?ref=001-user-auth`,
      `PUT ${contents('docs/plans/001-user-auth.md')}`,
    ]);
    expect(puts(requests)[0].body).toMatchObject({ message: 'chore: plan for 001-user-auth (docs/plans/001-user-auth.md)' });
  });

  it('with no config anywhere uses the defaults in 4 requests: repo config, org config, template, commit', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    nock(API).get(CONFIG).reply(404).get(ORG_CONFIG).reply(404);
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md');
    await probot.receive({ id: 'd-none', name: 'create', payload: createBranchPayload('001-user-auth') });
    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([
      `GET ${CONFIG}`,
      `GET ${ORG_CONFIG}`,
      `GET ${contents(SPEC_KIT)}?ref=001-user-auth`,
      `PUT ${contents('specs/001-user-auth/plan.md')}`,
    ]);
    expect(decodedContent(puts(requests)[0].body)).toBe(expectedSeed('User Auth', '001-user-auth'));
  });

  it('writes nothing when the config is invalid, and logs the problem with its key and line', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    nock(API).get(CONFIG).reply(...rawReply('plan:\n  path: specs/{feature}/plan.md\nskeleton:\n  enabled: "yes"\n', '"bad"'));
    nock(API, { reqheaders: { 'if-none-match': '"bad"' } }).get(CONFIG).reply(304);

    await probot.receive({ id: 'd-bad-config', name: 'create', payload: createBranchPayload('001-user-auth') });

    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([`GET ${CONFIG}`, `GET ${CONFIG}`]);
    expect(logs.find((entry) => /planbot\.yml is invalid/.test(entry.msg))).toMatchObject({
      level: 40,
      deliveryId: 'd-bad-config',
      problems: [
        { file: '.github/planbot.yml', key: 'skeleton.enabled', line: 4, message: 'Invalid input: expected boolean, received string' },
      ],
    });
    expect(logs.find((entry) => /not committing the plan skeleton/.test(entry.msg))).toMatchObject({ feature: '001-user-auth' });
  });
});

describe('onBranchCreated: at most once', () => {
  it('commits nothing new when the same delivery comes again', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    const unmatched = recordUnmatched(nock);
    nock(API).get(CONFIG).reply(...rawReply('skeleton:\n  enabled: true\n', '"c1"'));
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md');
    const delivery = { id: 'd-same', name: 'create' as const, payload: createBranchPayload('001-user-auth') };
    await probot.receive(delivery);
    expect(nock.pendingMocks()).toEqual([]);

    // Whether or not the queue drops the repeated id, this process has handled the branch: no request at all.
    await probot.receive(delivery);

    expect(unmatched).toEqual([]);
    expect(line(requests)).toHaveLength(3);
    expect(puts(requests)).toHaveLength(1);
  });

  it('commits nothing when the same event reaches another replica (or a restarted process): the create is refused with 422', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    repoConfig();
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md', EXISTS_REPLY);
    await probot.receive({ id: 'd-again-2', name: 'create', payload: createBranchPayload('001-user-auth') });
    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([`GET ${CONFIG}`, `GET ${contents(SPEC_KIT)}?ref=001-user-auth`, `PUT ${contents('specs/001-user-auth/plan.md')}`]);
    expect(logs.filter((entry) => entry.msg === 'committed the plan skeleton')).toEqual([]);
  });

  it('commits once for the create + push pair GitHub sends for one new branch', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    nock(API).get(CONFIG).reply(...rawReply('skeleton:\n  enabled: true\n', '"c1"'));
    newBranch('feat/001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md');

    await Promise.all([
      probot.receive({ id: 'd-pair-create', name: 'create', payload: createBranchPayload('feat/001-user-auth') }),
      probot.receive({ id: 'd-pair-push', name: 'push', payload: pushCreatedPayload('refs/heads/feat/001-user-auth') }),
    ]);

    expect(nock.pendingMocks()).toEqual([]);
    // The second of the two (serialised per repository + feature) finds the branch handled by this process: 0 requests.
    expect(line(requests)).toHaveLength(3);
    expect(puts(requests)).toHaveLength(1);
    expect(logs.filter((entry) => entry.msg === 'committed the plan skeleton')).toHaveLength(1);
    expect(logs.filter((entry) => entry.msg === 'skeleton already handled for this branch; nothing to do')).toHaveLength(1);
  });

  it('treats GitHub\'s 422 "sha wasn\'t supplied" (a concurrent delivery won) as "exists"', async () => {
    const { probot, logs } = createTestApp();
    repoConfig();
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md', [422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.', status: '422' }]);
    await probot.receive({ id: 'd-race', name: 'push', payload: pushCreatedPayload('refs/heads/001-user-auth') });
    expect(nock.pendingMocks()).toEqual([]);
    expect(logs.find((entry) => entry.msg === 'plan already exists; nothing to commit')).toMatchObject({ level: 30, deliveryId: 'd-race' });
  });
});

describe('onBranchCreated: when GitHub refuses', () => {
  it.each([
    [404, 'Branch 001-user-auth not found'],
    [409, 'Git Repository is empty.'],
    [422, 'Branch 001-user-auth not found'],
    [403, 'Repository rule violations found\n\nChanges must be made through a pull request.'],
  ])('logs %i with the delivery id, does not throw and does not retry', async (status, message) => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    const unmatched = recordUnmatched(nock);
    repoConfig();
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md', [status, { message }]);

    await expect(probot.receive({ id: `d-refused-${status}`, name: 'create', payload: createBranchPayload('001-user-auth') })).resolves.not.toThrow();

    expect(nock.pendingMocks()).toEqual([]);
    expect(puts(requests)).toHaveLength(1);
    expect(unmatched).toEqual([]);
    expect(logs.find((entry) => /GitHub refused the plan skeleton commit/.test(entry.msg))).toMatchObject({
      level: 40,
      deliveryId: `d-refused-${status}`,
      feature: '001-user-auth',
      status,
      reason: message.replace(/\s+/g, ' '),
    });
  });

  it('rethrows a server error so the queue can retry, after logging it', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    const unmatched = recordUnmatched(nock);
    repoConfig();
    newBranch('001-user-auth', 'specs/001-user-auth/plan.md');
    acceptCommit('specs/001-user-auth/plan.md', [502, { message: 'Bad Gateway' }]);
    await expect(probot.receive({ id: 'd-502', name: 'create', payload: createBranchPayload('001-user-auth') })).rejects.toThrow();
    expect(nock.pendingMocks()).toEqual([]);
    expect(puts(requests)).toHaveLength(1);
    expect(unmatched).toEqual([]);
    expect(logs.find((entry) => /will be retried/.test(entry.msg))).toMatchObject({ level: 50, deliveryId: 'd-502' });
  });
});

describe('onBranchCreated: hostile branch names', () => {
  it.each([
    ['a dot-dot segment (feat/..)', 'feat/..'],
    ['a control character', '001-a\u0007b'],
    ['a bidi override', 'feat/001-\u202euser'],
    ['a 304-byte segment', `001-${'a'.repeat(300)}`],
  ])('ignores a branch with %s, with a log line and no request', async (_label, branch) => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    await probot.receive({ id: 'd-hostile', name: 'create', payload: createBranchPayload(branch) });
    expect(requests).toEqual([]);
    expect(logs.find((entry) => /cannot give a safe plan path/.test(entry.msg))).toMatchObject({ level: 40, deliveryId: 'd-hostile' });
  });

  it('ignores ../../etc even when a permissive pattern and a {branch} path would accept it', async () => {
    const { probot, logs } = createTestApp();
    const requests = recordRequests();
    repoConfig('branches:\n  pattern: ".*"\nplan:\n  path: "plans/{branch}/plan.md"\n');
    await probot.receive({ id: 'd-traversal', name: 'create', payload: createBranchPayload('../../etc') });
    expect(nock.pendingMocks()).toEqual([]);
    expect(line(requests)).toEqual([`GET ${CONFIG}`]);
    expect(logs.find((entry) => /plan path would leave the repository/.test(entry.msg))).toMatchObject({
      level: 40,
      deliveryId: 'd-traversal',
      branch: '../../etc',
    });
  });

  it('ignores a branch whose rendered path would be longer than git allows', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    repoConfig('plan:\n  path: "plans/{branch}/plan.md"\n');
    await probot.receive({ id: 'd-long', name: 'create', payload: createBranchPayload(`${'deep/'.repeat(900)}001-x`) });
    expect(nock.pendingMocks()).toEqual([]);
    expect(puts(requests)).toEqual([]);
    expect(requests).toHaveLength(1);
  });
});
