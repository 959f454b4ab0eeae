import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import {
  annotationBatches,
  fitToLimits,
  isUnchanged,
  listCheckRunsForRef,
  postCheckRun,
  type Annotation,
  type CheckRunSpec,
} from '../../src/github/check-runs.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { API, CHECK_RUNS, checkRunWrites } from '../checks/github-mock.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const annotation = (line: number): Annotation => ({
  path: 'specs/001-x/plan.md',
  start_line: line,
  end_line: line,
  annotation_level: 'failure',
  title: 'placeholder',
  message: `m${line}`,
});
const spec = (annotations: Annotation[] = []): CheckRunSpec => ({
  name: 'planbot / plan',
  conclusion: 'failure',
  title: 'Plan incomplete',
  summary: '## Plan\n',
  annotations,
});

describe('postCheckRun', () => {
  beforeEach(resetNock);

  it('creates a completed run with the first 50 annotations and appends the rest 50 at a time', async () => {
    const requests = recordRequests();
    nock(API).post(CHECK_RUNS).reply(201, { id: 91 }).patch(`${CHECK_RUNS}/91`).times(2).reply(200, { id: 91 });
    const { context } = await createTestContext();
    const annotations = Array.from({ length: 120 }, (_, index) => annotation(index + 1));

    const posted = await postCheckRun(context.octokit, context.repo(), SHA, { ...spec(annotations), detailsUrl: 'https://x.test/d' }, 'pr-7');
    expect(posted).toEqual({ id: 91, requests: 3 });
    const writes = checkRunWrites(requests);
    expect(writes.map((write) => write.method)).toEqual(['POST', 'PATCH', 'PATCH']);
    expect(writes[0].body).toEqual({
      name: 'planbot / plan',
      head_sha: SHA,
      status: 'completed',
      conclusion: 'failure',
      external_id: 'pr-7',
      details_url: 'https://x.test/d',
      output: { title: 'Plan incomplete', summary: '## Plan\n', annotations: annotations.slice(0, 50) },
    });
    expect(writes[1].body).toEqual({ output: { title: 'Plan incomplete', summary: '## Plan\n', annotations: annotations.slice(50, 100) } });
    expect(writes[2].body).toEqual({ output: { title: 'Plan incomplete', summary: '## Plan\n', annotations: annotations.slice(100) } });
  });

  it('sends no annotations key and no update when there are none', async () => {
    const requests = recordRequests();
    nock(API).post(CHECK_RUNS).reply(201, { id: 5 });
    const { context } = await createTestContext();
    await postCheckRun(context.octokit, context.repo(), SHA, spec());
    expect(checkRunWrites(requests).map((write) => write.body)).toEqual([
      { name: 'planbot / plan', head_sha: SHA, status: 'completed', conclusion: 'failure', output: { title: 'Plan incomplete', summary: '## Plan\n' } },
    ]);
  });

  it('rejects with GitHub’s error when the create fails', async () => {
    nock(API).post(CHECK_RUNS).reply(422, { message: 'Validation Failed' });
    const { context } = await createTestContext();
    await expect(postCheckRun(context.octokit, context.repo(), SHA, spec())).rejects.toMatchObject({ status: 422 });
  });
});

describe('fitToLimits', () => {
  it('clips annotation titles to 255 and messages to a 64 KB-safe length, and truncates the summary', () => {
    const long = { ...annotation(0), title: 't'.repeat(400), message: '語'.repeat(30_000) };
    const fitted = fitToLimits({ ...spec([long]), summary: 's\n'.repeat(40_000), text: 'x' });
    expect(fitted.annotations[0].title).toHaveLength(255);
    expect(Buffer.byteLength(fitted.annotations[0].message)).toBeLessThanOrEqual(64 * 1024);
    expect(fitted.annotations[0].start_line).toBe(1);
    expect(fitted.summary.length).toBeLessThanOrEqual(65_535);
    expect(fitted.summary).toContain('**… (shortened).**');
    expect(fitted.text).toBe('x');
  });
});

describe('annotationBatches', () => {
  it('splits into batches of 50, always at least one', () => {
    expect(annotationBatches([])).toEqual([[]]);
    expect(annotationBatches(Array.from({ length: 101 }, (_, index) => annotation(index))).map((batch) => batch.length)).toEqual([50, 50, 1]);
  });
});

describe('isUnchanged', () => {
  const existing = {
    id: 1,
    name: 'planbot / plan',
    status: 'completed',
    conclusion: 'failure',
    output: { title: 'Plan incomplete', summary: '## Plan\n', text: null, annotations_count: 1 },
  };

  it('is true only when conclusion, title, summary, text and annotation count all match', () => {
    expect(isUnchanged(existing, spec([annotation(1)]))).toBe(true);
    expect(isUnchanged(existing, spec([]))).toBe(false);
    expect(isUnchanged({ ...existing, conclusion: 'success' }, spec([annotation(1)]))).toBe(false);
    expect(isUnchanged({ ...existing, output: { ...existing.output, summary: 'old' } }, spec([annotation(1)]))).toBe(false);
    expect(isUnchanged({ ...existing, status: 'in_progress' }, spec([annotation(1)]))).toBe(false);
    expect(isUnchanged(undefined, spec())).toBe(false);
  });
});

describe('listCheckRunsForRef', () => {
  beforeEach(resetNock);

  it('lists the latest runs of a commit across pages', async () => {
    nock(API)
      .get(`/repos/acme/web/commits/${SHA}/check-runs`)
      .query({ filter: 'latest', per_page: '100' })
      .reply(200, { total_count: 2, check_runs: [{ id: 1, name: 'a' }] }, { link: `<${API}/repos/acme/web/commits/${SHA}/check-runs?filter=latest&per_page=100&page=2>; rel="next"` })
      .get(`/repos/acme/web/commits/${SHA}/check-runs`)
      .query({ filter: 'latest', per_page: '100', page: '2' })
      .reply(200, { total_count: 2, check_runs: [{ id: 2, name: 'b' }] });
    const { context } = await createTestContext();
    const runs = await listCheckRunsForRef(context.octokit, context.repo(), SHA);
    expect(runs.map((run) => run.name)).toEqual(['a', 'b']);
  });
});
