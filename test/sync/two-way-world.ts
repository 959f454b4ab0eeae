// The GitHub simulator (over HTTP, with its webhooks) and planbot's handlers in this process: a
// person edits issues and commits to plan.md through the simulator, and the tests decide which
// webhook is delivered when — late, twice, out of order. No pacing, so hundreds of interleavings
// run in seconds.
import { Probot } from 'probot';
import pino from 'pino';
import { createPlanbot } from '../../src/app/index.js';
import { InlineQueue } from '../../src/queue/inline-queue.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { startSimulator, type GitHubSimulator, type SimEvent, type SimIssue } from '../../tools/sim/index.js';
import { readMarker } from '../../src/sync/marker.js';
import { captureLogs, testOctokit, type LogLine } from '../helpers/probot.js';

export const OWNER = 'acme';
export const REPO = 'web';
export const BRANCH = '001-user-auth';
export const PLAN_PATH = `specs/${BRANCH}/plan.md`;
const INSTALLATION = 4242;
const where = { owner: OWNER, repo: REPO };

/** Handled events; the rest (check runs, labels…) are skipped to keep the run short. */
const DELIVERED = new Set(['push', 'pull_request', 'issues']);

export function planText(phases: Array<{ name: string; tasks: Array<[text: string, checked: boolean]> }>): string {
  const lines = ['# Implementation Plan: User auth', '', '## Implementation Phases', ''];
  phases.forEach((phase, index) => {
    lines.push(`### Phase ${index + 1}: ${phase.name}`, `**Duration**: 1 day`, '');
    for (const [text, checked] of phase.tasks) lines.push(`- [${checked ? 'x' : ' '}] ${text}`);
    lines.push('');
  });
  return lines.join('\n');
}

export interface TwoWayWorld {
  sim: GitHubSimulator;
  probot: Probot;
  logs: LogLine[];
  /** Events GitHub sent that are not delivered yet, oldest first. */
  pending: SimEvent[];
  /** Every event delivered so far (for redeliveries). */
  delivered: SimEvent[];
  deliver(event: SimEvent): Promise<void>;
  /** Delivers everything pending (and what it causes), in order. */
  drain(): Promise<void>;
  plan(): string;
  phaseIssue(phase: string): SimIssue;
  /** Edits an issue body as a person in the web UI. */
  editBody(number: number, change: (body: string) => string): void;
  commitPlan(change: (text: string) => string, as?: string): void;
  close(): Promise<void>;
}

export async function twoWayWorld(plan: string, options: { config?: string } = {}): Promise<TwoWayWorld> {
  const sim = await startSimulator();
  sim.registerApp({ appId: 1, slug: 'planbot' });
  sim.seedRepository({
    ...where,
    installationId: INSTALLATION,
    files: { 'README.md': '# web\n', '.github/planbot.yml': options.config ?? 'checks:\n  enabled: false\n' },
  });
  sim.setPermission({ ...where, user: 'alice', permission: 'write' });
  const pending: SimEvent[] = [];
  sim.onEvent((event) => {
    // planbot's own events come back, as on github.com; dispatch drops them, so they are not delivered.
    if (DELIVERED.has(event.name) && event.payload.sender?.login !== 'planbot[bot]') pending.push(event);
  });
  const { logs, sink } = captureLogs();
  const probot = new Probot({
    githubToken: sim.createInstallationToken(INSTALLATION),
    baseUrl: sim.apiBase,
    log: pino({ level: 'warn' }, sink),
    Octokit: testOctokit(),
  });
  await probot.load(
    createPlanbot({
      createQueue: (processor) => new InlineQueue(processor),
      metrics: createMetrics({ defaultMetrics: false }),
      env: { BOT_LOGIN: 'planbot' },
    }),
  );
  const delivered: SimEvent[] = [];
  const deliver = async (event: SimEvent) => {
    delivered.push(event);
    await probot.receive({ id: event.id, name: event.name as any, payload: event.payload as any });
  };
  sim.createBranch({ ...where, branch: BRANCH, files: { [PLAN_PATH]: plan }, as: 'alice' });
  sim.openPullRequest({ ...where, head: BRANCH, title: 'User auth', as: 'alice' });
  const world: TwoWayWorld = {
    sim,
    probot,
    logs,
    pending,
    delivered,
    deliver,
    async drain() {
      while (pending.length > 0) await deliver(pending.shift() as SimEvent);
    },
    plan: () => sim.readFile({ ...where, path: PLAN_PATH, ref: BRANCH }) as string,
    phaseIssue(phase) {
      const issue = sim.issues(where).find((candidate) => {
        const marker = readMarker(candidate.body);
        return marker?.phase === phase && !marker.tracking && !marker.task;
      });
      if (!issue) throw new Error(`no issue for phase ${phase}`);
      return issue;
    },
    editBody(number, change) {
      const issue = sim.issue({ ...where, number });
      sim.editIssue({ ...where, number, body: change(issue?.body ?? ''), as: 'alice' });
    },
    commitPlan(change, as = 'alice') {
      sim.commitFile({ ...where, branch: BRANCH, path: PLAN_PATH, content: change(world.plan()), message: 'Update the plan', as });
    },
    close: () => sim.close(),
  };
  await world.drain();
  return world;
}

/** `- [x] text` ↔ `- [ ] text` on the line naming `text` (first one). */
export function setBox(markdown: string, text: string, checked: boolean): string {
  const lines = markdown.split('\n');
  const index = lines.findIndex((line) => /^\s*[-*+] \[[ xX]\] /.test(line) && line.endsWith(text));
  if (index === -1) throw new Error(`no task ${text}`);
  lines[index] = lines[index].replace(/\[[ xX]\]/, checked ? '[x]' : '[ ]');
  return lines.join('\n');
}

/** Task text → checked, from a plan or an issue body. */
export function boxes(markdown: string): Map<string, boolean> {
  const states = new Map<string, boolean>();
  for (const match of markdown.matchAll(/^\s*[-*+] \[([ xX])\] (.*)$/gm)) states.set(match[2].trim(), match[1] !== ' ');
  return states;
}
