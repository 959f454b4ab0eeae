// `planbot issues --dry-run --repo --ref`, in-process against the GitHub simulator (no app): which
// plans it picks, what it says when it cannot run, and that it never writes. The real app and the
// real CLI process together: test/cli/issues-dry-run.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { generateAppKeyPair, startSimulator, type GitHubSimulator, type RequestRecord } from '../../tools/sim/index.js';
import { runIssuesCommand } from '../../src/cli/issues-command.js';
import { ReadOnlyViolation, tokenGitHub } from '../../src/github/token-github.js';

const INSTALLATION = 6161;
const where = { owner: 'acme', repo: 'web' };
const PLAN = readFileSync(new URL('../sync/fixtures/plan.md', import.meta.url), 'utf8');
let sim: GitHubSimulator;

beforeAll(async () => {
  sim = await startSimulator();
  sim.registerApp({ appId: 7, publicKeyPem: generateAppKeyPair().publicKeyPem });
  sim.seedRepository({ ...where, installationId: INSTALLATION, files: { 'README.md': '# web\n' } });
  // A feature branch with its plan and an open pull request, and one without a pull request.
  sim.createBranch({ ...where, branch: '001-user-auth', files: { 'specs/001-user-auth/plan.md': PLAN }, as: 'alice' });
  sim.openPullRequest({ ...where, head: '001-user-auth', title: 'User auth', as: 'alice' });
  sim.createBranch({ ...where, branch: '002-billing', files: { 'specs/002-billing/plan.md': PLAN.replaceAll('001-user-auth', '002-billing') }, as: 'bob' });
});
afterAll(async () => sim?.close());

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  requests: RequestRecord[];
}

async function run(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const from = sim.requests.length;
  let stdout = '';
  let stderr = '';
  const code = await runIssuesCommand(
    ['--dry-run', ...args],
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
    { GITHUB_TOKEN: sim.createInstallationToken(INSTALLATION), GITHUB_API_URL: sim.url, ...env },
  );
  return { code, stdout, stderr, requests: sim.requests.slice(from) };
}

const kinds = (stdout: string) =>
  (JSON.parse(stdout) as { actions: Array<Record<string, any>> }).actions.map((action) => `${action.kind} ${action.ref ?? `${action.child ?? action.issue}<${action.parent ?? action.blocker}`}`);

describe('planbot issues --dry-run --ref, in-process', () => {
  it('a feature with no issues yet: every issue and link of a first sync, and no write', async () => {
    const result = await run(['--repo', 'acme/web', '--ref', '001-user-auth', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(kinds(result.stdout)).toEqual(FIRST_SYNC);
    const [first] = JSON.parse(result.stdout).actions;
    // The pull request's author, as `issues.assignees: author` (the default) assigns.
    expect(first).toMatchObject({ kind: 'create-issue', ref: 'phase:0', title: '001-user-auth · Phase 0: Research & Design', assignees: ['alice'], plan: 'specs/001-user-auth/plan.md' });
    expect(result.requests.filter((request) => request.write)).toEqual([]);
    // The pull request's own file list, as the app reads it.
    expect(result.requests.map((request) => request.route)).toContain('GET /repos/{owner}/{repo}/pulls/{pull_number}/files');
  });

  it('a branch without a pull request: the plans it changes against the default branch, and a note saying so', async () => {
    const result = await run(['--repo', 'acme/web', '--ref', '002-billing', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('planbot: 002-billing has no open pull request: showing what the app would do once one is opened (the plans it changes against main)\n');
    expect(kinds(result.stdout)).toEqual(FIRST_SYNC);
    expect(JSON.parse(result.stdout).actions[0]).toMatchObject({ title: '002-billing · Phase 0: Research & Design', assignees: [], plan: 'specs/002-billing/plan.md' });
    expect(result.requests.map((request) => request.route)).toContain('GET /repos/{owner}/{repo}/compare/{basehead+}');
    expect(result.requests.filter((request) => request.write)).toEqual([]);
  });

  it('--plan PATH: that plan alone, also on the default branch (which needs it)', async () => {
    const missing = await run(['--repo', 'acme/web', '--ref', 'main']);
    expect(missing).toMatchObject({ code: 2, stdout: '', stderr: 'planbot: issues: main is the default branch, where the app syncs the plans each push changes; name the plan with --plan PATH\n' });
    const named = await run(['--repo', 'acme/web', '--ref', '001-user-auth', '--plan', 'specs/001-user-auth/plan.md']);
    expect(named.code).toBe(0);
    expect(named.stdout.split('\n').slice(0, 4)).toEqual([
      'Dry run against acme/web at 001-user-auth: nothing was written.',
      '',
      'specs/001-user-auth/plan.md (feature 001-user-auth):',
      '  create issue phase:0 “001-user-auth · Phase 0: Research & Design” [planbot] — Phase 0 has no issue yet',
    ]);
    expect(named.stdout).toMatch(/\n\d+ actions the app would apply now\.\n$/);
    const absent = await run(['--repo', 'acme/web', '--ref', 'main', '--plan', 'specs/009-nothing/plan.md']);
    expect(absent).toMatchObject({ code: 2, stderr: 'planbot: issues: there is no specs/009-nothing/plan.md at main in acme/web\n' });
  });

  it('an invalid .github/planbot.yml: the app would do nothing, and says why', async () => {
    sim.commitFile({ ...where, branch: 'main', path: '.github/planbot.yml', content: 'issues:\n  labels: planbot\n', message: 'config' });
    try {
      const result = await run(['--repo', 'acme/web', '--ref', '001-user-auth', '--json']);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ actions: [] });
      expect(result.stderr).toMatch(/^planbot: \.github\/planbot\.yml is invalid, so the app makes no changes until it is fixed:\n {2}\.github\/planbot\.yml:2:\d+: issues\.labels: /);
      expect(result.requests.filter((request) => request.write)).toEqual([]);

      sim.commitFile({ ...where, branch: 'main', path: '.github/planbot.yml', content: 'issues:\n  enabled: false\n', message: 'sync off' });
      const off = await run(['--repo', 'acme/web', '--ref', '001-user-auth']);
      expect(off).toMatchObject({
        code: 0,
        stdout: 'Dry run against acme/web at 001-user-auth: nothing to do, issue sync is turned off (issues.enabled: false).\n',
        stderr: 'planbot: issue sync is turned off in .github/planbot.yml (issues.enabled: false): the app would do nothing\n',
      });
    } finally {
      sim.commitFile({ ...where, branch: 'main', path: '.github/planbot.yml', content: null, message: 'no config' });
    }
  });

  it('wrong input and refused credentials: one line each, exit 2', async () => {
    expect(await run(['--repo', 'acme/web', '--ref', '001-user-auth'], { GITHUB_TOKEN: 'ghs_not_a_token' })).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'planbot: issues: GitHub refused GITHUB_TOKEN (401: Bad credentials)\n',
    });
    expect(await run(['--repo', 'acme/web', '--ref', 'no-such-branch'])).toMatchObject({ code: 2, stderr: 'planbot: issues: acme/web has no branch no-such-branch\n' });
    expect(await run(['--repo', 'acme/nothing', '--ref', 'main'])).toMatchObject({
      code: 2,
      stderr: 'planbot: issues: acme/nothing or main was not found, or GITHUB_TOKEN cannot read it (404)\n',
    });
    expect(await run(['--repo', 'acme/web', '--ref', '001-user-auth'], { GITHUB_API_URL: 'api.github.com' })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'planbot: issues: GITHUB_API_URL must be a URL like https://api.github.com or https://HOST/api/v3 (got "api.github.com")\n',
      requests: [],
    });
  });

  it('GitHub failing (an exhausted rate limit) is exit 1, at once, in one line', async () => {
    // Two more requests this hour, then 403s.
    const used = 5000 - sim.rateLimitRemaining(INSTALLATION);
    sim.setRateLimit(used + 2);
    try {
      const started = Date.now();
      const result = await run(['--repo', 'acme/web', '--ref', '001-user-auth', '--json']);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('planbot: issues: GitHub answered 403: API rate limit exceeded for installation ID 6161.\n');
      // Not slept until the reset: a person is waiting.
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      sim.setRateLimit(5000);
    }
  });

  it('refuses FILE, offline-only options and --plan without --ref, before any request', async () => {
    expect(await run(['--ref', '001-user-auth', '--repo', 'acme/web', 'plan.md'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'planbot: issues: --ref reads the plans on GitHub; give no FILE (or drop --ref to show a local FILE offline)\n',
      requests: [],
    });
    expect(await run(['--ref', '001-user-auth', '--repo', 'acme/web', '--source', 'tasks', '--bodies'])).toEqual({
      code: 2,
      stdout: '',
      stderr: "planbot: issues: --source, --bodies only apply offline (with a FILE); with --ref the repository's own config and plans are used\n",
      requests: [],
    });
    expect(await run(['--plan', 'specs/001-user-auth/plan.md', 'plan.md'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'planbot: issues: --plan names a plan in the repository and needs --ref; offline, give the plan FILE\n',
      requests: [],
    });
  });
});

describe('the read-only client (src/github/token-github.ts)', () => {
  it('refuses a write before it leaves the process; reads go through', async () => {
    const client = tokenGitHub({ token: sim.createInstallationToken(INSTALLATION), apiBaseUrl: sim.url, readOnly: true });
    const from = sim.requests.length;
    await expect(client.createIssue(where, { title: 'x', body: '', labels: [], assignees: [], milestone: null })).rejects.toBeInstanceOf(ReadOnlyViolation);
    await expect(client.addSubIssue(where, 1, 2)).rejects.toBeInstanceOf(ReadOnlyViolation);
    // A GraphQL mutation is a write too (a board query is not: the board dry run below reads one).
    await expect(client.addProjectItem('PVT_1', 'I_1')).rejects.toBeInstanceOf(ReadOnlyViolation);
    await expect(client.getRepository(where)).resolves.toMatchObject({ default_branch: 'main' });
    expect(sim.requests.slice(from).map((request) => `${request.method} ${request.path}`)).toEqual(['GET /repos/acme/web']);
    expect(client.apiBaseUrl).toBe(sim.url);
  });
});

/** A first sync of the fixture plan (three phases, each depending on the one before). */
const FIRST_SYNC = [
  'create-issue phase:0',
  'create-issue phase:1',
  'create-issue phase:2',
  'create-issue tracking',
  'add-sub-issue phase:0<tracking',
  'add-sub-issue phase:1<tracking',
  'add-sub-issue phase:2<tracking',
  'add-blocked-by phase:1<phase:0',
  'add-blocked-by phase:2<phase:1',
];

// With `projects` configured, the dry run lists the board's changes after the issues' (one board
// read, no mutation). The issues and cards are made first by the app's own sync, in-process.
describe('planbot issues --dry-run with a Project board', () => {
  const board = { owner: 'acme', repo: 'board' };
  const BRANCH = '003-board';
  const PLAN_PATH = 'specs/003-board/plan.md';
  const BOARD_PLAN = PLAN.replaceAll('001-user-auth', '003-board');

  beforeAll(async () => {
    const { buildJob } = await import('../../src/job/build-job.js');
    const { KeyedMutex } = await import('../../src/job/feature-lock.js');
    const { planAnalysisCache } = await import('../../src/plan/analysis-cache.js');
    const { syncFeature } = await import('../../src/sync/sync-feature.js');
    const pino = (await import('pino')).default;
    sim.seedRepository({ ...board, installationId: INSTALLATION, organization: true, files: { '.github/planbot.yml': 'projects:\n  project: { org: acme, number: 5 }\n  fields: { target_date: null, iteration: null }\n' } });
    sim.createProject({ owner: 'acme', number: 5, title: 'Board', installationId: INSTALLATION, ownerType: 'Organization', fields: [{ name: 'Status', dataType: 'SINGLE_SELECT', options: ['Todo', 'In Progress', 'Done'] }, { name: 'Phase', dataType: 'NUMBER' }, { name: 'Feature', dataType: 'TEXT' }] });
    sim.createBranch({ ...board, branch: BRANCH, files: { [PLAN_PATH]: BOARD_PLAN }, as: 'alice' });
    // Seeding only: the app's client without write pacing (the dry run under test is the paced, read-only one).
    const { ProbotOctokit } = await import('probot');
    const { octokitGitHub } = await import('../../src/github/octokit-github.js');
    const github = octokitGitHub(new ProbotOctokit({ auth: { token: sim.createInstallationToken(INSTALLATION) }, baseUrl: sim.url, throttle: { enabled: false } }) as any);
    const job = buildJob({
      delivery: { id: 'board-sync', name: 'push', payload: { repository: { owner: { login: board.owner }, name: board.repo } } },
      github,
      log: pino({ level: 'silent' }),
      identity: { login: async () => null },
      lock: new KeyedMutex(),
      analyses: planAnalysisCache,
    });
    const result = await syncFeature(job, { ...board, feature: BRANCH, planPath: PLAN_PATH, ref: BRANCH, branchForLinks: BRANCH });
    expect(result.board).toMatchObject({ status: 'planned', problems: [], notes: [] });
    // A task of Phase 1 is ticked in the plan since: the dry run shows its card moving.
    sim.commitFile({ ...board, branch: BRANCH, path: PLAN_PATH, content: BOARD_PLAN.replace('- [ ] Set up project structure', '- [x] Set up project structure'), message: 'tick', as: 'alice' });
    sim.openPullRequest({ ...board, head: BRANCH, title: 'Board', as: 'alice' });
  });

  it('lists the card changes after the issue changes, in text and in JSON, and writes nothing', async () => {
    const phase1 = sim.issues(board).find((issue) => issue.title.includes('Phase 1'))!;
    const text = await run(['--repo', 'acme/board', '--ref', BRANCH]);
    expect({ code: text.code, stderr: text.stderr }).toEqual({ code: 0, stderr: '' });
    expect(text.stdout).toContain(`  Project board:\n    set status of #${phase1.number}'s card to In Progress\n`);
    const json = await run(['--repo', 'acme/board', '--ref', BRANCH, '--json']);
    const actions = JSON.parse(json.stdout).actions as Array<Record<string, unknown>>;
    expect(actions.filter((action) => String(action.kind).includes('project'))).toEqual([
      { kind: 'set-project-field', issue: phase1.number, field: 'status', value: 'In Progress', itemId: expect.any(String), reason: `set status of #${phase1.number}'s card to In Progress`, plan: PLAN_PATH },
    ]);
    // The issue changes come first.
    expect(actions[0].kind).not.toBe('set-project-field');
    for (const result of [text, json]) {
      expect(result.requests.filter((request) => request.write)).toEqual([]);
      expect(result.requests.filter((request) => request.graphql).map((request) => request.graphql!.operation)).toEqual(['query']);
    }
  });
});
