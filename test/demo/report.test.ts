import { describe, expect, it } from '@jest/globals';
import { renderReport } from '../../tools/demo/report.js';
import { story } from './story-fixture.js';

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

  it('points links to the simulated repository inside the report, and marks the rest as simulated', () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    const ids = new Set([...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]));
    // A line of the plan at that commit (the file is in the report), the PR's step, the issue.
    expect(hrefs).toEqual(expect.arrayContaining(['#file-1-L2', '#file-1', '#step-2', '#issue-2', 'https://docs.github.com/rest']));
    for (const href of hrefs.filter((h) => h.startsWith('#'))) expect(ids).toContain(href.slice(1));
    expect(hrefs.filter((h) => /github\.com\/acme|127\.0\.0\.1/.test(h))).toEqual([]);
    expect(html).toContain('<span class="simulated" title="Simulated: on GitHub this links to https://github.com/acme/web/commit/abc">a commit</span>');
    expect(html).toContain('<tr id="file-1-L2"><td class="ln">2</td><td>[TO FILL]</td></tr>');
  });

  it('shows the tick as a diff and the redelivery counts', () => {
    expect(html).toContain('<span class="diff-del">- - [ ] Pick one</span>');
    expect(html).toContain('<span class="diff-add">+ - [x] Pick one</span>');
    expect(html).toContain('Nothing was created twice.');
    expect(html).toContain('every request one GitHub’s REST API accepts');
  });

  it('draws the Project board as columns of cards, each linking to its issue', () => {
    const card = (issue: number, phase: number) => ({ repo: 'acme/web', issue, title: `Phase ${phase}`, itemId: `PVTI_${issue}`, fields: { Title: `Phase ${phase}`, Phase: phase, Feature: '001-user-auth', 'Target date': '2026-11-26' } });
    const board = { snapshot: { title: 'acme roadmap', columns: [{ status: 'Todo', cards: [card(1, 0)] }, { status: 'In Progress', cards: [] }, { status: 'Done', cards: [card(2, 1)] }] }, queries: 3, mutations: 9 };
    const withBoard = renderReport({ ...story(), board }, new Date('2026-11-24T10:00:00Z'));
    expect(withBoard).toContain('<h2 id="board">The Project board “acme roadmap”</h2>');
    expect(withBoard).toContain('<div class="column"><h3>Todo <span class="muted">1</span></h3><div class="board-card"><a href="#issue-1">#1 Phase 0</a><div class="fields">Phase: 0 · Feature: 001-user-auth · Target date: 2026-11-26</div></div></div>');
    expect(withBoard).toContain('<div class="column"><h3>In Progress <span class="muted">0</span></h3></div>');
    expect(withBoard).toContain('3 GraphQL reads and 9 changes in the whole story; the redelivery made none.');
    // Without a board, no section.
    expect(html).not.toContain('id="board"');
  });
});
