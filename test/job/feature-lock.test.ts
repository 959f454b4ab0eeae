import { describe, expect, it } from '@jest/globals';
import { KeyedMutex, featureLockKey } from '../../src/job/feature-lock.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('runs holders of one key one at a time, in arrival order, and other keys alongside', async () => {
    const lock = new KeyedMutex();
    const events: string[] = [];
    const job = (name: string) => async () => {
      events.push(`${name} start`);
      await tick();
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([lock.run('a', job('a1')), lock.run('a', job('a2')), lock.run('b', job('b1'))]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events.indexOf('a2 start')).toBeGreaterThan(events.indexOf('a1 end'));
    expect(events.indexOf('b1 start')).toBeLessThan(events.indexOf('a1 end'));
    expect(lock.size).toBe(0);
  });

  it('a failing holder releases the key for the next', async () => {
    const lock = new KeyedMutex();
    await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('a', async () => 'next')).resolves.toBe('next');
  });

  it('keys are scoped by repository, feature and plan path', () => {
    expect(featureLockKey('acme', 'web', '001-x', 'apps/a/specs/001-x/plan.md')).not.toBe(featureLockKey('acme', 'web', '001-x', 'apps/b/specs/001-x/plan.md'));
  });
});
