// The backfill lane of the in-memory queue: live deliveries first, one backfill job at a time
// per installation, and job ids that make a repeated fan-out queue nothing twice.
import { describe, expect, it } from '@jest/globals';
import { MemoryQueue } from '../../src/queue/memory-queue.js';
import type { Delivery } from '../../src/queue/types.js';
import { backfillOrderingKey, repositoryDelivery } from '../../src/backfill/lane.js';
import { deferred, delivery, recordingObserver } from '../helpers/queue-observer.js';

const policy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10, maxRateLimitDelayMs: 3_600_000 };

function build(processor: (delivery: Delivery) => Promise<void>, concurrency: number) {
  return new MemoryQueue(processor, { concurrency, policy, observer: recordingObserver(), dedupe: { maxEntries: 100, ttlMs: 60_000 }, wait: async () => undefined });
}

const install = { id: 'install-1', name: 'installation', payload: { action: 'created', installation: { id: 7 }, sender: { login: 'admin' } } };
const repository = (id: number) => repositoryDelivery(install, { id, name: `r${id}`, full_name: `acme/r${id}` });

describe('backfill lane', () => {
  it('a free worker takes live deliveries before backfill jobs queued earlier', async () => {
    const started: string[] = [];
    const gate = deferred();
    const queue = build(async (job) => {
      started.push(job.id);
      if (job.id === 'live-busy') await gate.promise;
    }, 1);
    await queue.enqueue(delivery('live-busy'), 'acme/web#001-a');
    // Two installations' backfills (different keys, so both may run) queued before a live event.
    await queue.enqueue(repository(1), backfillOrderingKey(7), undefined, { lane: 'backfill' });
    await queue.enqueue({ ...repository(2), id: 'other-install' }, backfillOrderingKey(8), undefined, { lane: 'backfill' });
    await queue.enqueue(delivery('live-late'), 'acme/web#002-b');
    gate.resolve();
    await queue.onIdle();
    expect(started).toEqual(['live-busy', 'live-late', 'install-1.backfill.1', 'other-install']);
  });

  it('runs one repository at a time per installation, in order, whatever the free workers', async () => {
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const queue = build(async (job) => {
      running++;
      most = Math.max(most, running);
      order.push(job.payload.repository.full_name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
    }, 8);
    for (const id of [1, 2, 3, 4]) await queue.enqueue(repository(id), backfillOrderingKey(7), undefined, { lane: 'backfill' });
    await queue.onIdle();
    expect(most).toBe(1);
    expect(order).toEqual(['acme/r1', 'acme/r2', 'acme/r3', 'acme/r4']);
  });

  it('derives job ids from the installation delivery, so a retried fan-out queues nothing twice', async () => {
    const ran: string[] = [];
    const queue = build(async (job) => void ran.push(job.id), 2);
    for (let attempt = 0; attempt < 2; attempt++) {
      for (const id of [1, 2]) await queue.enqueue(repository(id), backfillOrderingKey(7), undefined, { lane: 'backfill' });
    }
    await queue.onIdle();
    expect(ran).toEqual(['install-1.backfill.1', 'install-1.backfill.2']);
    expect(repository(1).payload).toMatchObject({ action: 'repository', trigger: 'installation.created', installation: { id: 7 }, repository: { full_name: 'acme/r1', name: 'r1', owner: { login: 'acme' } } });
  });
});
