import { describe, expect, it } from '@jest/globals';
import { distribution, percentile, round, slope } from '../../tools/bench/stats.js';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted on purpose

  it('picks the value at rank ceil(p/100 · n) of the sorted values', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7, 3, 5], 50)).toBe(5);
  });

  it('gives the smallest value for p = 0 and NaN for no values', () => {
    expect(percentile([4, 2, 9], 0)).toBe(2);
    expect(percentile([], 50)).toBeNaN();
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('distribution', () => {
  it('reports count, p50, p99, max and mean, rounded to 2 decimals', () => {
    expect(distribution([1, 2, 3, 4, 100.123])).toEqual({ count: 5, p50: 3, p99: 100.12, max: 100.12, mean: 22.02 });
  });

  it('is all NaN but the count for no values', () => {
    expect(distribution([])).toEqual({ count: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN });
  });
});

describe('slope (least squares)', () => {
  it('recovers the slope of points on a line, and of noisy points around it', () => {
    expect(slope([0, 1, 2, 3].map((x) => ({ x, y: 5 + 2 * x })))).toBeCloseTo(2, 10);
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 2.5 }, { x: 2, y: 3 }, { x: 3, y: 5.5 }])).toBeCloseTo(1.4, 10);
  });

  it('is 0 for a flat series, one point, or a single x', () => {
    expect(slope([1, 2, 3].map((x) => ({ x, y: 42 })))).toBe(0);
    expect(slope([{ x: 1, y: 2 }])).toBe(0);
    expect(slope([{ x: 1, y: 2 }, { x: 1, y: 9 }])).toBe(0);
  });
});

it('round keeps the asked number of decimals', () => {
  expect(round(1.23456)).toBe(1.23);
  expect(round(1.23456, 3)).toBe(1.235);
  expect(round(12.5, 0)).toBe(13);
});
