// What the demo shows, gathered once from the simulator after the scenario ran: the steps' results
// plus the final issues and check runs, so the console account and the HTML report tell one story.
import type { BoardSnapshot, RequestRecord, SimCheckRun, SimIssue } from '../sim/index.js';
import { blobLinksIn, type LinkedFile } from './links.js';
import { BOARD, SCENARIO, type BranchStep, type PlanStep, type PullStep, type RedeliveryStep, type TickStep, type World } from './scenario.js';

export interface IssueView {
  issue: SimIssue;
  subIssues: SimIssue[];
  parent: SimIssue | null;
  blockedBy: SimIssue[];
}

export interface Story {
  repository: string;
  webUrl: string;
  branch: BranchStep;
  pull: PullStep;
  plan: PlanStep;
  tick: TickStep;
  redelivery: RedeliveryStep;
  /** Issues right after step 3 (the plan pushed); tracking issues first, then by number. */
  issuesAfterPlan: IssueView[];
  /** Issues at the end. */
  issues: IssueView[];
  /** Check runs on the final PR head, latest per name. */
  finalChecks: SimCheckRun[];
  requests: { total: number; writes: number; conditional304: number; byStep: Record<string, number> };
  violations: number;
  deliveries: number;
  /** The files planbot's links name (a plan at a commit), read while the simulator still runs. */
  linkedFiles: LinkedFile[];
  /** The Project board at the end, when the world has one; GraphQL requests made for it. */
  board?: { snapshot: BoardSnapshot; queries: number; mutations: number } | null;
}

export function tellStory(world: World, steps: { branch: BranchStep; pull: PullStep; plan: PlanStep; tick: TickStep; redelivery: RedeliveryStep }, options: { board?: boolean } = {}): Story {
  const where = { owner: SCENARIO.owner, repo: SCENARIO.repo };
  const sim = world.simulator;
  const issues = viewsOf(sim.issues(where));
  const head = sim.branchSha({ ...where, branch: SCENARIO.branch })!;
  const latest = new Map<string, SimCheckRun>();
  for (const run of sim.checkRuns({ ...where, sha: head })) latest.set(run.name, run);
  const texts = [...steps.pull.checks.values(), ...steps.plan.checks.values(), ...latest.values()]
    .flatMap((run) => [run.output.summary ?? '', run.output.text ?? ''])
    .concat(issues.map((view) => view.issue.body ?? ''), steps.plan.issues.map((issue) => issue.body ?? ''));
  const linkedFiles = blobLinksIn(texts, SCENARIO.owner, SCENARIO.repo).flatMap(({ ref, path }, index) => {
    const content = sim.readFile({ ...where, path, ref });
    return content === null ? [] : [{ id: `file-${index + 1}`, ref, path, content }];
  });
  const count = (requests: RequestRecord[]) => requests.filter((request) => request.installationId !== null).length;
  return {
    repository: `${SCENARIO.owner}/${SCENARIO.repo}`,
    webUrl: sim.url,
    ...steps,
    issuesAfterPlan: viewsOf(steps.plan.issues),
    issues,
    finalChecks: [...latest.values()],
    requests: {
      total: sim.requests.length,
      writes: sim.requests.filter((request) => request.write && request.installationId !== null).length,
      conditional304: sim.requests.filter((request) => request.conditional304).length,
      byStep: {
        'branch pushed': count(steps.branch.requests),
        'PR opened': count(steps.pull.requests),
        'plan filled in': count(steps.plan.requests),
        'box ticked': count(steps.tick.requests),
        'everything redelivered': count(steps.redelivery.requests),
      },
    },
    violations: sim.violations.length,
    deliveries: world.relay.deliveries.length,
    linkedFiles,
    board: options.board
      ? {
          snapshot: sim.projectBoard(SCENARIO.owner, BOARD.number),
          queries: sim.requests.filter((request) => request.graphql?.operation === 'query').length,
          mutations: sim.requests.filter((request) => request.graphql?.operation === 'mutation').length,
        }
      : null,
  };
}

/** Issues with their relations resolved; tracking issues (those with sub-issues) first. */
function viewsOf(all: SimIssue[]): IssueView[] {
  const byId = (id: number) => all.find((issue) => issue.id === id);
  return all
    .map((issue) => ({
      issue,
      subIssues: issue.subIssues.map(byId).filter((found): found is SimIssue => Boolean(found)),
      parent: issue.parent === null ? null : (byId(issue.parent) ?? null),
      blockedBy: issue.blockedBy.map(byId).filter((found): found is SimIssue => Boolean(found)),
    }))
    .sort((a, b) => Number(b.subIssues.length > 0) - Number(a.subIssues.length > 0) || a.issue.number - b.issue.number);
}
