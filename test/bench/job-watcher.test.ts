import { afterEach, describe, expect, it } from '@jest/globals';
import { JobWatcher } from '../../tools/bench/job-watcher.js';

let watcher: JobWatcher | null = null;
afterEach(() => watcher?.stop());

describe('JobWatcher', () => {
  it('resolves with the time the app logged the job’s end, for jobs ending before or after the wait', async () => {
    const logs: Array<Record<string, any>> = [{ level: 30, time: 1000, deliveryId: 'early', msg: 'job completed', durationMs: 4 }];
    watcher = new JobWatcher(logs, 1);
    expect(await watcher.wait('early')).toEqual({ outcome: 'completed', at: 1000 });
    const late = watcher.wait('late');
    logs.push({ level: 30, time: 2000, deliveryId: 'other', msg: 'job completed' });
    logs.push({ level: 30, time: 2500, deliveryId: 'late', msg: 'job completed' });
    expect(await late).toEqual({ outcome: 'completed', at: 2500 });
  });

  it('tells the endings apart, counts retries and error lines, and ignores other lines', async () => {
    const logs: Array<Record<string, any>> = [
      { level: 30, time: 1, deliveryId: 'a', msg: 'check run posted' },
      { level: 40, time: 2, deliveryId: 'a', msg: 'job failed (attempt 1); retrying in 200 ms' },
      { level: 50, time: 3, deliveryId: 'a', msg: 'job given up after 5 attempt(s) (attempts-exhausted); redeliver delivery a' },
      { level: 40, time: 4, deliveryId: 'b', msg: 'job dropped: the installation is gone (uninstalled or token revoked)' },
      { level: 30, time: 5, deliveryId: 'c', msg: 'delivery already processed or in progress; ignoring the redelivery' },
      { level: 50, time: 6, msg: 'something else broke' },
    ];
    watcher = new JobWatcher(logs, 1);
    expect(await watcher.wait('a')).toEqual({ outcome: 'failed', at: 3 });
    expect(await watcher.wait('b')).toEqual({ outcome: 'dropped', at: 4 });
    expect(await watcher.wait('c')).toEqual({ outcome: 'duplicate', at: 5 });
    expect(watcher.retries).toBe(1);
    expect(watcher.errorCount).toBe(2);
    expect(watcher.errors).toEqual(['job given up after 5 attempt(s) (attempts-exhausted); redeliver delivery a', 'something else broke']);
  });

  it('consumes the lines it has read, so a long run does not keep them', async () => {
    const logs: Array<Record<string, any>> = [{ level: 30, time: 1, deliveryId: 'x', msg: 'job completed' }];
    watcher = new JobWatcher(logs, 1);
    await watcher.wait('x');
    expect(logs).toHaveLength(0);
  });

  it('rejects with the delivery id when no ending is logged in time', async () => {
    watcher = new JobWatcher([], 1);
    await expect(watcher.wait('missing', 20)).rejects.toThrow(/delivery missing did not finish within 20 ms/);
  });
});
