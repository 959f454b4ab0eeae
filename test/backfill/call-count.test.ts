// The backfill's cost line counts what it asked of GitHub through the boundary.
import { describe, expect, it } from '@jest/globals';
import { countingGitHub } from '../../src/backfill/call-count.js';
import type { GitHub } from '../../src/github/github.js';

const where = { owner: 'acme', repo: 'web' };

describe('countingGitHub', () => {
  it('counts every call and the writes among them, passing arguments and answers through', async () => {
    const seen: unknown[][] = [];
    const fake = {
      apiBaseUrl: 'https://api.github.com',
      rateLimit: () => ({ limit: 5000, remaining: 4999, reset: 1 }),
      listOpenPulls: async (...args: unknown[]) => (seen.push(args), []),
      createCheckRun: async (...args: unknown[]) => (seen.push(args), { id: 7 }),
      updateIssue: async (...args: unknown[]) => (seen.push(args), {}),
    } as unknown as GitHub;
    const { github, count } = countingGitHub(fake);

    expect(await github.listOpenPulls(where)).toEqual([]);
    expect(await github.createCheckRun(where, { name: 'n', headSha: 's', conclusion: 'success', output: { title: 't', summary: 's' } })).toEqual({ id: 7 });
    await github.updateIssue(where, 3, { state: 'closed' });
    // What the boundary already knows costs no call.
    expect(github.rateLimit()).toEqual({ limit: 5000, remaining: 4999, reset: 1 });
    expect(github.apiBaseUrl).toBe('https://api.github.com');

    expect(count).toEqual({ requests: 3, writes: 2 });
    expect(seen[0]).toEqual([where]);
    expect(seen[2]).toEqual([where, 3, { state: 'closed' }]);
  });

  it('a failed call still counts', async () => {
    const fake = { createComment: async () => Promise.reject(Object.assign(new Error('nope'), { status: 403 })) } as unknown as GitHub;
    const { github, count } = countingGitHub(fake);
    await expect(github.createComment(where, 1, 'x')).rejects.toMatchObject({ status: 403 });
    expect(count).toEqual({ requests: 1, writes: 1 });
  });
});
