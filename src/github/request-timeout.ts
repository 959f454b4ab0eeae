// A hung GitHub request must not hold a job (and every later job of its feature) forever: each
// HTTP exchange gets a deadline, and a timeout fails like a 5xx, so the queue retries the job.
// The deadline wraps `fetch` itself, so time spent waiting in Probot's throttling queue (rate
// limits, the 1 s spacing of writes) does not count against it.
import type { Octokit } from './octokit-github.js';

type HookableOctokit = Pick<Octokit, 'hook'>;
type Fetch = typeof globalThis.fetch;

const limited = new WeakSet<object>();

export function useRequestTimeout(octokit: HookableOctokit, timeoutMs: number): void {
  if (limited.has(octokit)) return;
  limited.add(octokit);
  octokit.hook.before('request', (options) => {
    // Looked up at call time, so a fetch patched later (nock in tests) is still used.
    const inner: Fetch = options.request?.fetch ?? ((input, init) => globalThis.fetch(input, init));
    options.request = { ...options.request, fetch: withDeadline(inner, timeoutMs) };
  });
}

function withDeadline(inner: Fetch, timeoutMs: number): Fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return inner(input, { ...init, signal }).catch((error: unknown) => {
      if (!deadline.aborted) throw error;
      // Octokit turns this into a RequestError with status 500: retried by the queue.
      throw new Error(`GitHub did not answer within ${timeoutMs} ms (GITHUB_REQUEST_TIMEOUT_MS)`, { cause: error });
    });
  };
}
