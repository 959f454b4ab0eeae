// Builds a Probot instance the way tests need it: token auth (no JWT exchange), no retries or
// throttling (so nock sees every request exactly once), and an inline queue so that
// `await probot.receive(...)` resolves only when the work is done.
import { Probot, ProbotOctokit } from 'probot';
import nock from 'nock';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createPlanbot, type PlanbotOptions } from '../../src/app/index.js';

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
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const probot = new Probot({
    githubToken: 'test-token',
    log: pino({ level: 'debug' }, sink),
    Octokit: ProbotOctokit.defaults({
      retry: { enabled: false },
      throttle: { enabled: false },
    }),
  });
  probot.load(createPlanbot(options));
  return { probot, logs };
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
