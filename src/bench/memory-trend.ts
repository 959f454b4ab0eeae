// Is the app's memory flat over many events? Fits a least-squares line through the samples taken
// after warm-up (the first tenth of the run: JIT, caches and connection pools fill up there) and
// reports its slope per event. The dedupe set and the ETag cache are bounded (10,000 entries
// each), so a steady slope above the threshold is a leak, not a cache filling.
import type { MemorySample } from './app-memory.js';
import { round, slope } from './stats.js';

/** Resident-set growth per event after warm-up that still counts as flat (10 MB per 10,000 events). */
export const FLAT_BYTES_PER_EVENT = 1024;

export interface MemoryTrend {
  /** Deliveries counted as warm-up (excluded from the slope). */
  warmUpEvents: number;
  /** RSS in MB at the samples the issue names (10 %, 50 %, 100 % of the run: 1k, 5k, 10k in full mode). */
  rssMbAt: Array<{ events: number; rssMb: number | null; heapUsedMb: number | null }>;
  /** Slope of RSS after warm-up, bytes per event (least squares over every sample). */
  rssBytesPerEvent: number | null;
  /** Slope of the V8 heap in use after warm-up, bytes per event (noisier: it moves with GC). */
  heapBytesPerEvent: number | null;
  /** RSS at the end minus RSS after warm-up, MB. */
  rssGrowthMb: number | null;
  /** VmHWM at the end of the run, MB. */
  peakRssMb: number | null;
  flat: boolean | null;
}

export function memoryTrend(samples: readonly MemorySample[], events: number): MemoryTrend {
  const warmUpEvents = Math.max(1, Math.round(events / 10));
  const afterWarmUp = samples.filter((sample) => sample.events >= warmUpEvents);
  const fit = (pick: (sample: MemorySample) => number | null) => {
    const points = afterWarmUp.flatMap((sample) => (pick(sample) === null ? [] : [{ x: sample.events, y: pick(sample)! }]));
    return points.length >= 2 ? round(slope(points), 1) : null;
  };
  const nearest = (target: number) =>
    samples.reduce<MemorySample | null>((best, sample) => (!best || Math.abs(sample.events - target) < Math.abs(best.events - target) ? sample : best), null);
  const rssBytesPerEvent = fit((sample) => sample.rssBytes);
  const first = afterWarmUp[0]?.rssBytes ?? null;
  const last = afterWarmUp[afterWarmUp.length - 1]?.rssBytes ?? null;
  const peaks = samples.flatMap((sample) => (sample.peakRssBytes === null ? [] : [sample.peakRssBytes]));
  return {
    warmUpEvents,
    rssMbAt: [warmUpEvents, Math.round(events / 2), events].map((target) => {
      const sample = nearest(target);
      return { events: sample?.events ?? target, rssMb: mb(sample?.rssBytes ?? null), heapUsedMb: mb(sample?.heapUsedBytes ?? null) };
    }),
    rssBytesPerEvent,
    heapBytesPerEvent: fit((sample) => sample.heapUsedBytes),
    rssGrowthMb: first !== null && last !== null ? mb(last - first) : null,
    peakRssMb: peaks.length > 0 ? mb(Math.max(...peaks)) : null,
    flat: rssBytesPerEvent === null ? null : rssBytesPerEvent < FLAT_BYTES_PER_EVENT,
  };
}

export function mb(bytes: number | null): number | null {
  return bytes === null ? null : round(bytes / (1024 * 1024), 1);
}
