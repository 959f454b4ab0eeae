// The demo's HTML report: one page a person can open to see what planbot did at each step, with
// check summaries rendered from markdown and issues shown the way GitHub shows them.
import type { SimCheckRun, SimIssue } from '../sim/index.js';
import { reportLinkRewriter, type LinkedFile } from './links.js';
import { escapeHtml as esc, markdownToHtml, type LinkRewriter } from './markdown.js';
import { changedLines } from './narrate.js';
import { SCENARIO } from './scenario.js';
import type { IssueView, Story } from './story.js';

const STYLE = `
body { font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; max-width: 1000px; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3rem; margin-top: 2.5rem; }
.lead { color: #59636e; margin-top: 0; }
.card { border: 1px solid #d1d9e0; border-radius: 6px; margin: 1rem 0; }
.card > header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: .5rem .9rem; border-radius: 6px 6px 0 0; display: flex; gap: .6rem; align-items: center; flex-wrap: wrap; }
.card > .body { padding: .2rem .9rem .6rem; }
.badge { border-radius: 2em; padding: .1rem .6rem; font-size: 12px; font-weight: 600; color: #fff; }
.open { background: #1f883d; } .closed { background: #8250df; } .not_planned { background: #59636e; }
.success { color: #1a7f37; } .failure, .cancelled, .timed_out { color: #d1242f; } .action_required { color: #9a6700; } .neutral, .skipped { color: #59636e; }
.label { border-radius: 2em; padding: 0 .5rem; font-size: 12px; font-weight: 500; background: #ddf4ff; color: #0969da; border: 1px solid #b6e3ff; }
.muted { color: #59636e; } .number { color: #59636e; font-weight: 400; }
table { border-collapse: collapse; margin: .5rem 0; } td, th { border: 1px solid #d1d9e0; padding: .25rem .6rem; } th { background: #f6f8fa; }
ul.contains-task-list { list-style: none; padding-left: 1.2rem; } .task-list-item input { margin-right: .4rem; }
pre { background: #f6f8fa; padding: .7rem; border-radius: 6px; overflow-x: auto; font-size: 12px; }
code { background: #eff1f3; border-radius: 4px; padding: .1rem .3rem; font-size: 90%; } pre code { background: none; padding: 0; }
.diff-del { background: #ffebe9; } .diff-add { background: #dafbe1; }
.relations { font-size: 13px; margin: .3rem 0; } .relations a { color: #0969da; text-decoration: none; }
.step { color: #59636e; font-weight: 600; margin-right: .4rem; }
.card h2, .card h3 { font-size: 1rem; border: none; margin: .8rem 0 .3rem; padding: 0; }
.simulated { border-bottom: 1px dotted #59636e; cursor: help; }
table.blob { border: none; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; width: 100%; margin: 0; }
table.blob td { border: none; padding: 0 .6rem; white-space: pre-wrap; vertical-align: top; } table.blob td.ln { color: #59636e; text-align: right; width: 1%; user-select: none; }
table.blob tr:target { background: #fff8c5; }
.board { display: flex; gap: .8rem; align-items: flex-start; overflow-x: auto; }
.column { flex: 1 1 0; min-width: 200px; background: #f6f8fa; border: 1px solid #d1d9e0; border-radius: 6px; padding: .4rem .6rem; }
.column h3 { font-size: .95rem; margin: .2rem 0 .5rem; }
.board-card { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; padding: .4rem .6rem; margin-bottom: .5rem; font-size: 13px; }
.board-card a { color: #1f2328; text-decoration: none; font-weight: 600; } .board-card .fields { color: #59636e; font-size: 12px; margin-top: .2rem; }
`;

export function renderReport(story: Story, generatedAt: Date): string {
  const [owner, repo] = story.repository.split('/');
  const rewrite = reportLinkRewriter({
    owner,
    repo,
    files: story.linkedFiles,
    issueNumbers: story.issues.map((view) => view.issue.number),
    pullNumber: story.pull.number,
    pullAnchor: 'step-2',
  });
  const checkCard = (run: SimCheckRun) => renderCheckCard(run, rewrite);
  const stepsHtml = [
    section(1, `${SCENARIO.author} pushes the branch <code>${esc(story.branch.branch)}</code>`, [
      story.branch.commitsByApp.length
        ? story.branch.commitsByApp
            .map((commit) => `<p>planbot committed <strong>${esc(commit.message)}</strong> <code>${commit.sha.slice(0, 7)}</code> as <code>${esc(commit.login)}</code>, adding <code>${esc(story.branch.planPath)}</code>:</p>`)
            .join('')
        : '<p class="failure">planbot committed nothing.</p>',
      story.branch.plan ? `<details><summary>The plan skeleton (${story.branch.plan.split('\n').length} lines)</summary><pre>${esc(story.branch.plan)}</pre></details>` : '',
      requests(story.requests.byStep['branch pushed']),
    ]),
    section(2, `${SCENARIO.author} opens pull request #${story.pull.number}, “${esc(SCENARIO.pullTitle)}”`, [
      '<p>planbot checks the plan on the PR head and posts two check runs:</p>',
      ...[...story.pull.checks.values()].map(checkCard),
      requests(story.requests.byStep['PR opened']),
    ]),
    section(3, `${SCENARIO.author} fills in the plan and pushes`, [
      '<p>The checks run again on the new head:</p>',
      ...[...story.plan.checks.values()].map(checkCard),
      `<p>planbot keeps one issue per phase under a tracking issue (see <a href="#issues">the issues</a> below).</p>`,
      requests(story.requests.byStep['plan filled in']),
    ]),
    section(4, `${SCENARIO.author} ticks a box in issue #${story.tick.issue.number} on GitHub`, [
      `<p>The ticked line: <code>${esc(story.tick.taskLine.trim())}</code>. planbot brings the tick back to <code>${esc(SCENARIO.planPath)}</code> on <code>${esc(SCENARIO.branch)}</code>:</p>`,
      diff(story.tick.planBefore, story.tick.planAfter ?? ''),
      requests(story.requests.byStep['box ticked']),
    ]),
    section(5, `GitHub delivers all ${story.redelivery.redelivered} webhooks again (same delivery ids)`, [
      `<table><tr><th></th><th>commits on the branch</th><th>issues</th><th>check runs</th><th>sub-issue links</th><th>blocked-by links</th></tr>${(['before', 'after'] as const)
        .map((when) => {
          const c = story.redelivery[when];
          return `<tr><th>${when}</th><td>${c.commits}</td><td>${c.issues}</td><td>${c.checkRuns}</td><td>${c.subIssueLinks}</td><td>${c.blockedByLinks}</td></tr>`;
        })
        .join('')}</table>`,
      JSON.stringify(story.redelivery.before) === JSON.stringify(story.redelivery.after) ? '<p class="success">Nothing was created twice.</p>' : '<p class="failure">Something was created again.</p>',
      requests(story.requests.byStep['everything redelivered']),
    ]),
  ];

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>planbot demo: ${esc(story.repository)}</title><style>${STYLE}</style></head>
<body>
<h1>What planbot did in ${esc(story.repository)}</h1>
<p class="lead">A replay against a simulated GitHub with the real app, generated ${esc(generatedAt.toISOString())}.
${story.requests.total} API requests (${story.requests.writes} writes, ${story.requests.conditional304} answered 304 Not Modified), ${story.deliveries} webhook deliveries,
${story.violations === 0 ? 'every request one GitHub’s REST API accepts' : `<span class="failure">${story.violations} requests GitHub’s REST API would refuse</span>`}.
The repository existed only in the simulator: links to its files, issues and pull request lead to this report’s copies,
and the rest are <span class="simulated" title="Simulated: there is nothing to link to">marked like this</span>.</p>
${stepsHtml.join('\n')}
${story.board ? boardHtml(story.board, story.redelivery.requests.filter((request) => request.graphql).length) : ''}
<h2 id="issues">Issues</h2>
${story.issues.map((view) => issueCard(view, rewrite)).join('\n')}
${story.linkedFiles.length ? `<h2 id="files">Files the links point to</h2>\n${story.linkedFiles.map(fileCard).join('\n')}` : ''}
</body></html>
`;
}

/** The Project board as GitHub's board view shows it: a column per Status, a card per issue. */
function boardHtml(board: NonNullable<Story['board']>, onRedelivery: number): string {
  const shown = (fields: Record<string, string | number>) =>
    Object.entries(fields)
      .filter(([name]) => name !== 'Title' && name !== 'Assignees')
      .map(([name, value]) => `${esc(name)}: ${esc(String(value))}`)
      .join(' · ');
  const columns = board.snapshot.columns.map(
    (column) =>
      `<div class="column"><h3>${esc(column.status)} <span class="muted">${column.cards.length}</span></h3>${column.cards
        .map((card) => `<div class="board-card"><a href="#issue-${card.issue}">#${card.issue} ${esc(card.title)}</a><div class="fields">${shown(card.fields)}</div></div>`)
        .join('')}</div>`,
  );
  return `<h2 id="board">The Project board “${esc(board.snapshot.title)}”</h2>
<p>planbot keeps a card per phase issue on the organisation’s Project: Status follows the ticked tasks (a card a person moves stays until its phase changes), Phase, Feature and Target date come from the plan. ${board.queries} GraphQL ${board.queries === 1 ? 'read' : 'reads'} and ${board.mutations} ${board.mutations === 1 ? 'change' : 'changes'} in the whole story; ${onRedelivery === 0 ? 'the redelivery made none' : `<span class="failure">the redelivery made ${onRedelivery}</span>`}.</p>
<div class="board">${columns.join('')}</div>`;
}

function section(number: number, title: string, parts: string[]): string {
  return `<h2 id="step-${number}"><span class="step">${number}.</span>${title}</h2>\n${parts.filter(Boolean).join('\n')}`;
}

function requests(count: number): string {
  return `<p class="muted">${count} API requests in this step.</p>`;
}

function renderCheckCard(run: SimCheckRun, rewrite: LinkRewriter): string {
  const conclusion = run.conclusion ?? run.status;
  const annotations = run.annotations.length
    ? `<details><summary>${run.annotations.length} annotations</summary><table><tr><th>line</th><th>level</th><th>message</th></tr>${run.annotations
        .map((a) => `<tr><td>${esc(a.path)}:${a.start_line}</td><td>${esc(a.annotation_level)}</td><td>${esc(a.title ? `${a.title}: ${a.message}` : a.message)}</td></tr>`)
        .join('')}</table></details>`
    : '';
  return `<div class="card"><header><strong>${esc(run.name)}</strong><span class="${esc(conclusion)}">● ${esc(conclusion)}</span><span class="muted">${esc(run.output.title ?? '')}</span></header>
<div class="body">${markdownToHtml(run.output.summary ?? '', rewrite)}${run.output.text ? `<details><summary>Details</summary>${markdownToHtml(run.output.text, rewrite)}</details>` : ''}${annotations}</div></div>`;
}

function issueCard(view: IssueView, rewrite: LinkRewriter): string {
  const { issue } = view;
  const state = issue.state === 'open' ? 'open' : issue.state_reason === 'not_planned' ? 'not_planned' : 'closed';
  const link = (other: SimIssue) => `<a href="#issue-${other.number}">#${other.number} ${esc(other.title)}</a>${other.state === 'closed' ? ' <span class="muted">(closed)</span>' : ''}`;
  const relations = [
    view.parent ? `Parent: ${link(view.parent)}` : '',
    view.subIssues.length ? `Sub-issues (${view.subIssues.filter((sub) => sub.state === 'closed').length} of ${view.subIssues.length} closed): ${view.subIssues.map(link).join(', ')}` : '',
    view.blockedBy.length ? `Blocked by: ${view.blockedBy.map(link).join(', ')}` : '',
  ].filter(Boolean);
  return `<div class="card" id="issue-${issue.number}"><header><span class="badge ${state}">${issue.state === 'open' ? 'Open' : 'Closed'}</span><strong>${esc(issue.title)}</strong><span class="number">#${issue.number}</span>${issue.labels.map((label) => `<span class="label">${esc(label)}</span>`).join('')}${issue.assignees.length ? `<span class="muted">assigned to ${issue.assignees.map(esc).join(', ')}</span>` : ''}</header>
<div class="body">${relations.map((line) => `<p class="relations">${line}</p>`).join('')}${markdownToHtml(issue.body ?? '', rewrite)}</div></div>`;
}

/** A file as planbot's links saw it, one row (and anchor) per line, like GitHub's blob view. */
function fileCard(file: LinkedFile): string {
  const ref = /^[0-9a-f]{40}$/.test(file.ref) ? file.ref.slice(0, 7) : file.ref;
  const rows = file.content.replace(/\n$/, '').split('\n').map((line, index) => `<tr id="${file.id}-L${index + 1}"><td class="ln">${index + 1}</td><td>${esc(line)}</td></tr>`);
  return `<div class="card" id="${file.id}"><header><code>${esc(file.path)}</code><span class="muted">at ${esc(ref)}</span></header><table class="blob">${rows.join('')}</table></div>`;
}

function diff(before: string, after: string): string {
  const lines = changedLines(before, after);
  if (lines.length === 0) return '<p class="failure">plan.md did not change.</p>';
  return `<pre>${lines.map(([a, b]) => `<span class="diff-del">- ${esc(a)}</span>\n<span class="diff-add">+ ${esc(b)}</span>`).join('\n')}</pre>`;
}
