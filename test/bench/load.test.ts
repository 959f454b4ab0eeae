import { expect, it } from '@jest/globals';
import { ratePerDecile } from '../../tools/bench/load.js';

it('ratePerDecile gives completions per second for each tenth of the run', () => {
  // 200 completions: the first 100 over the first second, the next 100 over the following four.
  const ended = [...Array.from({ length: 100 }, (_, i) => 10 * (i + 1)), ...Array.from({ length: 100 }, (_, i) => 1000 + 40 * (i + 1))];
  const rates = ratePerDecile(ended, 0);
  expect(rates).toHaveLength(10);
  expect(rates.slice(0, 5)).toEqual([100, 100, 100, 100, 100]);
  expect(rates.slice(5)).toEqual([25, 25, 25, 25, 25]);
});

it('ratePerDecile gives nothing for runs too short to split into tenths meaningfully', () => {
  expect(ratePerDecile([1, 2, 3], 0)).toEqual([]);
});
