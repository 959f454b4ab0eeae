// The story planbot is built for, replayable against the simulator: a feature branch is pushed,
// a PR is opened, the plan is filled in, a box is ticked in an issue, and GitHub redelivers
// everything. The e2e tests assert on each step; `npm run demo` narrates it.
import { HANDLED_EVENTS } from '../../src/app/events.js';
import { startAppProcess, type AppProcess } from '../sim/app-process.js';
import { waitForIdle, type IdleReport } from '../sim/idle.js';
import { generateAppKeyPair, startSimulator, type Commit, type FaultOptions, type GitHubSimulator, type RequestRecord, type SimCheckRun, type SimIssue, type FieldSpec } from '../sim/index.js';
import { WebhookRelay } from '../sim/relay.js';

export const SCENARIO = {
  owner: 'acme',
  repo: 'web',
  installationId: 4242,
  appId: 31337,
  author: 'alice',
  reviewer: 'bob',
  branch: '001-user-auth',
  planPath: 'specs/001-user-auth/plan.md',
  pullTitle: 'User authentication',
  planChecks: ['planbot / plan', 'planbot / quality gates'],
} as const;

const where = { owner: SCENARIO.owner, repo: SCENARIO.repo };

/** What the repository holds before the story starts. */
export const SEED_FILES: Record<string, string> = {
  'README.md': '# acme/web\n\nThe storefront.\n',
  '.github/planbot.yml': '# planbot settings for acme/web (defaults spelled out)\nissues:\n  labels: [planbot]\n',
  'package.json': '{ "name": "web", "private": true }\n',
};

/** A Project board (organisation Project #1 of acme) with the fields planbot keeps: `startWorld({ board: true })`. */
export const BOARD = {
  number: 1,
  title: 'acme roadmap',
  config: 'projects:\n  project: { org: acme, number: 1 }\n',
  fields: [
    { name: 'Status', dataType: 'SINGLE_SELECT', options: ['Todo', 'In Progress', 'Done'] },
    { name: 'Phase', dataType: 'NUMBER' },
    { name: 'Feature', dataType: 'TEXT' },
    { name: 'Target date', dataType: 'DATE' },
    { name: 'Iteration', dataType: 'ITERATION', iterations: [{ title: 'Sprint 12', startDate: '2026-11-23', duration: 14 }] },
  ] satisfies FieldSpec[],
} as const;

/** The plan once the team has written it: no placeholders, every gate passed, Phase 0 done, Phase 1 started. */
export const FILLED_PLAN = `# Implementation Plan: User Auth

**Branch**: \`001-user-auth\` | **Date**: 2026-11-24 | **Spec**: [spec.md](./spec.md)

## Summary

Email and password sign-in with sessions stored server-side, plus password reset by email.

## Technical Context

### Tech Stack
| Component | Technology | Version |
|-----------|------------|---------|
| Language | TypeScript | 5.9 |
| Framework | Fastify | 5 |
| Database | PostgreSQL | 16 |
| Testing | Vitest | 3 |

### Architecture Overview

\`\`\`
┌─────────────┐    ┌─────────────┐    ┌─────────────┐
│   Browser   │───▶│  Auth API   │───▶│  Postgres   │
└─────────────┘    └─────────────┘    └─────────────┘
\`\`\`

---

## Project Structure

\`\`\`text
src/auth/
├── routes.ts
├── sessions.ts
└── passwords.ts
tests/auth/
\`\`\`

---

## Implementation Phases

### Phase 0: Research & Design
**Duration**: 2 days
**Output**: research.md, data-model.md

- [x] Compare session storage options
- [x] Choose a password hashing scheme
- [x] Design the users and sessions tables

### Phase 1: Foundation
**Duration**: 3 days
**Dependencies**: Phase 0

- [x] Create the users and sessions migrations
- [ ] Add the password hashing module
- [ ] Wire the session middleware

### Phase 2: Core Implementation
**Duration**: 5 days
**Dependencies**: Phase 1

- [ ] Sign-up and sign-in endpoints
- [ ] Password reset by email
- [ ] Rate-limit failed sign-ins

### Phase 3: Integration & Polish
**Duration**: 2 days
**Dependencies**: Phase 2

- [ ] End-to-end tests for every flow
- [ ] Document the auth API

---

## Quality Gates

| Gate | Criteria | Status |
|------|----------|--------|
| Code Review | All PRs reviewed | ✅ |
| Unit Tests | >80% coverage | ✅ |
| Integration Tests | All scenarios pass | ✅ |
| Documentation | README updated | ✅ |

---

## Risks & Mitigations

| Risk | Probability | Impact | Mitigation |
|------|-------------|--------|------------|
| Credential stuffing | Medium | High | Rate limits and lockout after repeated failures |

---

## Technical Decisions

| Decision | Options Considered | Choice | Rationale |
|----------|-------------------|--------|-----------|
| Sessions | JWT, server-side | Server-side | Revocable at once |

---

## Dependencies

| Dependency | Version | Purpose | Notes |
|------------|---------|---------|-------|
| argon2 | 0.41 | Password hashing | Native module |

---

## Notes

Password reset links expire after 30 minutes.
`;

export interface World {
  simulator: GitHubSimulator;
  app: AppProcess;
  relay: WebhookRelay;
  /** Waits until the app has finished reacting to everything delivered so far. */
  settle(): Promise<IdleReport>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** The checkout whose dist/main.js runs. Default: the current directory. */
  projectDir?: string;
  faults?: FaultOptions;
  /** Check every request against GitHub's OpenAPI description. Default true. */
  validateRequests?: boolean;
  /** Extra environment for the app process. */
  env?: Record<string, string>;
  /** How long settle() may wait. Default 60 s. */
  settleTimeoutMs?: number;
  /** Also a Project board (BOARD), named in the seeded `.github/planbot.yml`. Default false. */
  board?: boolean;
}

/** Starts the simulator with the seeded repository and the real app, wired together. */
export async function startWorld(options: WorldOptions = {}): Promise<World> {
  const keys = generateAppKeyPair();
  const secret = `e2e-${Math.random().toString(36).slice(2)}`;
  const simulator = await startSimulator({ validateRequests: options.validateRequests ?? true });
  let app: AppProcess | null = null;
  try {
    simulator.registerApp({ appId: SCENARIO.appId, publicKeyPem: keys.publicKeyPem, slug: 'planbot' });
    const files = options.board ? { ...SEED_FILES, '.github/planbot.yml': SEED_FILES['.github/planbot.yml'] + BOARD.config } : SEED_FILES;
    simulator.seedRepository({ ...where, installationId: SCENARIO.installationId, files, organization: true });
    if (options.board) simulator.createProject({ owner: SCENARIO.owner, number: BOARD.number, title: BOARD.title, fields: BOARD.fields.map((field) => ({ ...field })) as FieldSpec[] });
    simulator.setPermission({ ...where, user: SCENARIO.author, permission: 'write' });
    simulator.setPermission({ ...where, user: SCENARIO.reviewer, permission: 'write' });
    app = await startAppProcess({
      gheHost: simulator.host,
      appId: SCENARIO.appId,
      privateKeyPem: keys.privateKeyPem,
      webhookSecret: secret,
      projectDir: options.projectDir,
      env: options.env,
    });
  } catch (error) {
    await simulator.close();
    throw error;
  }
  // Faults start once the app is up: startup itself is not what is being tested.
  if (options.faults) simulator.setFaults(options.faults);
  const relay = new WebhookRelay(simulator, { url: app.webhookUrl, secret, events: HANDLED_EVENTS });
  const running = app;
  return {
    simulator,
    app: running,
    relay,
    settle: () => waitForIdle({ simulator, relay, appUrl: running.url, timeoutMs: options.settleTimeoutMs }),
    async close() {
      relay.stop();
      await running.stop();
      await simulator.close();
    },
  };
}

// ---- the steps ---------------------------------------------------------------------------

/** Runs one step's action, waits for the app to settle, and returns the requests it made meanwhile. */
async function step(world: World, act: () => void): Promise<{ settled: IdleReport; requests: RequestRecord[] }> {
  const from = world.simulator.requests.length;
  act();
  const settled = await world.settle();
  return { settled, requests: world.simulator.requests.slice(from) };
}

export interface BranchStep {
  /** The API requests the app made during the step. */
  requests: RequestRecord[];
  branch: string;
  planPath: string;
  /** The plan on the branch after planbot reacted, or null if it wrote none. */
  plan: string | null;
  /** Commits on the branch that the branch push did not bring (planbot's), newest first. */
  commitsByApp: Commit[];
  settled: IdleReport;
}

/** 1. A person pushes a new feature branch; planbot commits the plan skeleton. */
export async function pushFeatureBranch(world: World): Promise<BranchStep> {
  let sha = '';
  const { settled, requests } = await step(world, () => {
    sha = world.simulator.createBranch({ ...where, branch: SCENARIO.branch, as: SCENARIO.author }).sha;
  });
  const history = world.simulator.commits({ ...where, branch: SCENARIO.branch });
  const pushedAt = history.findIndex((commit) => commit.sha === sha);
  return {
    branch: SCENARIO.branch,
    planPath: SCENARIO.planPath,
    plan: world.simulator.readFile({ ...where, path: SCENARIO.planPath, ref: SCENARIO.branch }),
    commitsByApp: history.slice(0, pushedAt === -1 ? 0 : pushedAt),
    settled,
    requests,
  };
}

export interface PullStep {
  /** The API requests the app made during the step. */
  requests: RequestRecord[];
  number: number;
  headSha: string;
  /** The latest run of each check on the PR's head, by name. */
  checks: Map<string, SimCheckRun>;
  settled: IdleReport;
}

/** 2. The author opens a pull request; planbot posts its checks on the head. */
export async function openPullRequest(world: World): Promise<PullStep> {
  let number = 0;
  const { settled, requests } = await step(world, () => {
    number = world.simulator.openPullRequest({ ...where, head: SCENARIO.branch, title: SCENARIO.pullTitle, body: 'Adds sign-in. Plan in specs/001-user-auth/plan.md.', as: SCENARIO.author }).number;
  });
  const headSha = world.simulator.branchSha({ ...where, branch: SCENARIO.branch })!;
  return { number, headSha, checks: latestChecks(world.simulator, headSha), settled, requests };
}

export interface PlanStep {
  /** The API requests the app made during the step. */
  requests: RequestRecord[];
  headSha: string;
  checks: Map<string, SimCheckRun>;
  issues: SimIssue[];
  settled: IdleReport;
}

/** 3. The author fills in the plan, ticks the tasks already done, and pushes; planbot syncs issues and re-checks. */
export async function pushFilledPlan(world: World): Promise<PlanStep> {
  const { settled, requests } = await step(world, () => {
    world.simulator.commitFile({ ...where, branch: SCENARIO.branch, path: SCENARIO.planPath, content: FILLED_PLAN, message: 'docs(plan): write the user-auth plan', as: SCENARIO.author });
  });
  const headSha = world.simulator.branchSha({ ...where, branch: SCENARIO.branch })!;
  return { headSha, checks: latestChecks(world.simulator, headSha), issues: world.simulator.issues(where), settled, requests };
}

export interface TickStep {
  /** The API requests the app made during the step. */
  requests: RequestRecord[];
  issue: SimIssue;
  /** The task line as ticked in the issue. */
  taskLine: string;
  planBefore: string;
  planAfter: string | null;
  settled: IdleReport;
}

/** 4. Someone ticks a box in a phase issue on GitHub; planbot ticks the same task in plan.md on the branch. */
export async function tickBoxInIssue(world: World, phaseTitle = 'Phase 1'): Promise<TickStep> {
  const planBefore = world.simulator.readFile({ ...where, path: SCENARIO.planPath, ref: SCENARIO.branch }) ?? '';
  const issue = world.simulator.issues(where).find((candidate) => candidate.title.includes(phaseTitle) && candidate.state === 'open');
  if (!issue) throw new Error(`no open issue whose title mentions "${phaseTitle}" to tick a box in`);
  const lines = (issue.body ?? '').split('\n');
  const index = lines.findIndex((line) => /^\s*[-*+] \[ \] /.test(line));
  if (index === -1) throw new Error(`issue #${issue.number} has no unticked task`);
  lines[index] = lines[index].replace('[ ]', '[x]');
  let edited = issue;
  const { settled, requests } = await step(world, () => {
    edited = world.simulator.editIssue({ ...where, number: issue.number, body: lines.join('\n'), as: SCENARIO.author });
  });
  return {
    requests,
    issue: edited,
    taskLine: lines[index],
    planBefore,
    planAfter: world.simulator.readFile({ ...where, path: SCENARIO.planPath, ref: SCENARIO.branch }),
    settled,
  };
}

export interface Counts {
  commits: number;
  issues: number;
  checkRuns: number;
  comments: number;
  subIssueLinks: number;
  blockedByLinks: number;
}

export interface RedeliveryStep {
  /** The API requests the app made during the step. */
  requests: RequestRecord[];
  redelivered: number;
  before: Counts;
  after: Counts;
  settled: IdleReport;
}

/** 5. GitHub redelivers every webhook (same delivery ids); nothing may be created twice. */
export async function redeliverEverything(world: World): Promise<RedeliveryStep> {
  const before = counts(world.simulator);
  let redelivered = 0;
  const { settled, requests } = await step(world, () => {
    redelivered = world.relay.redeliverAll();
  });
  return { redelivered, before, after: counts(world.simulator), settled, requests };
}

export function counts(simulator: GitHubSimulator): Counts {
  const issues = simulator.issues(where);
  return {
    commits: simulator.commits({ ...where, branch: SCENARIO.branch }).length,
    issues: issues.length,
    checkRuns: simulator.checkRuns(where).length,
    comments: simulator.comments(where).length,
    subIssueLinks: issues.reduce((sum, issue) => sum + issue.subIssues.length, 0),
    blockedByLinks: issues.reduce((sum, issue) => sum + issue.blockedBy.length, 0),
  };
}

/** The latest run of each check name on one commit. */
export function latestChecks(simulator: GitHubSimulator, sha: string): Map<string, SimCheckRun> {
  const latest = new Map<string, SimCheckRun>();
  for (const run of simulator.checkRuns({ ...where, sha })) latest.set(run.name, run);
  return latest;
}

/** Runs the five steps in order. */
export async function runScenario(world: World) {
  const branch = await pushFeatureBranch(world);
  const pull = await openPullRequest(world);
  const plan = await pushFilledPlan(world);
  const tick = await tickBoxInIssue(world);
  const redelivery = await redeliverEverything(world);
  return { branch, pull, plan, tick, redelivery };
}
