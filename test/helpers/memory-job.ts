// A Job over the in-memory GitHub (test/helpers/memory-github.ts), built by the app's own buildJob:
// for unit tests that run a handler or a feature without any HTTP.
import pino, { type Logger } from 'pino';
import { buildJob } from '../../src/job/build-job.js';
import { planAnalysisCache } from '../../src/plan/analysis-cache.js';
import type { Job } from '../../src/job/job.js';
import { sharedTestLock, type JobOverrides } from './job.js';
import type { MemoryGitHub } from './memory-github.js';

export interface MemoryDelivery {
  id?: string;
  name: string;
  payload: any;
}

export function memoryJob<Payload = any>(github: MemoryGitHub, delivery: MemoryDelivery, overrides: JobOverrides = {}): Job<Payload> {
  return buildJob({
    delivery: { id: delivery.id ?? 'delivery-1', name: delivery.name, payload: delivery.payload },
    github,
    log: pino({ level: 'silent' }) as Logger,
    identity: { login: async () => null },
    lock: sharedTestLock,
    analyses: planAnalysisCache,
    ...overrides,
  }) as Job<Payload>;
}
