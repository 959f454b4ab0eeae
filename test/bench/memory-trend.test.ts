import { describe, expect, it } from '@jest/globals';
import type { MemorySample } from '../../src/bench/app-memory.js';
import { FLAT_BYTES_PER_EVENT, memoryTrend } from '../../src/bench/memory-trend.js';

const MB = 1024 * 1024;
/** Samples every 1,000 events; RSS after `warm` given by `rss(events)`, warm-up growth before. */
function samples(rss: (events: number) => number, heap: (events: number) => number = () => 50 * MB): MemorySample[] {
  return Array.from({ length: 11 }, (_, i) => i * 1000).map((events) => ({
    events,
    rssBytes: events === 0 ? 90 * MB : rss(events),
    peakRssBytes: 300 * MB,
    heapUsedBytes: heap(events),
  }));
}

describe('memoryTrend', () => {
  it('calls a run flat when RSS stops growing after the warm-up tenth, whatever the warm-up did', () => {
    const trend = memoryTrend(samples(() => 150 * MB), 10_000);
    expect(trend.warmUpEvents).toBe(1000);
    expect(trend.rssBytesPerEvent).toBe(0);
    expect(trend.rssGrowthMb).toBe(0);
    expect(trend.flat).toBe(true);
    expect(trend.rssMbAt).toEqual([
      { events: 1000, rssMb: 150, heapUsedMb: 50 },
      { events: 5000, rssMb: 150, heapUsedMb: 50 },
      { events: 10_000, rssMb: 150, heapUsedMb: 50 },
    ]);
    expect(trend.peakRssMb).toBe(300);
  });

  it('calls a run leaking when RSS keeps growing by more than the threshold per event', () => {
    const leak = 2 * FLAT_BYTES_PER_EVENT;
    const trend = memoryTrend(
      samples((events) => 150 * MB + leak * events),
      10_000,
    );
    expect(trend.rssBytesPerEvent).toBeCloseTo(leak, 0);
    expect(trend.rssGrowthMb).toBeCloseTo((leak * 9000) / MB, 1);
    expect(trend.flat).toBe(false);
  });

  it('reports the heap slope separately from RSS', () => {
    const trend = memoryTrend(samples(() => 150 * MB, (events) => 40 * MB + 100 * events), 10_000);
    expect(trend.heapBytesPerEvent).toBeCloseTo(100, 0);
    expect(trend.flat).toBe(true);
  });

  it('has no verdict when RSS could not be read', () => {
    const unreadable = samples(() => 0).map((sample) => ({ ...sample, rssBytes: null, peakRssBytes: null }));
    const trend = memoryTrend(unreadable, 10_000);
    expect(trend.flat).toBeNull();
    expect(trend.rssBytesPerEvent).toBeNull();
    expect(trend.peakRssMb).toBeNull();
  });
});
