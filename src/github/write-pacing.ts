// How far apart planbot's writes to GitHub go, per installation. GitHub's guidance for its
// secondary limits: at least 1 s between content-creating requests and at most 80 of them a
// minute. Octokit's throttling plugin, left to its defaults, spaces writes 1 s apart and those it
// expects to notify someone (issue creation, sub-issue links) 3 s apart: a first sync of a
// 4-phase plan took 28 s. planbot spaces every write at the documented 1 s, under an 80-a-minute
// cap, and lets an operator change the spacing for all installations or for single ones.
import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import Bottleneck from 'bottleneck';
import { parseEnv } from '../config/env.js';

export const writePacingEnvSchema = z.object({
  GITHUB_WRITE_SPACING_MS: z.coerce.number().int().min(0).default(1_000),
  GITHUB_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(80),
  /** `12345=2000,678=1500`: installation id = spacing in ms, for installations that need their own. */
  GITHUB_WRITE_SPACING_BY_INSTALLATION: z
    .string()
    .regex(/^\s*(?:\d+=\d+\s*(?:,\s*\d+=\d+\s*)*)?$/, 'a list like 12345=2000,678=1500')
    .default(''),
});

export interface WritePacing {
  spacingMs: number;
  perMinute: number;
  byInstallation: ReadonlyMap<string, number>;
  /** The window `perMinute` counts in: a minute (tests shorten it). */
  windowMs?: number;
}

export function writePacingFromEnv(env: NodeJS.ProcessEnv = process.env): WritePacing {
  const settings = parseEnv(writePacingEnvSchema, env);
  const byInstallation = new Map<string, number>();
  for (const pair of settings.GITHUB_WRITE_SPACING_BY_INSTALLATION.split(',')) {
    const [id, ms] = pair.split('=').map((part) => part.trim());
    if (id && ms) byInstallation.set(id, Number(ms));
  }
  return { spacingMs: settings.GITHUB_WRITE_SPACING_MS, perMinute: settings.GITHUB_WRITES_PER_MINUTE, byInstallation };
}

type GroupConstructor = typeof Bottleneck;

const shared = new WeakMap<WritePacing, WeakMap<object, Bottleneck.Group>>();
const NO_CONNECTION = {};

/**
 * The throttle options that pace writes: one limiter per installation (the plugin keys it by the
 * installation id), shared by every client of the process, or by every replica when Probot shares
 * its limiter state through Redis (`connection`).
 */
export function pacingThrottleOptions(pacing: WritePacing, throttle: { Bottleneck?: GroupConstructor; connection?: object; timeout?: number } = {}) {
  const key = throttle.connection ?? NO_CONNECTION;
  const byConnection = shared.get(pacing) ?? new WeakMap<object, Bottleneck.Group>();
  shared.set(pacing, byConnection);
  let write = byConnection.get(key);
  if (!write) {
    const Limiter = throttle.Bottleneck ?? Bottleneck;
    write = new Limiter.Group({
      id: 'planbot-write',
      maxConcurrent: 1,
      minTime: pacing.spacingMs,
      // At most perMinute writes in any minute-long window that starts with a refill.
      reservoir: pacing.perMinute,
      reservoirRefreshAmount: pacing.perMinute,
      reservoirRefreshInterval: pacing.windowMs ?? 60_000,
      timeout: throttle.timeout ?? 120_000,
      ...(throttle.connection ? { connection: throttle.connection as Bottleneck.IORedisConnection } : {}),
    });
    write.on('created', (limiter, installation) => {
      const own = pacing.byInstallation.get(installation);
      if (own !== undefined) void limiter.updateSettings({ minTime: own });
    });
    byConnection.set(key, write);
  }
  // Every write goes through `write` at the spacing above; none waits in the 3 s notification lane.
  return {
    write: prioritised(write),
    retryLimiter: laneKeeping(new (throttle.Bottleneck ?? Bottleneck)()),
    triggersNotification: () => false,
  };
}

const lane = new AsyncLocalStorage<'low'>();

/**
 * Runs `work` with its writes behind every other write of the installation that is waiting: a
 * command's reply never holds up another feature's sync or check runs.
 */
export function inLowPriorityLane<T>(work: () => Promise<T>): Promise<T> {
  return lane.run('low', work);
}

/**
 * The plugin runs each request through `retryLimiter`, which may start it from another request's
 * async context; this one starts it in the lane it was sent in, so `prioritised` sees the right one.
 */
function laneKeeping(limiter: Bottleneck) {
  const untyped = limiter as unknown as {
    schedule: (task: (...args: unknown[]) => Promise<unknown>, ...args: unknown[]) => Promise<unknown>;
    on: (event: string, handler: (...args: any[]) => unknown) => void;
  };
  return {
    schedule: (task: (...args: unknown[]) => Promise<unknown>, ...args: unknown[]) => {
      const sentIn = lane.getStore();
      const inLane = (...taskArgs: unknown[]) => (sentIn ? lane.run(sentIn, () => task(...taskArgs)) : lane.exit(() => task(...taskArgs)));
      return untyped.schedule(inLane, ...args);
    },
    on: (event: string, handler: (...args: any[]) => unknown) => untyped.on(event, handler),
  };
}

/** The group as the throttling plugin uses it (`key(id).schedule(options, task)`), with a priority per lane. */
function prioritised(group: Bottleneck.Group) {
  return {
    key: (id: string) => {
      const limiter = group.key(id);
      return {
        schedule: (options: Bottleneck.JobOptions, task: () => Promise<unknown>) => {
          // Bottleneck runs lower numbers first; the plugin's own retries (priority 0) keep theirs.
          return limiter.schedule({ priority: lane.getStore() === 'low' ? 9 : 5, ...options }, task);
        },
      };
    },
  };
}
