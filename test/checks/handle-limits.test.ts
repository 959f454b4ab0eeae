// GitHub's check-run limits end to end: 50 annotations per request, 65,535-character summaries.
import './without-sync.js';
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { HEAD_SHA, pullRequestPayload } from '../helpers/payloads-checks.js';
import {
  CHECK_RUNS,
  REPO_CONFIG,
  checkRunWrites,
  contentsPath,
  fixture,
  mockCheckRunUpdates,
  mockCheckRunWrites,
  mockConfig,
  mockPlan,
  mockPullFiles,
  requestLines,
} from './github-mock.js';

const { createTestApp, recordRequests, resetNock } = await import('../helpers/probot.js');

const PATH = 'specs/001-user-auth/plan.md';
const withNotes = (notes: string[]) => `${fixture('complete-plan.md')}\n## Notes\n\n${notes.join('\n')}\n`;

async function openPullRequest(plan: string) {
  const requests = recordRequests();
  mockConfig('{}\n');
  mockPullFiles(7, [PATH]);
  mockPlan(PATH, plan);
  mockCheckRunWrites();
  const { probot } = createTestApp();
  return { requests, probot };
}

describe('check-run limits', () => {
  beforeEach(resetNock);

  it('500 findings: 1 create with 50 annotations, then 9 updates of 50 each, in order', async () => {
    const plan = withNotes(Array.from({ length: 500 }, (_, index) => `- Note ${index + 1}: [TO FILL]`));
    const { requests, probot } = await openPullRequest(plan);
    mockCheckRunUpdates(9);

    await probot.receive({ id: 'd-500', name: 'pull_request', payload: pullRequestPayload('opened') } as any);

    expect(requestLines(requests)).toEqual([
      `GET ${REPO_CONFIG}`,
      'GET /repos/acme/web/pulls/7/files?per_page=100',
      `GET ${contentsPath(PATH)}?ref=${HEAD_SHA}`,
      `POST ${CHECK_RUNS}`,
      ...Array.from({ length: 9 }, () => `PATCH ${CHECK_RUNS}/1`),
      `POST ${CHECK_RUNS}`,
    ]);
    const writes = checkRunWrites(requests);
    const create = writes[0].body as any;
    const updates = writes.slice(1, 10).map((write) => write.body as any);
    expect(create.output.annotations).toHaveLength(50);
    for (const update of updates) {
      // Each update repeats title and summary (GitHub requires the summary) and appends 50.
      expect(Object.keys(update)).toEqual(['output']);
      expect(update.output.title).toBe(create.output.title);
      expect(update.output.summary).toBe(create.output.summary);
      expect(update.output.annotations).toHaveLength(50);
    }
    const all = [create, ...updates].flatMap((body) => body.output.annotations);
    expect(all).toHaveLength(500);
    // Note N is on line 79 + N of the plan; every annotation appears once, in line order.
    expect(all.map((annotation: any) => annotation.start_line)).toEqual(Array.from({ length: 500 }, (_, index) => 80 + index));
    expect(all[499]).toEqual({
      path: PATH,
      start_line: 579,
      end_line: 579,
      annotation_level: 'failure',
      title: 'placeholder',
      message: 'Unfilled placeholder [TO FILL]',
    });
    expect(create.output.title).toBe('Plan incomplete: 500 errors');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('more than 500 findings: annotations stop at 500 (10 requests) and the summary says so', async () => {
    const plan = withNotes(Array.from({ length: 520 }, (_, index) => `- Note ${index + 1}: [TO FILL]`));
    const { requests, probot } = await openPullRequest(plan);
    mockCheckRunUpdates(9);

    await probot.receive({ id: 'd-520', name: 'pull_request', payload: pullRequestPayload('opened') } as any);

    const planWrites = checkRunWrites(requests).slice(0, 10);
    expect(planWrites.flatMap((write) => (write.body as any).output.annotations)).toHaveLength(500);
    expect((planWrites[0].body as any).output.summary).toContain('The first 500 of 520 findings are annotated on their lines; all are listed below.');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('a huge summary is truncated to 65,535 characters with a note saying so', async () => {
    const long = 'explain the trade-off between the two storage layouts in enough detail for review '.repeat(3).slice(0, 240);
    const plan = withNotes(Array.from({ length: 300 }, (_, index) => `- Note ${index + 1}: [TO FILL: ${long}]`));
    const { requests, probot } = await openPullRequest(plan);
    mockCheckRunUpdates(5);

    await probot.receive({ id: 'd-huge', name: 'pull_request', payload: pullRequestPayload('opened') } as any);

    const create = checkRunWrites(requests)[0].body as any;
    const summary: string = create.output.summary;
    expect(summary.length).toBeLessThanOrEqual(65_535);
    expect(summary.length).toBeGreaterThan(60_000);
    expect(summary.startsWith('## Plan completeness\n\n❌ **300 errors** in 1 plan.')).toBe(true);
    expect(summary).toMatch(
      /\n\n---\n> \[!NOTE\]\n> \*\*… \(shortened\)\.\*\* This text is [\d,]+ characters long; GitHub shows at most 65,535, so only the first [\d,]+ are shown\. Findings are still annotated on their lines \(see the Files changed tab\)\.\n$/,
    );
    // Cut at a line boundary: the last kept line is a whole finding.
    const kept = summary.slice(0, summary.indexOf('\n\n---\n> [!NOTE]'));
    expect(kept.split('\n').pop()).toMatch(/^- \[Line \d+:\d+\]\(https:\/\/github\.com\/.+\): Unfilled placeholder \[TO FILL: [^\n]+$/);
    // All 300 annotations still go out: 1 create + 5 updates.
    expect(checkRunWrites(requests).filter((write) => write.method === 'PATCH')).toHaveLength(5);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
