// The console account of the demo: each step, what planbot did in response, in plain text.
import type { SimCheckRun, SimIssue } from '../sim/index.js';
import { SCENARIO } from './scenario.js';
import type { IssueView, Story } from './story.js';

/** Annotations printed per check; the report has them all. */
const ANNOTATIONS_SHOWN = 3;
const ICON: Record<string, string> = { success: '✔', failure: '✖', action_required: '!', neutral: '–', skipped: '–', cancelled: '✖', timed_out: '✖' };

export function narrate(story: Story, appCommand: string): string {
  const out: string[] = [];
  const say = (line = '') => out.push(line);
  say(`planbot demo: ${story.repository} on a simulated GitHub, the real app started with: ${appCommand}`);
  say();

  say(`1. ${SCENARIO.author} pushes a new branch, ${story.branch.branch}.`);
  if (story.branch.commitsByApp.length === 0) say('   ✖ planbot committed nothing.');
  for (const commit of story.branch.commitsByApp) {
    say(`   → planbot committed "${commit.message}" (${commit.sha.slice(0, 7)}) as ${commit.login}:`);
    say(`     ${story.branch.planPath}, ${story.branch.plan?.split('\n').length ?? 0} lines from the plan template.`);
  }
  say(`   (${story.requests.byStep['branch pushed']} API requests)`);
  say();

  say(`2. ${SCENARIO.author} opens pull request #${story.pull.number}, "${SCENARIO.pullTitle}".`);
  checks(say, [...story.pull.checks.values()]);
  say(`   (${story.requests.byStep['PR opened']} API requests)`);
  say();

  say(`3. ${SCENARIO.author} fills in the plan, ticks the tasks already done, and pushes.`);
  checks(say, [...story.plan.checks.values()]);
  say('   → issues on GitHub now:');
  for (const view of story.issuesAfterPlan) issue(say, view);
  say(`   (${story.requests.byStep['plan filled in']} API requests)`);
  say();

  say(`4. ${SCENARIO.author} ticks "${story.tick.taskLine.replace(/^\s*[-*+] \[x\] /, '')}" in issue #${story.tick.issue.number} on GitHub.`);
  const changed = changedLines(story.tick.planBefore, story.tick.planAfter ?? '');
  if (changed.length === 0) say('   ✖ plan.md did not change.');
  else say(`   → planbot updated ${SCENARIO.planPath} on ${SCENARIO.branch}:`);
  for (const [before, after] of changed) say(`       ${before.trim()}  →  ${after.trim()}`);
  say(`   (${story.requests.byStep['box ticked']} API requests)`);
  say();

  const { before, after } = story.redelivery;
  say(`5. GitHub delivers all ${story.redelivery.redelivered} webhooks again, with the same delivery ids.`);
  const same = JSON.stringify(before) === JSON.stringify(after);
  say(`   → ${same ? 'nothing new' : '✖ something was created again'}: ${after.commits} commits on the branch, ${after.issues} issues, ${after.checkRuns} check runs, ${after.subIssueLinks} sub-issue links, ${after.blockedByLinks} blocked-by links${same ? ' (unchanged)' : ` (before: ${JSON.stringify(before)})`}.`);
  say(`   (${story.requests.byStep['everything redelivered']} API requests)`);
  say();

  say(`API use: ${story.requests.total} requests, ${story.requests.writes} of them writes, ${story.requests.conditional304} answered 304 Not Modified (free); ${story.deliveries} webhook deliveries.`);
  say(`Requests GitHub's REST API description would refuse: ${story.violations}.`);
  return out.join('\n');
}

/** Each check's title (it carries the counts), then its first annotations: nothing said twice, no markdown. */
function checks(say: (line?: string) => void, runs: SimCheckRun[]): void {
  if (runs.length === 0) say('   ✖ no check runs on the head commit.');
  for (const run of runs.sort((a, b) => a.name.localeCompare(b.name))) {
    say(`   → ${run.name.padEnd(24)} ${ICON[run.conclusion ?? ''] ?? '…'} ${(run.conclusion ?? run.status).padEnd(8)}  ${run.output.title ?? ''}`);
    const shown = run.annotations.slice(0, ANNOTATIONS_SHOWN);
    for (const a of shown) {
      const text = oneLine(a.title ? `${a.title}: ${a.message}` : a.message);
      say(`       ${`${a.path.split('/').pop()}:${a.start_line}`.padEnd(12)} ${text.length > 100 ? `${text.slice(0, 99)}…` : text}`);
    }
    const more = run.annotations.length - shown.length;
    if (more > 0) say(`       … and ${more} more annotation${more === 1 ? '' : 's'}, each on its line (see the report)`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function issue(say: (line?: string) => void, view: IssueView): void {
  const { issue: it } = view;
  const labels = it.labels.length ? `  [${it.labels.join(', ')}]` : '';
  say(`     #${it.number} ${it.title} (${it.state}${it.state_reason && it.state === 'closed' ? `, ${it.state_reason}` : ''})${labels}`);
  if (view.subIssues.length) say(`        sub-issues: ${view.subIssues.map(ref).join(', ')}`);
  if (view.blockedBy.length) say(`        blocked by: ${view.blockedBy.map(ref).join(', ')}`);
  for (const line of (it.body ?? '').split('\n')) {
    const task = /^\s*[-*+] \[([ xX])\] (.*)$/.exec(line);
    if (task) say(`        ${task[1] === ' ' ? '☐' : '☑'} ${task[2]}`);
  }
}

function ref(issue: SimIssue): string {
  return `#${issue.number}${issue.state === 'closed' ? ' (closed)' : ''}`;
}

/** Pairs of lines that differ between two versions of the same-length file (ticks change lines in place). */
export function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return before === after ? [] : [[`${a.length} lines`, `${b.length} lines`]];
  return a.flatMap((line, index) => (line === b[index] ? [] : [[line, b[index]] as [string, string]]));
}
