// One job per delivery: everything a handler needs, built in one place (buildJob) and passed down
// explicitly, so no feature reaches for a module singleton or a side channel keyed by a context.
import type { Logger } from 'pino';
import type { GitHub, RepoCoordinates } from '../github/github.js';
import type { WebhookPayload } from '../github/events.js';
import type { ConfigResult } from '../config/load.js';
import type { FeatureLock } from './feature-lock.js';
import type { PlanbotMetrics } from '../metrics/registry.js';
import type { PlanAnalysisCache } from '../plan/analysis-cache.js';

/** Who planbot is on GitHub (BOT_LOGIN, else GET /app once per process). */
export interface SelfIdentity {
  /** planbot's bot login, e.g. `planbot[bot]`; null while unknown. */
  login(): Promise<string | null>;
}

/** A job planbot queues for itself (a repository's backfill), with the same shape as a delivery. */
export interface QueuedJob {
  id: string;
  name: string;
  payload: any;
}

/** Where an installation event's job fans out one job per repository (the low-priority lane). */
export interface BackfillLane {
  enqueue(job: QueuedJob): Promise<void>;
}

/** Caches a job shares with the rest of the process, and those that live only as long as the job. */
export interface JobCaches {
  /** Parsed plans by content hash (process-wide, bounded). */
  analyses: PlanAnalysisCache;
  /** Work several handlers of this one delivery would otherwise repeat (e.g. a pull request's plans), by key. */
  perJob: Map<string, Promise<unknown>>;
}

/** A job for one webhook event, with that event's payload type (e.g. `JobOf<'pull_request'>`). */
export type JobOf<Name extends string> = Job<WebhookPayload<Name>>;

export interface Job<Payload = any> {
  /** The delivery id (X-GitHub-Delivery), or a derived id for jobs planbot queues itself. */
  readonly id: string;
  /** The event name (`pull_request`, `push`, …). */
  readonly name: string;
  readonly payload: Payload;
  /** The repository the event is about; throws when the payload names none (installation events). */
  readonly repo: RepoCoordinates;
  /** Every GitHub call goes through this (src/github/github.ts). */
  readonly github: GitHub;
  readonly log: Logger;
  /** `.github/planbot.yml`, loaded at most once per job. */
  config(): Promise<ConfigResult>;
  /** 1 for the first try. */
  readonly attempt: number;
  /** True when an earlier run of this job may have written part of its work already (a retry, or a job taken over after its lease was lost). */
  readonly isRetry: boolean;
  /** Who planbot is, so its own edits and commits trigger nothing further. */
  readonly identity: SelfIdentity;
  /** Serialises sync work per feature (in-process, or shared through Redis between replicas). */
  readonly lock: FeatureLock;
  readonly caches: JobCaches;
  /** null where no app instance made the job (a CLI run, a unit test). */
  readonly metrics: PlanbotMetrics | null;
  /** Where an installation event queues one job per repository; null outside the app. */
  readonly backfill: BackfillLane | null;
}
