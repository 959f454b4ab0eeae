// End to end, spec-kit 1.0: the real server (`node dist/main.js`) against the GitHub simulator.
// The pull request comes from a branch with no feature number (spec-kit 1.0 keeps the active
// feature in a machine-local file, so numbered branches are opt-in); its feature is the spec
// directory it changes. plan.md has no task lists, only a Constitution Check; tasks.md has the
// phases, and a checklist is a gate.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { latestChecks, SCENARIO, startWorld, type World } from '../../tools/demo/scenario.js';
import type { RequestRecord, SimIssue } from '../../tools/sim/index.js';
import { readMarker } from '../../src/sync/marker.js';
import { buildApp, PROJECT_DIR } from './build.js';
import { TEST_WRITE_PACING } from '../helpers/app-process.js';

jest.setTimeout(120_000);

const where = { owner: SCENARIO.owner, repo: SCENARIO.repo };
const BRANCH = 'feature/login-page';
const DIR = 'specs/003-login-page';

const PLAN = `# Implementation Plan: Login Page

**Branch**: \`003-login-page\` | **Date**: 2026-11-20 | **Spec**: [spec.md](./spec.md)
**Input**: Feature specification from \`/specs/003-login-page/spec.md\`

## Summary

Email and password sign-in for the storefront, with lockout after repeated failures.

## Technical Context

**Language/Version**: TypeScript 5.9
**Primary Dependencies**: Fastify 5
**Storage**: PostgreSQL 16
**Testing**: Vitest 3
**Target Platform**: Linux server
**Project Type**: web

## Constitution Check

*GATE: Must pass before Phase 0 research. Re-check after Phase 1 design.*

| Principle | Status | Notes |
|-----------|--------|-------|
| I. Library-First | ✅ PASS | auth is its own package |
| II. CLI Interface | ✅ PASS | \`auth-cli\` exposes every operation |
| III. Test-First | ✅ PASS | contract tests are written first (tasks.md) |

## Project Structure

\`\`\`text
src/auth/
tests/contract/
\`\`\`
`;

const TASKS = `# Tasks: Login Page

**Input**: Design documents from \`/specs/003-login-page/\`

## Phase 1: Setup (Shared Infrastructure)

- [X] T001 Create project structure per implementation plan
- [X] T002 [P] Configure linting and formatting tools

## Phase 2: Foundational (Blocking Prerequisites)

- [X] T003 Set up the users and sessions migrations
- [ ] T004 [P] Implement session storage in src/auth/sessions.ts

## Phase 3: User Story 1 - Sign in (Priority: P1) 🎯 MVP

- [ ] T005 [P] [US1] Contract test for POST /login in tests/contract/login.test.ts
- [ ] T006 [US1] Implement the login endpoint in src/auth/routes.ts

## Phase 4: User Story 2 - Lockout (Priority: P2)

- [ ] T007 [P] [US2] Contract test for the lockout in tests/contract/lockout.test.ts
- [ ] T008 [US2] Lock the account after five failures in src/auth/lockout.ts

## Phase 5: Polish & Cross-Cutting Concerns

- [ ] T009 [P] Document the auth API in docs/auth.md
`;

const CHECKLIST = `# Requirements Checklist: Login Page

**Purpose**: Validate the specification before planning

- [x] CHK001 Are the sign-in fields specified? [Completeness]
- [ ] CHK002 Is the lockout duration defined? [Clarity, Spec §FR-004]
`;

const SPEC = '# Feature Specification: Login Page\n\n**Feature Branch**: `003-login-page`\n\nPeople sign in with email and password.\n';

const writes = (requests: RequestRecord[]) =>
  requests.filter((request) => request.write && request.fault === null && request.installationId !== null).map((request) => request.route ?? `${request.method} ${request.path}`);
const phaseIssues = (issues: SimIssue[]) => issues.filter((issue) => readMarker(issue.body)?.phase);
const trackingIssue = (issues: SimIssue[]) => issues.find((issue) => readMarker(issue.body)?.tracking);

describe('spec-kit 1.0 repository end to end', () => {
  let world: World;
  let headSha = '';

  beforeAll(async () => {
    buildApp();
    world = await startWorld({ projectDir: PROJECT_DIR, env: { ...TEST_WRITE_PACING } });
  });
  afterAll(async () => world?.close());

  it('a branch without a feature number gets no skeleton: its spec directory already says which feature it is', async () => {
    const from = world.simulator.requests.length;
    world.simulator.createBranch({
      ...where,
      branch: BRANCH,
      as: SCENARIO.author,
      message: 'feat: login page spec, plan, tasks and checklist',
      files: {
        [`${DIR}/spec.md`]: SPEC,
        [`${DIR}/plan.md`]: PLAN,
        [`${DIR}/tasks.md`]: TASKS,
        [`${DIR}/checklists/requirements.md`]: CHECKLIST,
      },
    });
    await world.settle();
    const requests = world.simulator.requests.slice(from);
    expect(writes(requests)).toEqual([]);
    expect(world.simulator.commits({ ...where, branch: BRANCH }).filter((commit) => commit.login === 'planbot[bot]')).toEqual([]);
    expect(world.simulator.violations).toEqual([]);
  });

  it('the pull request gets both checks, one issue per tasks.md phase under a tracking issue, and the checklist as a gate', async () => {
    const opened = world.simulator.openPullRequest({ ...where, head: BRANCH, title: 'Login page', body: 'spec-kit feature 003-login-page', as: SCENARIO.author });
    await world.settle();
    headSha = opened.headSha;

    const checks = latestChecks(world.simulator, headSha);
    expect([...checks.keys()].sort()).toEqual(['planbot / plan', 'planbot / quality gates']);
    const planCheck = checks.get('planbot / plan')!;
    expect(planCheck).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(planCheck.output.summary).toContain(`${DIR}/plan.md`);

    const gates = checks.get('planbot / quality gates')!;
    // The Constitution Check's three principles pass; the checklist has an open item, so the check waits.
    expect(gates).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(gates.output.title).toBe('4 gates: 1 pending, 3 passing');
    for (const principle of ['I. Library-First', 'II. CLI Interface', 'III. Test-First']) expect(gates.output.summary).toContain(`| ${principle} |`);
    expect(gates.output.summary).toContain(`### \`${DIR}/checklists/requirements.md\``);
    expect(gates.output.summary).toMatch(/\| Requirements Checklist: Login Page \| every checklist item ticked \| ⏳ pending \| 1 of 2 open: CHK002 Is the lockout duration defined\? \[Clarity, Spec §FR-004\] \|/i);

    const issues = world.simulator.issues(where);
    const phases = phaseIssues(issues);
    const tracking = trackingIssue(issues);
    expect(issues).toHaveLength(6);
    expect(tracking).toBeDefined();
    expect(tracking!.title).toBe('003-login-page: implementation plan');
    expect(phases.map((issue) => issue.title).sort()).toEqual([
      '003-login-page · Phase 1: Setup (Shared Infrastructure)',
      '003-login-page · Phase 2: Foundational (Blocking Prerequisites)',
      '003-login-page · Phase 3: User Story 1 - Sign in (Priority: P1)',
      '003-login-page · Phase 4: User Story 2 - Lockout (Priority: P2)',
      '003-login-page · Phase 5: Polish & Cross-Cutting Concerns',
    ]);
    // issues.source is `auto` by default: the task lists come from tasks.md, and ticks flow back there.
    for (const issue of phases) expect(readMarker(issue.body)).toMatchObject({ feature: '003-login-page', source: 'tasks', path: `${DIR}/plan.md`, branch: BRANCH });
    expect([...tracking!.subIssues].sort()).toEqual(phases.map((issue) => issue.id).sort());
    const phase3 = phases.find((issue) => issue.title.includes('Phase 3'))!;
    expect(phase3.body).toContain('- [ ] T005 \\[P\\] \\[US1\\] Contract test for POST /login');
    // spec-kit's [X] counts as done: Phase 1 is complete, so its issue is closed.
    expect(phases.find((issue) => issue.title.includes('Phase 1'))).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(phases.filter((issue) => issue.state === 'open')).toHaveLength(4);
    expect(world.simulator.violations).toEqual([]);
  });

  it('ticking the checklist turns its gate green; the issues stay as they are', async () => {
    const before = world.simulator.issues(where).map((issue) => [issue.number, issue.state, issue.body]);
    world.simulator.commitFile({
      ...where,
      branch: BRANCH,
      path: `${DIR}/checklists/requirements.md`,
      content: CHECKLIST.replace('- [ ] CHK002', '- [x] CHK002'),
      message: 'docs: lockout duration decided',
      as: SCENARIO.author,
    });
    await world.settle();
    const head = world.simulator.branchSha({ ...where, branch: BRANCH })!;
    expect(head).not.toBe(headSha);
    const gates = latestChecks(world.simulator, head).get('planbot / quality gates')!;
    expect(gates).toMatchObject({ conclusion: 'success' });
    expect(gates.output.title).toBe('All 4 gates pass');
    expect(world.simulator.issues(where).map((issue) => [issue.number, issue.state, issue.body])).toEqual(before);
    expect(world.simulator.violations).toEqual([]);
  });
});
