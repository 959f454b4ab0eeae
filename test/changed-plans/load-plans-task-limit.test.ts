// issues.granularity: task — the plan check reports a phase whose tasks (with its sub-phases) exceed
// GitHub's 100 sub-issues per parent, for plan.md's tasks and for a tasks.md the pull request changes.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { loadPullRequestPlans } from '../../src/changed-plans/load-plans.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { jobFromContext } from '../helpers/job.js';
import { contentsPath, mockConfig, mockPlan, mockPullFiles, requestLines } from '../checks/github-mock.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const PATH = 'specs/001-login/plan.md';
const TASKS_PATH = 'specs/001-login/tasks.md';
const pr = () => ({ number: 7, head: { ref: 'feature/login', sha: SHA } });
const TASK_CONFIG = 'issues:\n  granularity: task\n';
const tasks = (count: number) => Array.from({ length: count }, (_, i) => `- [ ] T${String(i + 1).padStart(3, '0')} Task ${i + 1}`).join('\n');
const limits = (result: Awaited<ReturnType<typeof loadPullRequestPlans>>) => result.plans[0].model.findings.filter((finding) => finding.rule === 'sub-issue-limit');

describe('the plan check and the task sub-issue limit', () => {
  beforeEach(resetNock);

  it('plan.md with 101 tasks in a phase: a finding on the 101st task with granularity task, none with phase', async () => {
    const plan = `# Implementation Plan: Login\n\n## Phase 1: Everything\n\n${tasks(101)}\n`;
    for (const [config, expected] of [[TASK_CONFIG, 1], ['{}\n', 0]] as const) {
      resetNock();
      mockConfig(config);
      mockPullFiles(7, [PATH]);
      mockPlan(PATH, plan);
      const job = jobFromContext((await createTestContext()).context);
      const found = limits(await loadPullRequestPlans(job, pr()));
      expect(found).toHaveLength(expected);
      if (expected) {
        expect(found[0]).toMatchObject({ severity: 'warning', line: plan.split('\n').indexOf('- [ ] T101 Task 101') + 1 });
        expect(found[0].message).toMatch(/^Phase 1 has 101 tasks; GitHub allows 100 sub-issues per issue, so tasks from T101 on/);
      }
    }
  });

  it('a changed tasks.md is read once and its phase reported, naming the file and line', async () => {
    const requests = recordRequests();
    mockConfig(TASK_CONFIG);
    mockPullFiles(7, [PATH, TASKS_PATH]);
    mockPlan(PATH, '# Implementation Plan: Login\n\n## Summary\n\nText.\n');
    mockPlan(TASKS_PATH, `# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 One\n\n## Phase 2: Bulk\n\n${tasks(100).replace(/T(\d+) Task/g, 'X$1 Task')}\n- [ ] T999 Last\n`);
    const job = jobFromContext((await createTestContext()).context);
    const result = await loadPullRequestPlans(job, pr());
    expect(requestLines(requests).filter((line) => line.includes(TASKS_PATH.split('/').pop()!))).toEqual([`GET ${contentsPath(TASKS_PATH)}?ref=${SHA}`]);
    const found = limits(result);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 1 });
    expect(found[0].message).toMatch(/^specs\/001-login\/tasks\.md line 109: Phase 2 has 101 tasks/);
  });
});
