import { describe, expect, it } from '@jest/globals';
import type { MemorySample } from '../../tools/bench/app-memory.js';
import { FLAT_BYTES_PER_EVENT, memoryTrend } from '../../tools/bench/memory-trend.js';

const MB = 1024 * 1024;
/** A sample every 500 events over 10,000, RSS from `rss(events)` (90 MB at the start). */
function samples(rss: (events: number) => number, heap: (events: number) => number = () => 50 * MB): MemorySample[] {
  return Array.from({ length: 21 }, (_, i) => i * 500).map((events) => ({
    events,
    rssBytes: events === 0 ? 90 * MB : rss(events),
    peakRssBytes: 300 * MB,
    heapUsedBytes: heap(events),
  }));
}

describe('memoryTrend', () => {
  it('calls a run flat when RSS stops growing, and reports it at 1k, 5k and 10k events', () => {
    const trend = memoryTrend(samples(() => 150 * MB), 10_000);
    expect(trend.warmUpEvents).toBe(1000);
    expect(trend.rssBytesPerEvent).toBe(0);
    expect(trend.rssBytesPerEventSecondHalf).toBe(0);
    expect(trend.rssGrowthMb).toBe(0);
    expect(trend.flat).toBe(true);
    expect(trend.rssMbAt).toEqual([
      { events: 1000, rssMb: 150, heapUsedMb: 50 },
      { events: 5000, rssMb: 150, heapUsedMb: 50 },
      { events: 10_000, rssMb: 150, heapUsedMb: 50 },
    ]);
    expect(trend.peakRssMb).toBe(300);
  });

  it('calls a run leaking when RSS keeps climbing by more than the threshold per event to the end', () => {
    const leak = 2 * FLAT_BYTES_PER_EVENT;
    const trend = memoryTrend(samples((events) => 150 * MB + leak * events), 10_000);
    expect(trend.rssBytesPerEventSecondHalf).toBeCloseTo(leak, 0);
    expect(trend.rssBytesPerEvent).toBeCloseTo(leak, 0);
    expect(trend.rssGrowthMb).toBeCloseTo((leak * 9000) / MB, 1);
    expect(trend.flat).toBe(false);
  });

  it('does not call a heap still growing to its working size in the first half a leak, but shows that growth', () => {
    // +40 MB between 1k and 4k events, then level: what V8 does while a busy process warms up.
    const trend = memoryTrend(samples((events) => 150 * MB + Math.min(Math.max(events - 1000, 0), 3000) * ((40 * MB) / 3000)), 10_000);
    expect(trend.rssBytesPerEvent!).toBeGreaterThan(FLAT_BYTES_PER_EVENT);
    expect(trend.rssBytesPerEventSecondHalf).toBe(0);
    expect(trend.rssGrowthMb).toBe(40);
    expect(trend.flat).toBe(true);
  });

  it('reports the heap slope and the heap floor of each half: a leak lifts the floor', () => {
    const sawtooth = (events: number) => (events % 1000 === 0 ? 40 * MB : 120 * MB) + 100 * events;
    const trend = memoryTrend(samples(() => 150 * MB, sawtooth), 10_000);
    // Floors at 1,000 and 5,000 events (the second half starts at 5,000), rounded to 0.1 MB.
    expect(trend.heapFloorMb).toEqual({ firstHalf: 40.1, secondHalf: 40.5 });
    expect(trend.heapBytesPerEventSecondHalf).not.toBeNull();
    expect(trend.flat).toBe(true);
  });

  it('has no verdict when RSS could not be read', () => {
    const unreadable = samples(() => 0).map((sample) => ({ ...sample, rssBytes: null, peakRssBytes: null, heapUsedBytes: null }));
    const trend = memoryTrend(unreadable, 10_000);
    expect(trend.flat).toBeNull();
    expect(trend.rssBytesPerEvent).toBeNull();
    expect(trend.peakRssMb).toBeNull();
    expect(trend.heapFloorMb).toEqual({ firstHalf: null, secondHalf: null });
  });
});
