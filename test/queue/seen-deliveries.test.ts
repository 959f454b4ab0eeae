import { describe, expect, it } from '@jest/globals';
import { SeenDeliveries } from '../../src/queue/seen-deliveries.js';

describe('SeenDeliveries', () => {
  it('claims an id once; a forgotten (failed) id can be claimed again', () => {
    const seen = new SeenDeliveries(10, 60_000);
    expect(seen.claim('a')).toBe(true);
    expect(seen.claim('a')).toBe(false);
    seen.done('a');
    expect(seen.claim('a')).toBe(false);
    seen.forget('a');
    expect(seen.claim('a')).toBe(true);
  });

  it('is bounded: the oldest ids are evicted past maxEntries', () => {
    const seen = new SeenDeliveries(3, 60_000);
    for (const id of ['a', 'b', 'c', 'd']) seen.claim(id);
    expect(seen.size).toBe(3);
    expect(seen.claim('a')).toBe(true);
    expect(seen.claim('d')).toBe(false);
  });
});
