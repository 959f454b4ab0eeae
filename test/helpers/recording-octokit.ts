// A real Octokit whose requests never leave the process: each is recorded (`METHOD /path`) and
// answered 200 locally, for tests of request hooks (the write guard, leases).
import { ProbotOctokit } from 'probot';

export function recordingOctokit(): { octokit: InstanceType<typeof ProbotOctokit>; sent: string[] } {
  const sent: string[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    sent.push(`${init?.method ?? 'GET'} ${new URL(String(url)).pathname}`);
    return new Response(JSON.stringify({ id: 1 }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const octokit = new ProbotOctokit({ auth: { token: 't' }, request: { fetch }, retry: { enabled: false }, throttle: { enabled: false } } as any);
  return { octokit, sent };
}
