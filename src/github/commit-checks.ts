// Where another check (a check run or a commit status, e.g. a coverage job) stands on a commit.
import type { Octokit, RepoCoordinates } from './files.js';
import type { ExistingCheckRun } from './check-runs.js';
import type { ExternalCheckState } from '../checks/evidence.js';
import { nameKey } from '../checks/names.js';

export interface CommitStatusEntry {
  context: string;
  state: string;
}

/** Check runs win over statuses of the same name; neither: missing. */
export function externalCheckState(
  name: string,
  runs: ExistingCheckRun[],
  statuses: CommitStatusEntry[],
): ExternalCheckState {
  const key = nameKey(name);
  const run = runs.find((candidate) => nameKey(candidate.name) === key);
  if (run) {
    if (run.status !== 'completed') return { state: 'pending', detail: run.status.replace(/_/g, ' '), kind: 'check run' };
    return { state: run.conclusion === 'success' ? 'success' : 'failure', detail: run.conclusion, kind: 'check run' };
  }
  const status = statuses.find((candidate) => nameKey(candidate.context) === key);
  if (status) {
    const state = status.state === 'success' ? 'success' : status.state === 'pending' ? 'pending' : 'failure';
    return { state, detail: status.state, kind: 'status' };
  }
  return { state: 'missing', detail: null, kind: null };
}

/** The latest status per context on a commit (the combined status): one request, up to 100 contexts. */
export async function listCommitStatuses(octokit: Octokit, where: RepoCoordinates, sha: string): Promise<CommitStatusEntry[]> {
  const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...where, ref: sha, per_page: 100 });
  return data.statuses;
}
