import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import type { Context } from 'probot';
import type { Logger } from 'pino';
import { loadConfig, CONFIG_PATH } from '../../src/config/load.js';
import { defaultConfig } from '../../src/config/schema.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';
import { octokitGitHub } from '../../src/github/octokit-github.js';
import { recordUnmatched } from '../helpers/github-contents.js';

const REPO_CONFIG = '/repos/acme/web/contents/.github%2Fplanbot.yml';
const ORG_CONFIG = '/repos/acme/.github/contents/.github%2Fplanbot.yml';
const RAW = 'application/vnd.github.v3.raw';

/** Loads through the GitHub boundary over the context's client (the config plugin's own requests). */
const load = (context: Context) => loadConfig(octokitGitHub(context.octokit), { owner: 'acme', repo: 'web' }, context.log as unknown as Logger);

const yaml = (text: string, etag = '"v1"') =>
  [200, text, { 'content-type': 'text/plain; charset=utf-8', etag }] as const;

/** Answers the error-case re-read from the ETag cache, as GitHub does when the file is unchanged. */
function rereadAnswered304(path: string, etag = '"v1"') {
  return nock('https://api.github.com', { reqheaders: { 'if-none-match': etag, accept: RAW } }).get(path).reply(304);
}

describe('loadConfig', () => {
  beforeEach(resetNock);

  it('gives all defaults and no problems when neither the repository nor the org has a file', async () => {
    const requests = recordRequests();
    nock('https://api.github.com').get(REPO_CONFIG).reply(404).get(ORG_CONFIG).reply(404);
    const { context } = await createTestContext();

    await expect(load(context)).resolves.toEqual({ config: defaultConfig(), problems: [] });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${REPO_CONFIG}`, `GET ${ORG_CONFIG}`]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('validates a file from the default branch and fills in defaults, in one request', async () => {
    const requests = recordRequests();
    nock('https://api.github.com', { reqheaders: { accept: RAW } })
      .get(REPO_CONFIG)
      .reply(...yaml('checks:\n  per_gate: true\nissues:\n  labels: [plan, web]\nplan:\n  path: apps/web/specs/{feature}/plan.md\n'));
    const { context } = await createTestContext();

    const { config, problems } = await load(context);
    expect(problems).toEqual([]);
    const expected = defaultConfig();
    expected.checks.per_gate = true;
    expected.issues.labels = ['plan', 'web'];
    expected.plan.path = 'apps/web/specs/{feature}/plan.md';
    expect(config).toEqual(expected);
    expect(requests).toHaveLength(1);
    // No ref: Probot reads the default branch, never the pushed branch or a pull request's head.
    expect(requests[0].path).toBe(REPO_CONFIG);
  });

  it('loads once per job, however many features ask', async () => {
    const requests = recordRequests();
    nock('https://api.github.com').get(REPO_CONFIG).reply(...yaml('checks:\n  enabled: false\n'));
    const { context } = await createTestContext();
    const job = jobFromContext(context);
    const [first, second] = await Promise.all([job.config(), job.config()]);
    expect(second).toBe(first);
    expect(first.config.checks.enabled).toBe(false);
    expect(requests).toHaveLength(1);
  });

  it('reports an unknown key with its line, column and the nearest allowed key, using a conditional re-read', async () => {
    const requests = recordRequests();
    const text = '# planbot\nchecks:\n  enabled: true\n  per_gates: true\nskeleton:\n  enabled: false\n';
    nock('https://api.github.com').get(REPO_CONFIG).reply(...yaml(text));
    rereadAnswered304(REPO_CONFIG);
    const { context, logs } = await createTestContext();

    const result = await load(context);
    expect(result.problems).toEqual([
      {
        file: CONFIG_PATH,
        key: 'checks.per_gates',
        line: 4,
        column: 3,
        message: 'unknown key "per_gates"; did you mean `per_gate`?',
      },
    ]);
    // Invalid config means defaults for everyone (and no writes by the callers), not a half-applied file.
    expect(result.config).toEqual(defaultConfig());
    expect(requests.map((r) => r.path)).toEqual([REPO_CONFIG, REPO_CONFIG]);
    expect(nock.pendingMocks()).toEqual([]);
    const warning = logs.find((line) => /planbot\.yml is invalid/.test(line.msg));
    expect(warning).toMatchObject({ level: 40, deliveryId: 'delivery-1', problems: result.problems });
  });

  it('reports wrong types with the line of each key, sorted by line', async () => {
    const text = [
      'issues:',
      '  labels: planbot', // line 2: not a list
      '  assignees:',
      '    - alice',
      '    - 42', // line 5: not a string
      '  milestone: -3', // line 6
      'branches:',
      '  pattern: "(unclosed"', // line 8
      'unknown_top: 1', // line 9
    ].join('\n');
    nock('https://api.github.com').get(REPO_CONFIG).reply(...yaml(text));
    rereadAnswered304(REPO_CONFIG);
    const { context } = await createTestContext();

    const { problems } = await load(context);
    expect(problems.map(({ key, line, column }) => [key, line, column])).toEqual([
      ['issues.labels', 2, 3],
      ['issues.assignees', 3, 3],
      ['issues.milestone', 6, 3],
      ['branches.pattern', 8, 3],
      ['unknown_top', 9, 1],
    ]);
    // Nothing near "unknown_top": the allowed keys instead of a far-fetched guess.
    expect(problems.find((p) => p.key === 'unknown_top')?.message).toMatch(/^unknown key "unknown_top"; allowed here: .*issues/);
    expect(problems.find((p) => p.key === 'issues.labels')?.message).toMatch(/expected array, received string/);
    expect(problems.find((p) => p.key === 'branches.pattern')?.message).toBe('is not a valid regular expression');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('points at the list item that is wrong', async () => {
    nock('https://api.github.com').get(REPO_CONFIG).reply(...yaml('gates:\n  required_sections:\n    - Summary\n    - ""\n'));
    rereadAnswered304(REPO_CONFIG);
    const { context } = await createTestContext();
    const { problems } = await load(context);
    expect(problems).toEqual([
      { file: CONFIG_PATH, key: 'gates.required_sections.1', line: 4, column: 7, message: expect.stringMatching(/>=1 character/) },
    ]);
  });

  it('turns a YAML syntax error into a problem with its line, without an extra request or a throw', async () => {
    const requests = recordRequests();
    nock('https://api.github.com').get(REPO_CONFIG).reply(...yaml('checks:\n  per_gate: true\nissues: labels: x\n'));
    const { context } = await createTestContext();

    const { config, problems } = await load(context);
    expect(config).toEqual(defaultConfig());
    expect(problems).toEqual([
      {
        file: CONFIG_PATH,
        key: '',
        line: 3,
        column: 9,
        // No dangling "at line 3, column 9:" tail: line and column are fields of their own.
        message: 'invalid YAML: Nested mappings are not allowed in compact mappings',
      },
    ]);
    expect(requests).toHaveLength(1);
  });

  it('reports a duplicate key as a YAML error on the second occurrence', async () => {
    nock('https://api.github.com').get(REPO_CONFIG).reply(...yaml('checks:\n  enabled: true\nchecks:\n  enabled: false\n'));
    const { context } = await createTestContext();
    const { problems } = await load(context);
    expect(problems).toEqual([
      { file: CONFIG_PATH, key: '', line: 3, column: 1, message: 'invalid YAML: Map keys must be unique' },
    ]);
  });

  it('refuses a file whose top level is a list', async () => {
    const requests = recordRequests();
    nock('https://api.github.com').get(REPO_CONFIG).reply(...yaml('- checks\n- issues\n'));
    const { context } = await createTestContext();
    const { problems } = await load(context);
    expect(problems).toEqual([{ file: CONFIG_PATH, key: '', line: 1, column: null, message: expect.stringMatching(/must be a mapping/) }]);
    expect(requests).toHaveLength(1);
  });

  it("falls back to the org's .github repository and names that file in problems", async () => {
    nock('https://api.github.com')
      .get(REPO_CONFIG)
      .reply(404)
      .get(ORG_CONFIG)
      .reply(...yaml('skeleton:\n  enabled: false\n'));
    const { context } = await createTestContext();
    const { config, problems } = await load(context);
    expect(problems).toEqual([]);
    expect(config.skeleton.enabled).toBe(false);
    expect(config.checks).toEqual(defaultConfig().checks);

    resetNock();
    nock('https://api.github.com')
      .get(REPO_CONFIG)
      .reply(404)
      .get(ORG_CONFIG)
      .reply(...yaml('skeleton:\n  enabled: nope\n', '"org1"'));
    rereadAnswered304(ORG_CONFIG, '"org1"');
    const second = await createTestContext();
    expect((await load(second.context)).problems).toEqual([
      {
        file: 'acme/.github:.github/planbot.yml',
        key: 'skeleton.enabled',
        line: 2,
        column: 3,
        message: 'Invalid input: expected boolean, received string',
      },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('merges `_extends` layers: the repository wins key by key, and its lists replace inherited ones', async () => {
    const requests = recordRequests();
    nock('https://api.github.com')
      .get(REPO_CONFIG)
      .reply(...yaml('_extends: .github\nchecks:\n  per_gate: true\nissues:\n  labels: [web]\n'))
      .get(ORG_CONFIG)
      .reply(...yaml('checks:\n  enabled: false\nissues:\n  labels: [org-a, org-b]\n  milestone: 4\n'));
    const { context } = await createTestContext();

    const { config, problems } = await load(context);
    expect(problems).toEqual([]);
    expect(config.checks).toEqual({ ...defaultConfig().checks, enabled: false, per_gate: true });
    expect(config.issues).toEqual({ ...defaultConfig().issues, labels: ['web'], milestone: 4 });
    expect(requests.map((r) => r.path)).toEqual([REPO_CONFIG, ORG_CONFIG]);
  });

  it('follows `_extends` to another owner and path, and blames the file that holds a bad key', async () => {
    const shared = '/repos/platform/shared/contents/configs%2Fplanbot.yml';
    nock('https://api.github.com')
      .get(REPO_CONFIG)
      .reply(...yaml('_extends: platform/shared:configs/planbot.yml\nskeleton:\n  enabled: true\n'))
      .get(shared)
      .reply(...yaml('# shared\nskeleton:\n  commit_message: ""\n', '"s1"'));
    rereadAnswered304(shared, '"s1"');
    const { context } = await createTestContext();
    const { problems } = await load(context);
    expect(problems).toEqual([
      {
        file: 'platform/shared:configs/planbot.yml',
        key: 'skeleton.commit_message',
        line: 3,
        column: 3,
        message: expect.stringMatching(/>=1 character/),
      },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('reports an invalid `_extends` value on its line', async () => {
    nock('https://api.github.com').get(REPO_CONFIG).reply(...yaml('checks:\n  enabled: true\n_extends: "not a repo!"\n'));
    rereadAnswered304(REPO_CONFIG);
    const { context } = await createTestContext();
    const { problems } = await load(context);
    expect(problems).toEqual([
      {
        file: CONFIG_PATH,
        key: '_extends',
        line: 3,
        column: 1,
        message: '_extends is "not a repo!"; expected "repo", "owner/repo" or "owner/repo:path/to/file.yml"',
      },
    ]);
  });

  it('reports an `_extends` loop instead of following it forever', async () => {
    const a = '/repos/acme/a/contents/.github%2Fplanbot.yml';
    nock('https://api.github.com')
      .get(REPO_CONFIG)
      .reply(...yaml('_extends: a\n'))
      .get(a)
      .reply(...yaml('_extends: a\n', '"a1"'));
    rereadAnswered304(a, '"a1"');
    const { context } = await createTestContext();
    const { problems } = await load(context);
    expect(problems).toEqual([
      { file: 'acme/a:.github/planbot.yml', key: '_extends', line: 1, column: 1, message: expect.stringMatching(/loop/) },
    ]);
  });

  it('keeps the problems (without a line) when the re-read for lines fails', async () => {
    nock('https://api.github.com')
      .get(REPO_CONFIG)
      .reply(...yaml('checks:\n  per_gates: true\n'))
      .get(REPO_CONFIG)
      .reply(502);
    const { context } = await createTestContext();
    const { problems } = await load(context);
    expect(problems).toEqual([{ file: CONFIG_PATH, key: 'checks.per_gates', line: null, column: null, message: expect.any(String) }]);
  });

  it('rethrows HTTP failures (not the file\'s fault) so the queue can retry the delivery', async () => {
    const requests = recordRequests();
    const unmatched = recordUnmatched(nock);
    nock('https://api.github.com').get(REPO_CONFIG).reply(503, { message: 'Service Unavailable' });
    const { context, logs } = await createTestContext();
    await expect(load(context)).rejects.toMatchObject({ status: 503 });
    expect(requests).toHaveLength(1);
    expect(unmatched).toEqual([]);
    expect(logs.filter((line) => /is invalid/.test(line.msg))).toEqual([]);
  });
});
