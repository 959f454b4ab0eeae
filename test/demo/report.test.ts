import { describe, expect, it } from '@jest/globals';
import { renderReport } from '../../src/demo/report.js';
import type { Story } from '../../src/demo/story.js';
import type { SimCheckRun, SimIssue } from '../../src/sim/index.js';

const user = { login: 'planbot[bot]', id: 1, type: 'Bot' as const };
const issue = (number: number, title: string, extra: Partial<SimIssue> = {}): SimIssue => ({
  id: 1000 + number, number, title, body: null, state: 'open', state_reason: null, labels: [], assignees: [], milestone: null, type: null, user,
  created_at: '', updated_at: '', closed_at: null, isPullRequest: false, subIssues: [], parent: null, blockedBy: [], ...extra,
});
const run = (name: string, conclusion: string, summary: string): SimCheckRun => ({
  id: 1, name, head_sha: 'a'.repeat(40), status: 'completed', conclusion, started_at: '', completed_at: '', details_url: null, external_id: null,
  output: { title: `${name} title`, summary, text: null }, annotations: [{ path: 'specs/001-user-auth/plan.md', start_line: 7, end_line: 7, annotation_level: 'failure', message: 'Unfilled <placeholder>' }],
  actions: [], app: user, appId: 1, updates: 0,
});
const counts = { commits: 3, issues: 2, checkRuns: 4, comments: 0, subIssueLinks: 1, blockedByLinks: 0 };

function story(): Story {
  const tracking = issue(2, 'Tracking', { subIssues: [1001], labels: ['planbot:tracking'] });
  const phase = issue(1, 'Phase 0: <Research>', { parent: 1002, state: 'closed', state_reason: 'completed', labels: ['planbot'], body: '<!-- planbot:v1 feature=001 -->\n- [x] Compare options\n- [ ] Pick one' });
  const checks = new Map([['planbot / plan', run('planbot / plan', 'failure', '## Plan completeness\n\n| Plan | Errors |\n|---|---|\n| `plan.md` | 3 |')]]);
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
  };
}

describe('renderReport', () => {
  const html = renderReport(story(), new Date('2026-11-24T10:00:00Z'));

  it('shows each step, the commit, the checks with rendered summaries and escaped annotations', () => {
    for (let step = 1; step <= 5; step += 1) expect(html).toContain(`<span class="step">${step}.</span>`);
    expect(html).toContain('docs(plan): add plan skeleton for 001-user-auth');
    expect(html).toContain('<h2>Plan completeness</h2>');
    expect(html).toContain('<td><code>plan.md</code></td>');
    expect(html).toContain('Unfilled &lt;placeholder&gt;');
    expect(html).toContain('<span class="failure">● failure</span>');
  });

  it('shows issues as GitHub does: state, labels, relations, task-list checkboxes, no hidden marker', () => {
    expect(html).toContain('<span class="badge closed">Closed</span><strong>Phase 0: &lt;Research&gt;</strong><span class="number">#1</span><span class="label">planbot</span>');
    expect(html).toContain('Sub-issues (1 of 1 closed): <a href="#issue-1">#1 Phase 0: &lt;Research&gt;</a>');
    expect(html).toContain('Parent: <a href="#issue-2">#2 Tracking</a>');
    expect(html).toContain('<input type="checkbox" checked disabled> Compare options');
    expect(html).not.toContain('planbot:v1');
  });

  it('shows the tick as a diff and the redelivery counts', () => {
    expect(html).toContain('<span class="diff-del">- - [ ] Pick one</span>');
    expect(html).toContain('<span class="diff-add">+ - [x] Pick one</span>');
    expect(html).toContain('Nothing was created twice.');
    expect(html).toContain('every request one GitHub’s REST API accepts');
  });
});
