// Where another check (a check run or a commit status, e.g. a coverage job) stands on a commit,
// for gates whose evidence names it.
import type { CommitStatusEntry, ExistingCheckRun } from '../github/github.js';
import type { ExternalCheckState } from './evidence.js';
import { nameKey } from './names.js';

/** Check runs win over statuses of the same name; neither: missing. */
export function externalCheckState(name: string, runs: ExistingCheckRun[], statuses: CommitStatusEntry[]): ExternalCheckState {
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
