// The write guard runs its caller's check for writes only, and a failed check stops the write
// before it is sent. (With real leases and Redis: test/redis/lease.test.ts.)
import { expect, it } from '@jest/globals';
import { guardWrites } from '../../src/github/guard-writes.js';
import { recordingOctokit } from '../helpers/recording-octokit.js';

it('asks the check for writes only, and sends a write once its confirmation resolves', async () => {
  const { octokit, sent } = recordingOctokit();
  const order: string[] = [];
  let checks = 0;
  guardWrites(octokit, () => {
    checks++;
    return async () => void order.push(`confirmed before ${sent.length} sent`);
  });
  await octokit.request('GET /repos/acme/web/issues');
  await octokit.request('POST /repos/acme/web/issues', { title: 't' });
  await octokit.request('PATCH /repos/acme/web/issues/1', { title: 'u' });
  expect(checks).toBe(2);
  expect(order).toEqual(['confirmed before 1 sent', 'confirmed before 2 sent']);
  expect(sent).toEqual(['GET /repos/acme/web/issues', 'POST /repos/acme/web/issues', 'PATCH /repos/acme/web/issues/1']);
});

it('a failed confirmation stops the write before it is sent; no check (null) lets it through', async () => {
  const { octokit, sent } = recordingOctokit();
  let refuse = true;
  guardWrites(octokit, () => (refuse ? async () => Promise.reject(new Error('lease lost')) : null));
  await expect(octokit.request('POST /repos/acme/web/issues', { title: 't' })).rejects.toThrow('lease lost');
  expect(sent).toEqual([]);
  refuse = false;
  await octokit.request('POST /repos/acme/web/issues', { title: 't' });
  expect(sent).toEqual(['POST /repos/acme/web/issues']);
});

it('guards a client once, however often it is asked', async () => {
  const { octokit } = recordingOctokit();
  let checks = 0;
  const check = () => (checks++, null);
  guardWrites(octokit, check);
  guardWrites(octokit, check);
  await octokit.request('POST /repos/acme/web/issues', { title: 't' });
  expect(checks).toBe(1);
});
