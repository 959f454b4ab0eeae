import { expect, it } from '@jest/globals';
import { parseProcStatCpuMs, processCpuMs } from '../../tools/bench/app-cpu.js';

it('reads utime + stime (fields 14 and 15, in 1/100 s) as ms, even when the name holds spaces and parentheses', () => {
  const fields = ['S', '1', '2', '3', '0', '-1', '4194560', '100', '0', '0', '0', '250', '37', '0', '0', '20', '0', '11'];
  expect(parseProcStatCpuMs(`4242 (node) ${fields.join(' ')}`)).toBe(2870);
  expect(parseProcStatCpuMs(`4242 (my (odd) name) ${fields.join(' ')}`)).toBe(2870);
});

it('gives null for text that is not a stat line', () => {
  expect(parseProcStatCpuMs('')).toBeNull();
});

it('reads this very process on Linux, and null for a process that does not exist', () => {
  const mine = processCpuMs(process.pid);
  if (process.platform === 'linux') expect(mine).toBeGreaterThan(0);
  expect(processCpuMs(2 ** 22 + 12345)).toBeNull();
});
