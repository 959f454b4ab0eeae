// `npm run demo`: planbot at work with no GitHub account and no network. Starts the GitHub
// simulator and the real app (`node dist/main.js`, as `npm start` runs it), replays the scenario,
// prints what happened, and writes demo-report/index.html. Exits 1 with the reason on failure.
import { mkdirSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { projectRoot } from '../project-root.js';
import { narrate } from './narrate.js';
import { renderReport } from './report.js';
import { openPullRequest, pushFeatureBranch, pushFilledPlan, redeliverEverything, startWorld, tickBoxInIssue, type World } from './scenario.js';
import { tellStory, type Story } from './story.js';

const PROJECT_DIR = projectRoot(import.meta.url);
const REPORT_DIR = resolve(process.cwd(), 'demo-report');
/** Octokit spaces content-creating requests 3 s apart; the whole story takes well under this. */
const OVERALL_TIMEOUT_MS = 5 * 60 * 1000;

/** A step that takes longer than this says what is going on, every this often. */
const PROGRESS_EVERY_MS = 5000;
/** Why steps are slow is said once. */
let explained = false;

/**
 * Runs a step; while it runs, a line every few seconds with the API requests the app has made, so
 * the wait in step 2 (the issues, created one write at a time) is not silence.
 */
async function timed<T>(label: string, world: World, run: () => Promise<T>): Promise<T> {
  process.stdout.write(`  ${label}…`);
  const started = Date.now();
  const from = world.simulator.requests.length;
  let ticks = 0;
  const progress = setInterval(() => {
    const made = world.simulator.requests.slice(from).filter((request) => request.installationId !== null);
    const writes = made.filter((request) => request.write).length;
    const last = made.at(-1);
    if (ticks === 0) process.stdout.write('\n');
    ticks += 1;
    const seconds = Math.round((Date.now() - started) / 1000);
    const doing = last ? `, last ${last.route ?? `${last.method} ${last.path}`}` : '';
    const why = explained ? '' : ' (GitHub asks apps to space their writes, so planbot waits between them)';
    explained = true;
    process.stdout.write(`      ${seconds} s: ${made.length} API requests so far, ${writes} writes${doing}${why}\n`);
  }, PROGRESS_EVERY_MS);
  try {
    const result = await run();
    const took = `done in ${((Date.now() - started) / 1000).toFixed(1)} s`;
    process.stdout.write(ticks ? `      ${took}\n` : ` ${took}\n`);
    return result;
  } finally {
    clearInterval(progress);
  }
}

/** What must have happened for the demo to count as a success. */
function problemsIn(story: Story): string[] {
  const problems: string[] = [];
  if (story.branch.commitsByApp.length !== 1) problems.push(`step 1: expected planbot to commit the plan skeleton once, saw ${story.branch.commitsByApp.length} commits`);
  for (const name of ['planbot / plan', 'planbot / quality gates']) {
    if (!story.pull.checks.has(name)) problems.push(`step 2: no "${name}" check run on the PR head`);
    if (!story.plan.checks.has(name)) problems.push(`step 3: no "${name}" check run on the new head`);
  }
  if (!story.issues.some((view) => view.subIssues.length > 0)) problems.push('step 3: no tracking issue with sub-issues');
  if (!story.tick.planAfter || story.tick.planAfter === story.tick.planBefore) problems.push('step 4: the ticked box did not reach plan.md');
  if (JSON.stringify(story.redelivery.before) !== JSON.stringify(story.redelivery.after)) problems.push('step 5: redelivered webhooks created something again');
  const cards = story.board?.snapshot.columns.flatMap((column) => column.cards) ?? [];
  const phases = story.issues.filter((view) => view.parent !== null).length;
  if (story.board && cards.length !== phases) problems.push(`the Project board shows ${cards.length} cards for ${phases} phase issues`);
  if (story.violations > 0) problems.push(`${story.violations} requests GitHub's REST API description would refuse`);
  return problems;
}

async function main(): Promise<number> {
  console.log('planbot demo: starting a simulated GitHub and the app (no network, no GitHub account needed)…');
  let world: World | null = null;
  try {
    world = await startWorld({ projectDir: PROJECT_DIR, board: true });
    const live = world;
    console.log(`  GitHub simulator at ${live.simulator.url}; planbot listening at ${live.app.url} (pid ${live.app.pid})`);
    const branch = await timed('1/5 a person pushes a feature branch', live, () => pushFeatureBranch(live));
    const pull = await timed('2/5 the author opens a pull request', live, () => openPullRequest(live));
    const plan = await timed('3/5 the author fills in the plan and pushes', live, () => pushFilledPlan(live));
    const tick = await timed('4/5 someone ticks a box in a phase issue', live, () => tickBoxInIssue(live));
    const redelivery = await timed('5/5 GitHub redelivers every webhook', live, () => redeliverEverything(live));
    const story = tellStory(live, { branch, pull, plan, tick, redelivery }, { board: true });

    console.log();
    console.log(narrate(story, 'node dist/main.js'));
    if (story.board) console.log(`\nProject board "${story.board.snapshot.title}": ${story.board.snapshot.columns.map((column) => `${column.status} ${column.cards.length}`).join(', ')}.`);
    mkdirSync(REPORT_DIR, { recursive: true });
    const reportPath = resolve(REPORT_DIR, 'index.html');
    writeFileSync(reportPath, renderReport(story, new Date()));
    console.log(`\nReport: ${relative(process.cwd(), reportPath) || reportPath}`);

    const problems = problemsIn(story);
    if (problems.length > 0) {
      console.error(`\nThe demo did not go as it should:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
      return 1;
    }
    return 0;
  } catch (error) {
    console.error(`\nThe demo failed: ${(error as Error).message}`);
    if (world) {
      const errors = world.app.logs.filter((line) => typeof line.level === 'number' && line.level >= 50).slice(-5);
      if (errors.length) console.error(`Last errors logged by planbot:\n${errors.map((line) => `  ${line.msg}`).join('\n')}`);
    }
    return 1;
  } finally {
    await world?.close();
  }
}

const watchdog = setTimeout(() => {
  console.error(`\nThe demo did not finish within ${OVERALL_TIMEOUT_MS / 60000} minutes; giving up.`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
watchdog.unref();
process.exitCode = await main();
