// How a backfill reaches the queue. The installation event's job fans out one job per repository
// into the backfill lane: low priority (a free worker takes live deliveries first) and one
// ordering key per installation (one repository at a time per installation, in order).
import type { PlanbotMetrics } from '../metrics/registry.js';
import type { Delivery } from '../queue/types.js';

/** The internal event name of a repository's backfill job (never a webhook: dispatch alone knows it). */
export const BACKFILL_EVENT = 'planbot_backfill';

export interface BackfillLane {
  /** Accepts one repository's job (resolves once queued; deduplicated by delivery id). */
  enqueue(delivery: Delivery): Promise<void>;
  metrics: Pick<PlanbotMetrics, 'backfillRepositories' | 'backfillPullRequests'> | null;
}

const lanes = new WeakMap<object, BackfillLane>();

/** The queue wrapper (src/app/index.ts) attaches the lane to each job's context. */
export function attachBackfillLane(context: object, lane: BackfillLane): void {
  lanes.set(context, lane);
}

export function backfillLaneOf(context: object): BackfillLane | undefined {
  return lanes.get(context);
}

/** One ordering key per installation: its repositories are caught up one at a time. */
export function backfillOrderingKey(installationId: number | string): string {
  return `backfill:installation:${installationId}`;
}

export interface BackfillRepository {
  id: number;
  name: string;
  full_name: string;
  private?: boolean;
}

/**
 * One repository's job. Its id derives from the installation delivery's, so a retried fan-out
 * (or a redelivery that got past the delivery dedupe) queues nothing twice.
 */
export function repositoryDelivery(source: { id: string; name: string; payload: any }, repository: BackfillRepository): Delivery {
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
