// One try of one job: run the processor, time it, and turn a throw into a decision.
import { performance } from 'node:perf_hooks';
import { decide, type Decision, type RetryPolicy } from './retry-policy.js';
import type { Delivery, DeliveryProcessor } from './types.js';

export type AttemptOutcome = ({ kind: 'done' } | (Decision & { error: unknown })) & { attempt: number; durationMs: number };

export async function runAttempt(
  processor: DeliveryProcessor,
  delivery: Delivery,
  attempt: number,
  policy: RetryPolicy,
  reuse?: unknown,
  resumed = false,
): Promise<AttemptOutcome> {
  const started = performance.now();
  try {
    await processor(delivery, reuse, attempt, resumed);
    return { kind: 'done', attempt, durationMs: performance.now() - started };
  } catch (error) {
    return { ...decide(error, attempt, policy), error, attempt, durationMs: performance.now() - started };
  }
}
