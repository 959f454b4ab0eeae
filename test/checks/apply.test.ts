// Posting check runs: the writes one wanted run becomes (plain data), and what GitHub receives
// when they are applied through the real boundary: one create with the first 50 annotations, then
// one update per further 50.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import pino from 'pino';
import { applyCheckRunWrites } from '../../src/checks/apply.js';
import { annotationBatches, writesFor } from '../../src/checks/writes.js';
import type { Annotation, CheckRunSpec } from '../../src/checks/check-run-spec.js';
import { octokitGitHub } from '../../src/github/octokit-github.js';
import { recordRequests, resetNock } from '../helpers/probot.js';
import { createTestContext } from '../helpers/config-context.js';
import { API, CHECK_RUNS, checkRunWrites } from './github-mock.js';

const SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
const WHERE = { owner: 'acme', repo: 'web' };
const silent = pino({ level: 'silent' });
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

async function github() {
  const { context } = await createTestContext();
  return octokitGitHub(context.octokit);
}

describe('writesFor', () => {
  it('is one create and one append per further 50 annotations, as plain data', () => {
    const annotations = Array.from({ length: 120 }, (_, index) => annotation(index + 1));
    const writes = writesFor({ ...spec(annotations), actions: [] }, SHA, 'pr-7');
    expect(writes.map((write) => write.kind)).toEqual(['create-check-run', 'append-annotations', 'append-annotations']);
    expect(writes[0]).toEqual({
      kind: 'create-check-run',
      name: 'planbot / plan',
      headSha: SHA,
      conclusion: 'failure',
      externalId: 'pr-7',
      output: { title: 'Plan incomplete', summary: '## Plan\n', annotations: annotations.slice(0, 50) },
    });
    expect(JSON.parse(JSON.stringify(writes))).toEqual(writes);
  });
});

describe('applyCheckRunWrites', () => {
  beforeEach(resetNock);

  it('creates a completed run with the first 50 annotations and appends the rest 50 at a time', async () => {
    const requests = recordRequests();
    nock(API).post(CHECK_RUNS).reply(201, { id: 91 }).patch(`${CHECK_RUNS}/91`).times(2).reply(200, { id: 91 });
    const annotations = Array.from({ length: 120 }, (_, index) => annotation(index + 1));

    const posted = await applyCheckRunWrites(await github(), WHERE, writesFor({ ...spec(annotations), detailsUrl: 'https://x.test/d' }, SHA, 'pr-7'), silent);
    expect(posted).toEqual(['planbot / plan']);
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
    await applyCheckRunWrites(await github(), WHERE, writesFor(spec(), SHA), silent);
    expect(checkRunWrites(requests).map((write) => write.body)).toEqual([
      { name: 'planbot / plan', head_sha: SHA, status: 'completed', conclusion: 'failure', output: { title: 'Plan incomplete', summary: '## Plan\n' } },
    ]);
  });

  it('appends each run’s annotations to that run, in order', async () => {
    const requests = recordRequests();
    nock(API).post(CHECK_RUNS).reply(201, { id: 1 }).patch(`${CHECK_RUNS}/1`).reply(200, { id: 1 }).post(CHECK_RUNS).reply(201, { id: 2 });
    const many = Array.from({ length: 51 }, (_, index) => annotation(index + 1));
    const writes = [...writesFor(spec(many), SHA), ...writesFor({ ...spec(), name: 'planbot / quality gates' }, SHA)];
    expect(await applyCheckRunWrites(await github(), WHERE, writes, silent)).toEqual(['planbot / plan', 'planbot / quality gates']);
    expect(checkRunWrites(requests).map((write) => `${write.method} ${write.path}`)).toEqual([`POST ${CHECK_RUNS}`, `PATCH ${CHECK_RUNS}/1`, `POST ${CHECK_RUNS}`]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('rejects with GitHub’s error when the create fails, and writes nothing after it', async () => {
    const requests = recordRequests();
    nock(API).post(CHECK_RUNS).reply(422, { message: 'Validation Failed' });
    const writes = [...writesFor(spec(), SHA), ...writesFor({ ...spec(), name: 'planbot / quality gates' }, SHA)];
    await expect(applyCheckRunWrites(await github(), WHERE, writes, silent)).rejects.toMatchObject({ status: 422 });
    expect(requests).toHaveLength(1);
  });

  it('refuses an append that follows no create of its run, before any request', async () => {
    const requests = recordRequests();
    const [, append] = writesFor(spec(Array.from({ length: 51 }, (_, index) => annotation(index + 1))), SHA);
    await expect(applyCheckRunWrites(await github(), WHERE, [append], silent)).rejects.toThrow('follow no create');
    expect(requests).toEqual([]);
  });
});

describe('annotationBatches', () => {
  it('splits into batches of 50, always at least one', () => {
    expect(annotationBatches([])).toEqual([[]]);
    expect(annotationBatches(Array.from({ length: 101 }, (_, index) => annotation(index))).map((batch) => batch.length)).toEqual([50, 50, 1]);
  });
});
