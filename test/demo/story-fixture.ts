// A small demo Story for the report and narration tests: a failing plan check whose summary is
// markdown with links into the simulated repository, a tracking issue and a closed phase issue.
import type { Story } from '../../tools/demo/story.js';
import type { SimCheckRun, SimIssue } from '../../tools/sim/index.js';

const user = { login: 'planbot[bot]', id: 1, type: 'Bot' as const };
export const issue = (number: number, title: string, extra: Partial<SimIssue> = {}): SimIssue => ({
  id: 1000 + number, number, title, body: null, state: 'open', state_reason: null, labels: [], assignees: [], milestone: null, type: null, user,
  created_at: '', updated_at: '', closed_at: null, isPullRequest: false, subIssues: [], parent: null, blockedBy: [], ...extra,
});
export const run = (name: string, conclusion: string, summary: string): SimCheckRun => ({
  id: 1, name, head_sha: 'a'.repeat(40), status: 'completed', conclusion, started_at: '', completed_at: '', details_url: null, external_id: null,
  output: { title: `${name} title`, summary, text: null }, annotations: [{ path: 'specs/001-user-auth/plan.md', start_line: 7, end_line: 7, annotation_level: 'failure', message: 'Unfilled <placeholder>' }],
  actions: [], app: user, appId: 1, updates: 0,
});
const counts = { commits: 3, issues: 2, checkRuns: 4, comments: 0, subIssueLinks: 1, blockedByLinks: 0 };

export function story(): Story {
  const tracking = issue(2, 'Tracking', { subIssues: [1001], labels: ['planbot:tracking'] });
  const phase = issue(1, 'Phase 0: <Research>', { parent: 1002, state: 'closed', state_reason: 'completed', labels: ['planbot'], body: '<!-- planbot:v1 feature=001 -->\n- [x] Compare options\n- [ ] Pick one' });
  const checks = new Map([['planbot / plan', run('planbot / plan', 'failure', [
    '## Plan completeness\n\n| Plan | Errors |\n|---|---|\n| `plan.md` | 3 |',
    `- [Line 2](https://github.com/acme/web/blob/${'a'.repeat(40)}/specs/001-user-auth/plan.md#L2): placeholder`,
    `- [Line 99](https://github.com/acme/web/blob/${'a'.repeat(40)}/specs/001-user-auth/plan.md#L99): past the end`,
    '- [the PR](https://github.com/acme/web/pull/3), [issue](http://127.0.0.1:1/acme/web/issues/2), [a commit](https://github.com/acme/web/commit/abc), [docs](https://docs.github.com/rest)',
  ].join('\n'))]]);
  const views = [
    { issue: tracking, subIssues: [phase], parent: null, blockedBy: [] },
    { issue: phase, subIssues: [], parent: tracking, blockedBy: [] },
  ];
  return {
    repository: 'acme/web',
    webUrl: 'http://127.0.0.1:1',
    branch: { branch: '001-user-auth', planPath: 'specs/001-user-auth/plan.md', plan: '# Plan\n', commitsByApp: [{ sha: 'b'.repeat(40), message: 'docs(plan): add plan skeleton for 001-user-auth', login: 'planbot[bot]' } as any], settled: {} as any, requests: [] },
    pull: { number: 3, headSha: 'a'.repeat(40), checks, settled: {} as any, requests: [] },
    plan: { headSha: 'a'.repeat(40), checks, issues: [tracking, phase], settled: {} as any, requests: [] },
    tick: { issue: phase, taskLine: '- [x] Pick one', planBefore: 'x\n- [ ] Pick one\n', planAfter: 'x\n- [x] Pick one\n', settled: {} as any, requests: [] },
    redelivery: { redelivered: 12, before: counts, after: counts, settled: {} as any, requests: [] },
    issuesAfterPlan: views,
    issues: views,
    finalChecks: [...checks.values()],
    requests: { total: 40, writes: 20, conditional304: 5, byStep: { 'branch pushed': 6, 'PR opened': 18, 'plan filled in': 11, 'box ticked': 8, 'everything redelivered': 0 } },
    violations: 0,
    deliveries: 70,
    linkedFiles: [{ id: 'file-1', ref: 'a'.repeat(40), path: 'specs/001-user-auth/plan.md', content: '# Plan\n[TO FILL]\n' }],
  };
}
