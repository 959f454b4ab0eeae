// A hung GitHub request must not hold a job (and every later job of its feature) forever:
// each request of a job gets a deadline; a timeout fails like a 5xx, so the queue retries it.
import type { Octokit } from './files.js';
type HookableOctokit = Pick<Octokit, 'hook'>;

const limited = new WeakSet<object>();

export function useRequestTimeout(octokit: HookableOctokit, timeoutMs: number): void {
  if (limited.has(octokit)) return;
  limited.add(octokit);
  octokit.hook.before('request', (options) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const own: AbortSignal | undefined = options.request?.signal;
    options.request = { ...options.request, signal: own ? AbortSignal.any([own, deadline]) : deadline };
  });
}
