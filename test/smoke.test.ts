import { describe, expect, it, beforeEach } from '@jest/globals';
import nock from 'nock';
import { createTestApp, resetNock, recordRequests } from './helpers/probot.js';

describe('test harness', () => {
  beforeEach(resetNock);
  it('drives the app through probot.receive and sees requests through nock', async () => {
    const { probot } = createTestApp();
    const requests = recordRequests();
    const scope = nock('https://api.github.com').get('/repos/acme/web/contents/.github%2Fplanbot.yml').reply(404);
    await probot.receive({ id: 'd1', name: 'installation' as any, payload: { action: 'created' } as any });
    expect(requests).toHaveLength(0);
    expect(scope.isDone()).toBe(false);
  });
});
