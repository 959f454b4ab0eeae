// The one place a Job is built: from a delivery, the installation's GitHub client and the
// process's shared parts (identity, lock, caches, metrics, backfill lane). The app builds one per
// delivery (src/app/index.ts); the backfill one per pull request it catches up, the CLI one per run.
import type { Logger } from 'pino';
import type { GitHub, RepoCoordinates } from '../github/github.js';
import type { BackfillLane, Job, SelfIdentity } from './job.js';
import type { FeatureLock } from './feature-lock.js';
import type { PlanbotMetrics } from '../metrics/registry.js';
import type { PlanAnalysisCache } from '../plan/analysis-cache.js';
import { loadConfig, type ConfigResult } from '../config/load.js';

export interface JobInput {
  delivery: { id: string; name: string; payload: any };
  github: GitHub;
  log: Logger;
  attempt?: number;
  /** Handed back by the queue after its lease was lost: an earlier run may have written part of the work. */
  resumed?: boolean;
  identity: SelfIdentity;
  lock: FeatureLock;
  analyses: PlanAnalysisCache;
  metrics?: PlanbotMetrics | null;
  backfill?: BackfillLane | null;
}

export function buildJob(input: JobInput): Job {
  const { delivery, github, log } = input;
  const attempt = input.attempt ?? 1;
  let config: Promise<ConfigResult> | undefined;
  return {
    id: delivery.id,
    name: delivery.name,
    payload: delivery.payload,
    get repo(): RepoCoordinates {
      return repositoryOf(delivery.payload);
    },
    github,
    log,
    config() {
      config ??= loadConfig(github, repositoryOf(delivery.payload), log);
      return config;
    },
    attempt,
    isRetry: attempt > 1 || input.resumed === true,
    identity: input.identity,
    lock: input.lock,
    caches: { analyses: input.analyses, perJob: new Map() },
    metrics: input.metrics ?? null,
    backfill: input.backfill ?? null,
  };
}

/** The repository a payload is about (as Probot's context.repo() reads it). */
function repositoryOf(payload: any): RepoCoordinates {
  const repository = payload?.repository;
  if (!repository?.owner?.login || !repository.name) {
    throw new Error('this event names no repository (context.repo() is not available for it)');
  }
  return { owner: repository.owner.login, repo: repository.name };
}
