// Is the app's memory flat over many events? RSS samples are noisy (V8 grows and shrinks its heap
// around garbage collections, ±10–20 MB) and V8 keeps enlarging its heap for the first few
// thousand events of a busy run. So the verdict fits a least-squares line through the samples of
// the second half of the run, where a leak keeps climbing and a warmed-up process does not; the
// slope from the end of warm-up (the first tenth) is reported beside it. The dedupe set and the
// ETag cache are bounded (10,000 entries each), so a steady climb above the threshold is a leak.
import type { MemorySample } from './app-memory.js';
import { round, slope } from './stats.js';

/** Resident-set growth per event that still counts as flat (10 MB per 10,000 events). */
export const FLAT_BYTES_PER_EVENT = 1024;

export interface MemoryTrend {
  /** Deliveries counted as warm-up (the first tenth). */
  warmUpEvents: number;
  /** RSS and heap in MB at the samples the issue names: 10 %, 50 %, 100 % of the run (1k, 5k, 10k in full mode). */
  rssMbAt: Array<{ events: number; rssMb: number | null; heapUsedMb: number | null }>;
  /** Least-squares slope of RSS from the end of warm-up to the end, bytes per event. */
  rssBytesPerEvent: number | null;
  /** Least-squares slope of RSS over the second half of the run, bytes per event: the verdict's figure. */
  rssBytesPerEventSecondHalf: number | null;
  /** The same for the V8 heap in use, second half (noisier: it follows garbage collections). */
  heapBytesPerEventSecondHalf: number | null;
  /** Lowest heap in use in the first half after warm-up and in the second half, MB: a leak lifts the floor. */
  heapFloorMb: { firstHalf: number | null; secondHalf: number | null };
  /** RSS at the end minus RSS at the end of warm-up, MB. */
  rssGrowthMb: number | null;
  /** VmHWM at the end of the run, MB. */
  peakRssMb: number | null;
  flat: boolean | null;
}

export function memoryTrend(samples: readonly MemorySample[], events: number): MemoryTrend {
  const warmUpEvents = Math.max(1, Math.round(events / 10));
  const half = events / 2;
  const afterWarmUp = samples.filter((sample) => sample.events >= warmUpEvents);
  const secondHalf = samples.filter((sample) => sample.events >= half);
  const firstHalf = afterWarmUp.filter((sample) => sample.events < half);
  const rssSecondHalf = fit(secondHalf, (sample) => sample.rssBytes);
  const first = afterWarmUp[0]?.rssBytes ?? null;
  const last = afterWarmUp[afterWarmUp.length - 1]?.rssBytes ?? null;
  const peaks = samples.flatMap((sample) => (sample.peakRssBytes === null ? [] : [sample.peakRssBytes]));
  return {
    warmUpEvents,
    rssMbAt: [warmUpEvents, Math.round(half), events].map((target) => {
      const sample = nearest(samples, target);
      return { events: sample?.events ?? target, rssMb: mb(sample?.rssBytes ?? null), heapUsedMb: mb(sample?.heapUsedBytes ?? null) };
    }),
    rssBytesPerEvent: fit(afterWarmUp, (sample) => sample.rssBytes),
    rssBytesPerEventSecondHalf: rssSecondHalf,
    heapBytesPerEventSecondHalf: fit(secondHalf, (sample) => sample.heapUsedBytes),
    heapFloorMb: { firstHalf: floor(firstHalf), secondHalf: floor(secondHalf) },
    rssGrowthMb: first !== null && last !== null ? mb(last - first) : null,
    peakRssMb: peaks.length > 0 ? mb(Math.max(...peaks)) : null,
    flat: rssSecondHalf === null ? null : rssSecondHalf < FLAT_BYTES_PER_EVENT,
  };
}

export function mb(bytes: number | null): number | null {
  return bytes === null ? null : round(bytes / (1024 * 1024), 1);
}

function fit(samples: readonly MemorySample[], pick: (sample: MemorySample) => number | null): number | null {
  const points = samples.flatMap((sample) => {
    const value = pick(sample);
    return value === null ? [] : [{ x: sample.events, y: value }];
  });
  return points.length >= 2 ? round(slope(points), 1) : null;
}

function nearest(samples: readonly MemorySample[], target: number): MemorySample | null {
  let best: MemorySample | null = null;
  for (const sample of samples) if (!best || Math.abs(sample.events - target) < Math.abs(best.events - target)) best = sample;
  return best;
}

function floor(samples: readonly MemorySample[]): number | null {
  const heaps = samples.flatMap((sample) => (sample.heapUsedBytes === null ? [] : [sample.heapUsedBytes]));
  return heaps.length > 0 ? mb(Math.min(...heaps)) : null;
}
