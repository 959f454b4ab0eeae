// A Job for tests that hold a Probot Context (nock-backed Octokit) and call a handler directly:
// built by the app's own buildJob, with the context's client behind the real GitHub boundary.
import type { Context } from 'probot';
import type { Logger } from 'pino';
import { buildJob, type JobInput } from '../../src/job/build-job.js';
import { octokitGitHub } from '../../src/github/octokit-github.js';
import { KeyedMutex } from '../../src/job/feature-lock.js';
import { planAnalysisCache } from '../../src/plan/analysis-cache.js';
import type { Job } from '../../src/job/job.js';

/** One lock for every test job of a file, as one process has one (tests may pass their own). */
export const sharedTestLock = new KeyedMutex();

export type JobOverrides = Partial<Omit<JobInput, 'delivery'>>;

export function jobFromContext<Payload = any>(context: Pick<Context, 'id' | 'name' | 'payload' | 'octokit' | 'log'>, overrides: JobOverrides = {}): Job<Payload> {
  return buildJob({
    delivery: { id: context.id, name: context.name, payload: context.payload },
    github: octokitGitHub(context.octokit),
    log: context.log as unknown as Logger,
    identity: { login: async () => null },
    lock: sharedTestLock,
    analyses: planAnalysisCache,
    ...overrides,
  }) as Job<Payload>;
}
