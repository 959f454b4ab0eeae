// A simulator with one repository and an Octokit authenticated as the app's installation: what
// planbot itself uses, so the simulator is tested through a real client.
import { Octokit } from '@octokit/rest';
import { startSimulator, type GitHubSimulator, type SimulatorOptions } from '../../tools/sim/index.js';

export const OWNER = 'acme';
export const REPO = 'web';
export const INSTALLATION = 77;
export const where = { owner: OWNER, repo: REPO };

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export interface SimFixture {
  sim: GitHubSimulator;
  octokit: Octokit;
  headSha: string;
}

export async function simWithRepo(options: SimulatorOptions = {}, files?: Record<string, string>): Promise<SimFixture> {
  const sim = await startSimulator(options);
  const { headSha } = sim.seedRepository({ ...where, installationId: INSTALLATION, files: files ?? { 'README.md': 'hello\n', 'specs/001-x/plan.md': '# Plan\n' } });
  return { sim, octokit: clientFor(sim, INSTALLATION), headSha };
}

export function clientFor(sim: GitHubSimulator, installationId: number, base = sim.apiBase): Octokit {
  return new Octokit({ auth: sim.createInstallationToken(installationId), baseUrl: base, log: silent });
}

/** The HTTP status of a failed call (the call must fail). */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    return (error as { status: number }).status;
  }
  throw new Error('expected the request to fail');
}
