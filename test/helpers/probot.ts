// Builds a Probot instance the way tests need it: token auth (no JWT exchange), no retries or
// throttling (so nock sees every request exactly once), and an inline queue so that
// `await probot.receive(...)` resolves only when the work is done.
import { Probot, ProbotOctokit } from 'probot';
import nock from 'nock';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createPlanbot, type PlanbotOptions } from '../../src/app/index.js';
import { InlineQueue } from '../../src/queue/inline-queue.js';
import { createMetrics } from '../../src/metrics/registry.js';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface TestApp {
  probot: Probot;
  /** Every log line the app wrote, parsed. */
  logs: LogLine[];
}

export function createTestApp(options: PlanbotOptions = {}): TestApp {
  const { logs, sink } = captureLogs();
  const probot = new Probot({
    githubToken: 'test-token',
    log: pino({ level: 'debug' }, sink),
    Octokit: testOctokit(),
  });
  // Inline queue: `await probot.receive(...)` resolves when the work is done. No process metrics:
  // tests build many apps.
  probot.load(
    createPlanbot({ createQueue: (processor) => new InlineQueue(processor), metrics: createMetrics({ defaultMetrics: false }), ...options }),
  );
  return { probot, logs };
}

/**
 * Probot layers its own throttle options over whatever `Octokit.defaults({...})` gives, which would
 * re-enable throttling (writes spaced ~1 s apart, rate limits retried inside Octokit). A function
 * default runs after Probot's layer, so it has the last word.
 */
export function testOctokit(overrides: { retry?: object; throttle?: object } = {}): typeof ProbotOctokit {
  return ProbotOctokit.defaults((options: any) => ({
    ...options,
    retry: { enabled: false, ...overrides.retry },
    throttle: { ...options.throttle, enabled: false, ...overrides.throttle },
  }));
}

/** A stream for pino that parses every JSON line it gets into `logs`. */
export function captureLogs(): { logs: LogLine[]; sink: Writable } {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  return { logs, sink };
}

/** Call in beforeEach: no real network, no leftover interceptors. */
export function resetNock(): void {
  nock.cleanAll();
  nock.disableNetConnect();
}

/**
 * Records every request that reaches nock, in order, so tests can assert counts and bodies.
 * Returns the live array.
 */
export function recordRequests(): Array<{ method: string; path: string; body: unknown }> {
  forwardScopeRequestsToEmitter();
  const seen: Array<{ method: string; path: string; body: unknown }> = [];
  nock.emitter.removeAllListeners('request');
  nock.emitter.on('request', (req: any, _interceptor: any, body: string) => {
    let parsed: unknown = body;
    try {
      parsed = body ? JSON.parse(body) : undefined;
    } catch {
      /* keep raw */
    }
    const url = new URL(req.path ?? req.options?.path ?? '', 'https://api.github.com');
    seen.push({ method: String(req.method).toUpperCase(), path: url.pathname + url.search, body: parsed });
  });
  return seen;
}

/**
 * nock 14 emits 'request' on each scope, not on `nock.emitter`; forward scope events once so one
 * global listener sees every intercepted request (creating a scope without interceptors is inert).
 */
let forwarding = false;
function forwardScopeRequestsToEmitter(): void {
  if (forwarding) return;
  forwarding = true;
  const scopePrototype = Object.getPrototypeOf(nock('https://forwarding.invalid'));
  const emit = scopePrototype.emit;
  scopePrototype.emit = function (this: unknown, event: string, ...args: unknown[]) {
    if (event === 'request') nock.emitter.emit('request', ...args);
    return emit.call(this, event, ...args);
  };
}
