// The labels planbot puts on its issues: created (with planbot's colours) only when an issue
// create reports them missing, one request each, through the GitHub boundary.
import { beforeEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createLabels } from '../../src/sync/labels.js';
import { octokitGitHub } from '../../src/github/octokit-github.js';
import { recordRequests, resetNock, testOctokit } from '../helpers/probot.js';

const github = () => octokitGitHub(new (testOctokit())({ auth: { token: 't' } } as any) as any);
const where = { owner: 'acme', repo: 'web' };

beforeEach(resetNock);

describe('createLabels', () => {
  it("creates each label once with planbot's colours; one that already exists is fine", async () => {
    const requests = recordRequests();
    nock('https://api.github.com')
      .post('/repos/acme/web/labels')
      .reply(201, {})
      .post('/repos/acme/web/labels')
      .reply(422, { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'already_exists' }] })
      .post('/repos/acme/web/labels')
      .reply(201, {});
    expect(await createLabels(github(), where, ['planbot', 'planbot:tracking', 'team', 'planbot'])).toBe(3);
    expect(requests.map((request) => request.body)).toEqual([
      { name: 'planbot', color: '5319e7', description: 'Kept in step with a plan by planbot' },
      { name: 'planbot:tracking', color: '0e8a16', description: "Tracks a feature's implementation plan (planbot)" },
      { name: 'team', color: 'c5def5', description: 'Added by planbot' },
    ]);
    expect(nock.isDone()).toBe(true);
  });

  it('other failures propagate', async () => {
    nock('https://api.github.com').post('/repos/acme/web/labels').reply(403, { message: 'Resource not accessible by integration' });
    await expect(createLabels(github(), where, ['planbot'])).rejects.toMatchObject({ status: 403 });
  });
});
