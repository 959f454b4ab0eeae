// Every GitHub write a job makes first passes a check its caller supplies (the app: the job's
// leases, src/job/lease.ts), so a run that lost its lease (Redis away longer than the lock's TTL,
// another run took over) stops before it writes anything more. The check wraps `fetch` itself: it
// runs after Octokit's throttling has let the request through, right before it is sent, not when
// the request was queued. Reads are not guarded: a read never needs undoing.
import type { Octokit } from './octokit-github.js';

type HookableOctokit = Pick<Octokit, 'hook'>;
type Fetch = typeof globalThis.fetch;

/**
 * Called when a write is issued, in the job's own async context (throttling may send the request
 * from another's): returns what to await right before sending, or null when nothing guards it.
 */
export type WriteCheck = () => (() => Promise<void>) | null;

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
const guarded = new WeakSet<object>();

export function guardWrites(octokit: HookableOctokit, check: WriteCheck): void {
  if (guarded.has(octokit)) return;
  guarded.add(octokit);
  octokit.hook.before('request', (options) => {
    if (READS.has(String(options.method ?? 'GET').toUpperCase())) return;
    const confirm = check();
    if (!confirm) return;
    const inner: Fetch = options.request?.fetch ?? ((input, init) => globalThis.fetch(input, init));
    options.request = {
      ...options.request,
      fetch: async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
        await confirm();
        return inner(input, init);
      },
    };
  });
}
