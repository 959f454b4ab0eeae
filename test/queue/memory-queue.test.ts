import { describe, expect, it } from '@jest/globals';
import { MemoryQueue, type MemoryQueueOptions } from '../../src/queue/memory-queue.js';
import { QueueUnavailableError, type Delivery } from '../../src/queue/types.js';
import { deferred, delivery, flush, httpError, recordingObserver } from '../helpers/queue-observer.js';

const policy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, maxRateLimitDelayMs: 3_600_000 };

/** A queue whose retry waits are recorded and resolve at once (or when the test says). */
function build(processor: (delivery: Delivery) => Promise<void>, overrides: Partial<MemoryQueueOptions> = {}) {
  const observer = recordingObserver();
  const waits: number[] = [];
  const queue = new MemoryQueue(processor, {
    concurrency: 4,
    policy,
    observer,
    dedupe: { maxEntries: 100, ttlMs: 60_000 },
    wait: async (ms) => void waits.push(ms),
    ...overrides,
  });
  return { queue, observer, waits };
}

describe('MemoryQueue', () => {
  it('acknowledges at once: enqueue resolves before the job has finished', async () => {
    const gate = deferred();
    const { queue, observer } = build(() => gate.promise);
    await queue.enqueue(delivery('d1'), 'acme/web#001-a');
    expect(observer.events).toEqual([]);
    expect(await queue.stats()).toMatchObject({ mode: 'memory', active: 1, waiting: 0 });
    gate.resolve();
    await queue.onIdle();
    expect(observer.events).toEqual([{ type: 'completed', id: 'd1', attempt: 1 }]);
  });

  it('runs a redelivery of an in-flight or processed delivery zero more times', async () => {
    const calls: string[] = [];
    const gate = deferred();
    const { queue, observer } = build(async (d) => {
      calls.push(d.id);
      await gate.promise;
    });
    await queue.enqueue(delivery('d1'), 'k');
    await queue.enqueue(delivery('d1'), 'k'); // in flight
    gate.resolve();
    await queue.onIdle();
    await queue.enqueue(delivery('d1'), 'k'); // processed
    await queue.onIdle();
    expect(calls).toEqual(['d1']);
    expect(observer.of('duplicate')).toEqual(['d1', 'd1']);
  });

  it('lets a person redeliver a delivery that failed for good', async () => {
    let fail = true;
    const calls: string[] = [];
    const { queue, observer } = build(async (d) => {
      calls.push(d.id);
      if (fail) throw httpError(422);
    });
    await queue.enqueue(delivery('d1'), 'k');
    await queue.onIdle();
    fail = false;
    await queue.enqueue(delivery('d1'), 'k');
    await queue.onIdle();
    expect(calls).toEqual(['d1', 'd1']);
    expect(observer.events.map((e) => `${e.type}:${e.reason ?? ''}`)).toEqual(['failed:client-error', 'completed:']);
  });

  it('runs jobs of one ordering key one at a time, in arrival order', async () => {
    const log: string[] = [];
    const gates = new Map([1, 2, 3].map((n) => [`d${n}`, deferred()]));
    const { queue } = build(async (d) => {
      log.push(`start ${d.id}`);
      await gates.get(d.id)!.promise;
      log.push(`end ${d.id}`);
    });
    for (const id of ['d1', 'd2', 'd3']) await queue.enqueue(delivery(id), 'acme/web#001-a');
    await flush();
    expect(log).toEqual(['start d1']);
    gates.get('d3')!.resolve(); // finishing order of the work does not matter: d3 has not started
    gates.get('d2')!.resolve();
    await flush();
    expect(log).toEqual(['start d1']);
    gates.get('d1')!.resolve();
    await queue.onIdle();
    expect(log).toEqual(['start d1', 'end d1', 'start d2', 'end d2', 'start d3', 'end d3']);
  });

  it('runs different features in parallel, never more than the concurrency bound', async () => {
    let running = 0;
    let peak = 0;
    const gate = deferred();
    const { queue } = build(
      async () => {
        running++;
        peak = Math.max(peak, running);
        await gate.promise;
        running--;
      },
      { concurrency: 2 },
    );
    for (let n = 0; n < 5; n++) await queue.enqueue(delivery(`d${n}`), `acme/web#00${n}-x`);
    await flush();
    expect(running).toBe(2);
    expect(await queue.stats()).toMatchObject({ active: 2, waiting: 3 });
    gate.resolve();
    await queue.onIdle();
    expect(peak).toBe(2);
  });

  it('retries 5xx with exponential backoff, then succeeds', async () => {
    let calls = 0;
    const { queue, observer, waits } = build(async () => {
      calls++;
      if (calls < 3) throw httpError(502);
    });
    await queue.enqueue(delivery('d1'), 'k');
    await queue.onIdle();
    expect(calls).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(800);
    expect(waits[0]).toBeLessThanOrEqual(1_200);
    expect(waits[1]).toBeGreaterThanOrEqual(1_600);
    expect(waits[1]).toBeLessThanOrEqual(2_400);
    expect(observer.events.map((e) => e.type)).toEqual(['retrying', 'retrying', 'completed']);
  });

  it('waits for retry-after on a rate limit', async () => {
    let calls = 0;
    const { queue, waits } = build(async () => {
      if (++calls === 1) throw httpError(429, { headers: { 'retry-after': '30' } });
    });
    await queue.enqueue(delivery('d1'), 'k');
    await queue.onIdle();
    expect(waits).toEqual([30_000]);
    expect(calls).toBe(2);
  });

  it('does not retry a 4xx', async () => {
    let calls = 0;
    const { queue, observer, waits } = build(async () => {
      calls++;
      throw httpError(404);
    });
    await queue.enqueue(delivery('d1'), 'k');
    await queue.onIdle();
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
    expect(observer.events).toEqual([{ type: 'failed', id: 'd1', attempt: 1, reason: 'client-error' }]);
  });

  it('gives a job up after maxAttempts and logs it; jobs behind it on its key go on after it', async () => {
    const retryWait = deferred();
    const log: string[] = [];
    const { queue, observer } = build(
      async (d) => {
        log.push(d.id);
        if (d.id === 'stuck') throw httpError(500);
      },
      { wait: () => retryWait.promise },
    );
    await queue.enqueue(delivery('stuck'), 'acme/web#001-a');
    await queue.enqueue(delivery('behind'), 'acme/web#001-a');
    await queue.enqueue(delivery('other'), 'acme/web#002-b');
    await flush();
    // The stuck job waits for its retry: it holds no worker, other features go on; its own key waits.
    expect(log).toEqual(['stuck', 'other']);
    expect(await queue.stats()).toMatchObject({ delayed: 1, active: 0 });
    retryWait.resolve();
    await queue.onIdle();
    expect(log).toEqual(['stuck', 'other', 'stuck', 'stuck', 'behind']);
    expect(observer.events.filter((e) => e.id === 'stuck').map((e) => e.type)).toEqual(['retrying', 'retrying', 'failed']);
    expect(observer.events.find((e) => e.type === 'failed')).toEqual({ type: 'failed', id: 'stuck', attempt: 3, reason: 'attempts-exhausted' });
    expect(observer.of('completed')).toEqual(['other', 'behind']);
    expect((await queue.stats()).failed).toBe(1);
  });

  it('drops a job whose installation is gone, without retrying, and dedupes its redelivery', async () => {
    let calls = 0;
    const { queue, observer } = build(async () => {
      calls++;
      throw httpError(404, { url: 'https://api.github.com/app/installations/9/access_tokens' });
    });
    await queue.enqueue(delivery('d1'), 'k');
    await queue.onIdle();
    await queue.enqueue(delivery('d1'), 'k');
    await queue.onIdle();
    expect(calls).toBe(1);
    expect(observer.events.map((e) => `${e.type}:${e.reason ?? ''}`)).toEqual(['dropped:installation-gone', 'duplicate:']);
  });

  it('on close, finishes in-flight jobs within the bound and refuses new ones with 503', async () => {
    const gate = deferred();
    const { queue, observer } = build(() => gate.promise);
    await queue.enqueue(delivery('d1'), 'k');
    const closing = queue.close({ timeoutMs: 10_000 });
    await expect(queue.enqueue(delivery('d2'), 'k')).rejects.toMatchObject({ status: 503, name: 'QueueUnavailableError' });
    expect((await queue.stats()).closing).toBe(true);
    gate.resolve();
    await closing;
    expect(observer.events).toEqual([{ type: 'completed', id: 'd1', attempt: 1 }]);
  });

  it('past the bound, reports every unfinished delivery (running, queued, waiting to retry) as abandoned', async () => {
    const never = new Promise<void>(() => undefined);
    const { queue, observer } = build(
      async (d) => {
        if (d.id === 'retrying') throw httpError(503);
        await never;
      },
      { wait: (_ms, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) },
    );
    await queue.enqueue(delivery('hanging'), 'a');
    await queue.enqueue(delivery('queued'), 'a');
    await queue.enqueue(delivery('retrying'), 'b');
    await flush();
    await queue.close({ timeoutMs: 20 });
    expect(observer.of('abandoned').sort()).toEqual(['hanging', 'queued', 'retrying']);
    expect(observer.of('completed')).toEqual([]);
  });

  it('QueueUnavailableError carries status 503 for the webhook answer', () => {
    expect(new QueueUnavailableError('x').status).toBe(503);
  });
});
