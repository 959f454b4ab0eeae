// `planbot issues --dry-run --repo --ref` against the GitHub simulator: the real app (src/main.ts, a
// child process) syncs a feature, then the real CLI (src/cli/main.ts, a child process) is asked
// what the app would do now. Its answer must be what the app then does, and the CLI must write nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RequestRecord, SimEvent } from '../../tools/sim/index.js';
import { freePort } from '../../tools/sim/app-process.js';
import { killAppProcess, REPO_ROOT, type AppProcess } from '../helpers/app-process.js';
import { OWNER, REPO, simulatedGitHub, type SimulatedGitHub } from '../helpers/simulated-app.js';

const exec = promisify(execFile);
const INSTALLATION = 5151;
const BRANCH = '001-user-auth';
const PLAN_PATH = `specs/${BRANCH}/plan.md`;
const PLAN = readFileSync(new URL('../sync/fixtures/plan.md', import.meta.url), 'utf8');
/** A person adds a phase after the app synced the feature. */
const PLAN_WITH_PHASE_3 = PLAN.replace(
  '## Quality Gates',
  '### Phase 3: Hardening\n**Duration**: 2 days\n**Dependencies**: Phase 2\n\n- [ ] Add rate limiting\n- [ ] Write the runbook\n\n## Quality Gates',
);
const where = { owner: OWNER, repo: REPO };

let github: SimulatedGitHub;
let app: AppProcess | undefined;
let cwd: string;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** What the simulator was asked meanwhile. */
  requests: RequestRecord[];
}

/** The CLI as a person runs it, in a directory that is no git checkout, with exactly `env`. */
async function cli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const from = github.sim.requests.length;
  const tsx = join(REPO_ROOT, 'node_modules/.bin/tsx');
  const result = await exec(tsx, [join(REPO_ROOT, 'src/cli/main.ts'), 'issues', ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (failure: { code: number; stdout: string; stderr: string }) => ({ code: failure.code, stdout: failure.stdout, stderr: failure.stderr }),
  );
  return { ...result, requests: github.sim.requests.slice(from) };
}

const token = () => github.sim.createInstallationToken(INSTALLATION);
const dryRun = (env: Record<string, string> = {}) =>
  cli(['--dry-run', '--repo', `${OWNER}/${REPO}`, '--ref', BRANCH, '--json'], { GITHUB_TOKEN: token(), GITHUB_API_URL: github.sim.url, ...env });

/** Delivers one of the simulator's webhooks to the app and waits until its job is done. */
async function deliver(event: SimEvent): Promise<RequestRecord[]> {
  const from = github.sim.requests.length;
  expect((await github.deliver(app!, event)).status).toBe(200);
  await app!.waitForLog((line) => line.msg === 'job completed' && line.deliveryId === event.id, 60_000);
  return github.sim.requests.slice(from);
}

function lastEvent(name: string, action?: string): SimEvent {
  const event = github.events.filter((candidate) => candidate.name === name && (action === undefined || candidate.payload.action === action)).at(-1);
  if (!event) throw new Error(`the simulator sent no ${name}${action ? `.${action}` : ''}`);
  return event;
}

const writesOf = (requests: RequestRecord[]) => requests.filter((request) => request.write);
const phaseIssue = (title: RegExp) => github.sim.issues(where).find((issue) => title.test(issue.title))!;

beforeAll(async () => {
  cwd = mkdtempSync(join(tmpdir(), 'planbot-dry-run-'));
  github = await simulatedGitHub({ installationId: INSTALLATION });
  github.sim.setPermission({ ...where, user: 'alice', permission: 'write' });
  app = await github.startApp();
  // A person pushes the feature branch with its plan and opens the pull request: the app syncs the issues.
  github.sim.createBranch({ ...where, branch: BRANCH, files: { [PLAN_PATH]: PLAN }, message: 'docs(plan): user auth', as: 'alice' });
  github.sim.openPullRequest({ ...where, head: BRANCH, title: 'User auth', as: 'alice' });
  await deliver(lastEvent('pull_request', 'opened'));
}, 120_000);

afterAll(async () => {
  await killAppProcess(app);
  await github?.sim.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe('planbot issues --dry-run --repo --ref (against GitHub)', () => {
  it('says nothing is to be done for a feature the app has synced, and writes nothing', async () => {
    // The app did sync: a tracking issue and one issue per phase.
    expect(github.sim.issues(where).map((issue) => issue.title).sort()).toEqual([
      '001-user-auth · Phase 0: Research & Design',
      '001-user-auth · Phase 1: Foundation',
      '001-user-auth · Phase 2: Core Implementation',
      '001-user-auth: implementation plan',
    ]);

    const run = await dryRun();
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ actions: [] });
    // It read the repository (config, plan, issues, relations) and wrote nothing.
    expect(run.requests.length).toBeGreaterThan(3);
    expect(run.requests.map((request) => request.route)).toEqual(expect.arrayContaining(['GET /repos/{owner}/{repo}/issues']));
    expect(writesOf(run.requests)).toEqual([]);

    const text = await cli(['--dry-run', '--repo', `${OWNER}/${REPO}`, '--ref', BRANCH], { GITHUB_TOKEN: token(), GITHUB_API_URL: github.sim.url });
    expect(text.code).toBe(0);
    expect(text.stdout).toBe(
      [
        `Dry run against ${OWNER}/${REPO} at ${BRANCH}: nothing was written.`,
        '',
        `${PLAN_PATH} (feature ${BRANCH}):`,
        '  nothing to do: the issues match the plan',
        '',
        'Nothing to do.',
        '',
      ].join('\n'),
    );
    expect(writesOf(text.requests)).toEqual([]);
  }, 60_000);

  it('after a person adds a phase, lists exactly the issue to create and its links; the app then does exactly that', async () => {
    github.sim.commitFile({ ...where, branch: BRANCH, path: PLAN_PATH, content: PLAN_WITH_PHASE_3, message: 'docs(plan): add a hardening phase', as: 'alice' });
    const tracking = phaseIssue(/implementation plan$/);
    const phase2 = phaseIssue(/Phase 2:/);

    const run = await dryRun();
    expect(run.code).toBe(0);
    expect(writesOf(run.requests)).toEqual([]);
    const { actions } = JSON.parse(run.stdout) as { actions: Array<Record<string, any>> };
    expect(actions.map((action) => [action.kind, action.ref ?? action.child ?? action.issue, action.number ?? null])).toEqual([
      ['create-issue', 'phase:3', null],
      ['update-issue', 'tracking', tracking.number],
      ['add-sub-issue', 'phase:3', null],
      ['add-blocked-by', 'phase:3', null],
    ]);
    expect(actions[0]).toMatchObject({ kind: 'create-issue', title: '001-user-auth · Phase 3: Hardening', labels: ['planbot'], assignees: ['alice'], plan: PLAN_PATH });
    expect(actions[0].body).toContain('- [ ] Add rate limiting');
    expect(actions[3]).toMatchObject({ kind: 'add-blocked-by', issue: 'phase:3', blocker: 'phase:2' });

    // The app, given the push's pull_request.synchronize, makes exactly those writes.
    const writes = writesOf(await deliver(lastEvent('pull_request', 'synchronize')));
    const issueWrites = writes.map((request) => request.route).filter((route) => route !== null && route.includes('/issues'));
    expect(issueWrites).toEqual([
      'POST /repos/{owner}/{repo}/issues',
      'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues',
      'POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by',
    ]);
    const phase3 = phaseIssue(/Phase 3: Hardening/);
    expect(github.sim.issue({ ...where, number: tracking.number })!.subIssues).toContain(phase3.id);
    expect(github.sim.issue({ ...where, number: phase3.number })!.blockedBy).toEqual([phase2.id]);

    expect(JSON.parse((await dryRun()).stdout)).toEqual({ actions: [] });
  }, 90_000);

  it('talks to GitHub Enterprise Server at GITHUB_API_URL (https://HOST/api/v3)', async () => {
    // A proxy in front of the simulator records the paths exactly as the CLI sent them.
    const paths: string[] = [];
    const target = new URL(github.sim.url);
    const proxy: Server = createServer((incoming, outgoing) => {
      paths.push(incoming.url ?? '');
      const forward = httpRequest({ host: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      incoming.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const run = await dryRun({ GITHUB_API_URL: `http://${host}/api/v3` });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ actions: [] });
      expect(paths.length).toBeGreaterThan(3);
      expect(paths.every((path) => path.startsWith('/api/v3/repos/acme/'))).toBe(true);
      expect(paths).toContain('/api/v3/repos/acme/web/issues?labels=planbot&state=all&per_page=100');
      expect(writesOf(run.requests)).toEqual([]);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 60_000);

  it('without GITHUB_TOKEN: one line, exit 2, no request', async () => {
    const run = await cli(['--dry-run', '--repo', `${OWNER}/${REPO}`, '--ref', BRANCH, '--json'], { GITHUB_API_URL: github.sim.url });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: "planbot: issues: set GITHUB_TOKEN to a token that can read the repository's contents, issues and pull requests\n",
      requests: [],
    });
  }, 60_000);

  it('GitHub unreachable: one line, exit 1', async () => {
    // As a process: the message is Node's own (under Jest, nock's fetch interceptor words it differently).
    const closed = `http://127.0.0.1:${await freePort()}`;
    const run = await dryRun({ GITHUB_API_URL: closed });
    expect(run).toEqual({ code: 1, stdout: '', stderr: `planbot: issues: could not reach GitHub at ${closed}: connect ECONNREFUSED ${closed.slice('http://'.length)}\n`, requests: [] });
  }, 60_000);
});
