// How a backfill reaches the queue. The installation event's job fans out one job per repository
// into the backfill lane: low priority (a free worker takes live deliveries first) and one
// ordering key per installation (one repository at a time per installation, in order).
import type { InstalledRepository } from '../github/github.js';
import type { QueuedJob } from '../job/job.js';

/** The internal event name of a repository's backfill job (never a webhook: the events table alone knows it). */
export const BACKFILL_EVENT = 'planbot_backfill';

/** One ordering key per installation: its repositories are caught up one at a time. */
export function backfillOrderingKey(installationId: number | string): string {
  return `backfill:installation:${installationId}`;
}

/**
 * One repository's job. Its id derives from the installation delivery's, so a retried fan-out
 * (or a redelivery that got past the delivery dedupe) queues nothing twice.
 */
export function repositoryDelivery(source: { id: string; name: string; payload: any }, repository: InstalledRepository): QueuedJob {
  const [owner, name] = repository.full_name.split('/');
  return {
    id: `${source.id}.backfill.${repository.id}`,
    name: BACKFILL_EVENT,
    payload: {
      action: 'repository',
      trigger: `${source.name}.${source.payload?.action}`,
      installation: { id: source.payload?.installation?.id },
      repository: { id: repository.id, name: name ?? repository.name, full_name: repository.full_name, private: repository.private ?? false, owner: { login: owner } },
      sender: source.payload?.sender ?? null,
    },
  };
}
