// Sends the check-run writes, in order: one request each. An append goes to the run the create
// of the same name just made (its id is known only once GitHub answers).
import type { Logger } from 'pino';
import type { GitHub, RepoCoordinates } from '../github/github.js';
import { isLeaseLost } from '../job/lease.js';
import type { CheckRunWrite } from './writes.js';

/** Returns the names of the runs posted, each once all its writes went through. */
export async function applyCheckRunWrites(github: GitHub, where: RepoCoordinates, writes: CheckRunWrite[], log: Logger): Promise<string[]> {
  const posted: string[] = [];
  let current: { name: string; conclusion: string; id: number; requests: number } | null = null;
  const finish = () => {
    if (!current) return;
    log.info({ check: current.name, conclusion: current.conclusion, checkRunId: current.id, requests: current.requests }, 'check run posted');
    posted.push(current.name);
    current = null;
  };
  for (const write of writes) {
    try {
      if (write.kind === 'create-check-run') {
        finish();
        const { kind: _kind, ...run } = write;
        const { id } = await github.createCheckRun(where, run);
        current = { name: write.name, conclusion: write.conclusion, id, requests: 1 };
      } else {
        if (current?.name !== write.name) throw new Error(`annotations for ${write.name} follow no create of that check run`);
        await github.updateCheckRun(where, current.id, { output: write.output });
        current.requests++;
      }
    } catch (error) {
      // Rethrown so the queue can retry; the log line carries the delivery id. A run that lost its
      // lease (Redis mode) stopped on purpose: the queue says so in one line.
      if (!isLeaseLost(error)) log.error({ err: error, check: write.name, status: (error as { status?: number }).status }, 'could not post check run');
      throw error;
    }
  }
  finish();
  return posted;
}
