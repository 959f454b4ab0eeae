// Every GitHub write a job makes first confirms the job's leases (src/queue/lease.ts), so a run
// that lost its lease (Redis away longer than the lock's TTL, another run took over) stops before
// it writes anything more. The check wraps `fetch` itself: it runs after Octokit's throttling has
// let the request through, right before it is sent, not when the request was queued.
// Reads are not guarded: a read never needs undoing.
import type { Octokit } from '../github/files.js';
import { confirmAll, currentLeases } from './lease.js';

type HookableOctokit = Pick<Octokit, 'hook'>;
type Fetch = typeof globalThis.fetch;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const guarded = new WeakSet<object>();

export function guardWrites(octokit: HookableOctokit): void {
  if (guarded.has(octokit)) return;
  guarded.add(octokit);
  octokit.hook.before('request', (options) => {
    if (READS.has(String(options.method ?? 'GET').toUpperCase())) return;
    // Read here, in the job's own async context (throttling may run the request from another's).
    const leases = currentLeases();
    if (leases.length === 0) return;
    const inner: Fetch = options.request?.fetch ?? ((input, init) => globalThis.fetch(input, init));
    options.request = {
      ...options.request,
      fetch: async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
        await confirmAll(leases);
        return inner(input, init);
      },
    };
  });
}
