// Waiting until the app has finished reacting. The app acknowledges webhooks first and works in a
// queue, so "done" means: no delivery queued or on the wire, no API request in flight, the app's
// queue (GET /healthz) empty when it reports one, and the simulator quiet for a moment. A request
// answered with an injected fault is usually retried after a backoff: when the app reports no
// queue counts, quiet must last longer until every faulted request has been seen again.
import type { GitHubSimulator } from './index.js';
import type { WebhookRelay } from './relay.js';

export interface IdleOptions {
  simulator: GitHubSimulator;
  relay?: WebhookRelay;
  /** The app's base URL; its GET /healthz queue counts are used when it reports them. */
  appUrl?: string;
  /** Quiet time that means "done" when the app reports its queue. Default 400 ms. */
  quietMs?: number;
  /**
   * Quiet time that means "done" when it does not: octokit spaces content-creating requests 3 s
   * apart, so a shorter silence may just be a job waiting for its next write. Default 3.5 s.
   */
  quietWithoutHealthMs?: number;
  /** Quiet time while a faulted request has not been retried yet (retry backoff). Default 10 s. */
  faultQuietMs?: number;
  /** Give up after this long. Default 60 s. */
  timeoutMs?: number;
}

export interface IdleReport {
  ms: number;
  requests: number;
  /** Whether the app's /healthz queue counts were part of the decision. */
  usedHealth: boolean;
}

export async function waitForIdle(options: IdleOptions): Promise<IdleReport> {
  const { simulator, relay } = options;
  const quietMs = options.quietMs ?? 400;
  const quietWithoutHealthMs = options.quietWithoutHealthMs ?? 3500;
  const faultQuietMs = options.faultQuietMs ?? 10_000;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const started = Date.now();
  const firstRequest = simulator.requests.length;
  let usedHealth = false;
  let lastReason = '';
  for (;;) {
    if (relay) await relay.idle();
    const { inFlight, lastActivity } = simulator.activity();
    const quiet = Date.now() - lastActivity;
    const health = options.appUrl ? await queueCounts(options.appUrl) : null;
    if (health) usedHealth = true;
    const busy = health ? health.waiting + health.active + health.delayed : 0;
    // The app's own queue counts cover retries in progress; without them, a faulted request that
    // has not been sent again means a retry may still be coming.
    const needed = health ? quietMs : unretriedFaults(simulator) ? faultQuietMs : quietWithoutHealthMs;
    if (inFlight === 0 && busy === 0 && quiet >= needed && (relay?.pending ?? 0) === 0) {
      return { ms: Date.now() - started, requests: simulator.requests.length - firstRequest, usedHealth };
    }
    lastReason = `in flight ${inFlight}, app queue busy ${busy}, quiet ${quiet} ms of ${needed} ms, deliveries pending ${relay?.pending ?? 0}`;
    if (Date.now() - started > timeoutMs) throw new Error(`the app did not settle within ${timeoutMs} ms (${lastReason})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The app's queue counts from GET /healthz, or null when it does not report them. */
async function queueCounts(appUrl: string): Promise<{ waiting: number; active: number; delayed: number } | null> {
  try {
    const response = await fetch(`${appUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok && response.status !== 503) return null;
    const body = (await response.json()) as { queue?: { waiting?: number; active?: number; delayed?: number } | null };
    if (!body.queue) return null;
    return { waiting: body.queue.waiting ?? 0, active: body.queue.active ?? 0, delayed: body.queue.delayed ?? 0 };
  } catch {
    return null;
  }
}

/** True when the last faulted request (method + path) has not been answered normally since. */
function unretriedFaults(simulator: GitHubSimulator): boolean {
  const requests = simulator.requests;
  const settled = new Set<string>();
  for (let index = requests.length - 1; index >= 0; index -= 1) {
    const request = requests[index];
    const key = `${request.method} ${request.path}`;
    if (request.fault === null) {
      settled.add(key);
      continue;
    }
    if (!settled.has(key)) return true;
  }
  return false;
}
