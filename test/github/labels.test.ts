import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createLabels, isLabelError } from '../../src/github/labels.js';
import { recordRequests, resetNock, testOctokit } from '../helpers/probot.js';

const octokit = () => new (testOctokit())({ auth: { token: 't' } } as any) as any;
const httpError = (status: number, data: object) => Object.assign(new Error((data as any).message ?? 'x'), { status, response: { data } });

beforeEach(resetNock);

describe('labels', () => {
  it('recognises a refusal about labels, and nothing else', () => {
    expect(isLabelError(httpError(422, { message: 'Validation Failed', errors: [{ resource: 'Label', field: 'labels', code: 'invalid' }] }))).toBe(true);
    expect(isLabelError(httpError(422, { message: 'Validation Failed', errors: [{ field: 'assignees', code: 'invalid' }] }))).toBe(false);
    expect(isLabelError(httpError(500, { message: 'label' }))).toBe(false);
  });

  it('creates each label with planbot\'s colours; one that already exists is fine', async () => {
    const requests = recordRequests();
    nock('https://api.github.com')
      .post('/repos/acme/web/labels')
      .reply(201, {})
      .post('/repos/acme/web/labels')
      .reply(422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists' }] })
      .post('/repos/acme/web/labels')
      .reply(201, {});
    expect(await createLabels(octokit(), { owner: 'acme', repo: 'web' }, ['planbot', 'planbot:tracking', 'team', 'planbot'])).toBe(3);
    expect(requests.map((request) => request.body)).toEqual([
      { name: 'planbot', color: '5319e7', description: 'Kept in step with a plan by planbot' },
      { name: 'planbot:tracking', color: '0e8a16', description: "Tracks a feature's implementation plan (planbot)" },
      { name: 'team', color: 'c5def5', description: 'Added by planbot' },
    ]);
  });

  it('other failures propagate', async () => {
    nock('https://api.github.com').post('/repos/acme/web/labels').reply(403, { message: 'Resource not accessible by integration' });
    await expect(createLabels(octokit(), { owner: 'acme', repo: 'web' }, ['planbot'])).rejects.toMatchObject({ status: 403 });
  });
});
