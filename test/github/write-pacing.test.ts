// Write pacing (issue 13, item 10): every write at the configured spacing (GitHub's guidance:
// ≥ 1 s between content-creating requests, ≤ 80 a minute), issue creations and sub-issue links
// included (octokit's default put those 3 s apart), and a spacing of its own per installation.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import pino from 'pino';
import { Probot } from 'probot';
import { pacedOctokit } from '../../src/github/octokit.js';
import { writePacingFromEnv, type WritePacing } from '../../src/github/write-pacing.js';
import { resetNock } from '../helpers/probot.js';

async function client(pacing: WritePacing, installation = '1') {
  const Octokit = pacedOctokit(pacing);
  const probot = new Probot({
    githubToken: 'test-token',
    log: pino({ level: 'silent' }),
    Octokit: Octokit.defaults((options: any) => ({ ...options, retry: { enabled: false }, throttle: { ...options.throttle, id: installation } })) as typeof Octokit,
  });
  return probot.auth();
}

/** Times (ms since start) at which GitHub received each write. */
function recordWrites(count: number): number[] {
  const at: number[] = [];
  const started = Date.now();
  const scope = nock('https://api.github.com');
  for (let i = 0; i < count; i++) {
    // Stamped when the request arrives (body matcher), not when the answer is built.
    scope.post('/repos/acme/web/issues', () => (at.push(Date.now() - started), true)).reply(201, { id: i, number: i });
    scope.post(`/repos/acme/web/issues/${i}/sub_issues`, () => (at.push(Date.now() - started), true)).reply(201, {});
  }
  return at;
}

async function writeIssuesWithLinks(octokit: Awaited<ReturnType<typeof client>>, count: number) {
  for (let i = 0; i < count; i++) {
    await octokit.rest.issues.create({ owner: 'acme', repo: 'web', title: `Phase ${i}` });
    await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', { owner: 'acme', repo: 'web', issue_number: i, sub_issue_id: 100 + i });
  }
}

const gaps = (at: number[]) => at.slice(1).map((time, index) => time - at[index]);

describe('write pacing', () => {
  beforeEach(resetNock);

  it('defaults to GitHub’s guidance: 1 s apart, at most 80 a minute', () => {
    expect(writePacingFromEnv({})).toMatchObject({ spacingMs: 1_000, perMinute: 80 });
    expect(writePacingFromEnv({ GITHUB_WRITE_SPACING_BY_INSTALLATION: '12=2000, 34=1500' }).byInstallation).toEqual(new Map([['12', 2000], ['34', 1500]]));
    expect(() => writePacingFromEnv({ GITHUB_WRITE_SPACING_BY_INSTALLATION: 'twelve' })).toThrow(/GITHUB_WRITE_SPACING_BY_INSTALLATION/);
  });

  it('spaces issue creations and sub-issue links like every other write, not 3 s apart', async () => {
    const at = recordWrites(3);
    await writeIssuesWithLinks(await client({ spacingMs: 300, perMinute: 80, byInstallation: new Map() }), 3);
    expect(at).toHaveLength(6);
    // Timers jitter by a few ms each way; on average the gap is the spacing, and never the 3 s lane.
    for (const gap of gaps(at)) expect(gap).toBeLessThan(1_000);
    expect(at[5] - at[0]).toBeGreaterThanOrEqual(5 * 300 * 0.9);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('an installation can have a spacing of its own', async () => {
    const at = recordWrites(2);
    await writeIssuesWithLinks(await client({ spacingMs: 50, perMinute: 80, byInstallation: new Map([['77', 400]]) }, '77'), 2);
    expect(at[3] - at[0]).toBeGreaterThanOrEqual(3 * 400 * 0.9);
  });

  it('holds writes beyond the per-window cap until the window refills', async () => {
    const at = recordWrites(2);
    await writeIssuesWithLinks(await client({ spacingMs: 0, perMinute: 3, byInstallation: new Map(), windowMs: 700 }), 2);
    expect(at).toHaveLength(4);
    // Three go at once; the fourth waits for the next window.
    expect(at[2]).toBeLessThan(400);
    expect(at[3] - at[0]).toBeGreaterThanOrEqual(300);
  });
});

describe('the low-priority lane', () => {
  beforeEach(resetNock);

  it('writes made in it wait behind other writes of the installation', async () => {
    const { inLowPriorityLane } = await import('../../src/github/write-pacing.js');
    const order: string[] = [];
    nock('https://api.github.com')
      .post('/repos/acme/web/issues/1/comments', (body) => (order.push(body.body), true))
      .times(4)
      .reply(201, {})
      .post('/repos/acme/web/issues', (body) => (order.push(body.title), true))
      .reply(201, { number: 2 });
    const octokit = await client({ spacingMs: 100, perMinute: 80, byInstallation: new Map() }, 'lane');
    const replies = [1, 2, 3, 4].map((n) => inLowPriorityLane(() => octokit.rest.issues.createComment({ owner: 'acme', repo: 'web', issue_number: 1, body: `reply ${n}` })));
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first reply is on its way
    const sync = octokit.rest.issues.create({ owner: 'acme', repo: 'web', title: 'sync write' });
    await Promise.all([...replies, sync]);
    // At most the reply already under way and the one holding the next slot go first (without the lane: all four).
    expect(order.indexOf('sync write')).toBeLessThanOrEqual(2);
    expect(order).toHaveLength(5);
  });
});
