// The features the load runs re-evaluate: each in its own repository and installation (one
// planbot process serves a whole organisation), with a plan on its branch, an open pull request,
// issue sync run and check runs posted. After setup every feature is in steady state: a new
// `pull_request` delivery for it should change nothing.
//
// The plan is the demo's filled-in plan without its phases. The event still makes the same five
// requests as with phases (config, PR files, plan, check runs, planbot issues), but setup writes
// only two check runs per feature: Octokit paces writes one second apart (issues three) for the
// whole process, so syncing four phase issues per feature would cost about 30 s each. The CPU a
// full four-phase plan costs per event is measured separately (event-costs.ts, steady repeats).
import { FILLED_PLAN, SCENARIO } from '../demo/scenario.js';
import type { BenchRepo, BenchWorld } from './bench-world.js';
import { costOf, forInstallations, type RequestCost } from './request-cost.js';

export interface FleetFeature {
  repo: BenchRepo;
  pullNumber: number;
  /** `pull_request.reopened` for the PR as it stands: head, plan and issues unchanged. */
  steadyPayload: Record<string, any>;
}

export interface Fleet {
  features: FleetFeature[];
  installations: Set<number>;
  setupMs: number;
  setupCost: RequestCost;
}

/** Re-evaluations delivered after setup so ETag caches hold the current answers. */
const WARM_UP_DELIVERIES = 2;

/** The demo's filled-in plan with its "Implementation Phases" section taken out. */
export function fleetPlan(): string {
  const from = FILLED_PLAN.indexOf('## Implementation Phases');
  const to = FILLED_PLAN.indexOf('## Quality Gates');
  if (from === -1 || to <= from) throw new Error('the demo plan changed shape: no "Implementation Phases" before "Quality Gates"');
  return FILLED_PLAN.slice(0, from) + FILLED_PLAN.slice(to);
}

export async function setUpFleet(world: BenchWorld, size: number, firstInstallationId: number): Promise<Fleet> {
  const started = Date.now();
  const firstRequest = world.simulator.requests.length;
  const repos = Array.from({ length: size }, (_, index) => world.seedRepo(`fleet-${index + 1}`, firstInstallationId + index));
  // Installations are throttled separately (GitHub's write pacing is per installation): set up in parallel.
  const features = await Promise.all(repos.map((repo) => setUpFeature(world, repo)));
  const installations = new Set(repos.map((repo) => repo.installationId));
  return {
    features,
    installations,
    setupMs: Date.now() - started,
    setupCost: costOf(forInstallations(world.simulator.requests.slice(firstRequest), installations)),
  };
}

async function setUpFeature(world: BenchWorld, repo: BenchRepo): Promise<FleetFeature> {
  const sim = world.simulator;
  sim.createBranch({ ...repo, branch: SCENARIO.branch, files: { [SCENARIO.planPath]: fleetPlan() }, as: SCENARIO.author });
  await world.drain(repo);
  const { number } = sim.openPullRequest({ ...repo, head: SCENARIO.branch, title: SCENARIO.pullTitle, as: SCENARIO.author });
  await world.drain(repo);
  const steadyPayload = world.pullRequestPayload(repo, number, 'reopened');
  for (let i = 0; i < WARM_UP_DELIVERIES; i++) await world.deliver('pull_request', steadyPayload);
  await world.drain(repo);
  return { repo, pullNumber: number, steadyPayload };
}
