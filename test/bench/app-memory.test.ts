import { describe, expect, it } from '@jest/globals';
import { metricValue, parseProcStatus } from '../../tools/bench/app-memory.js';

describe('parseProcStatus', () => {
  it('reads VmRSS and VmHWM (kB) as bytes', () => {
    const status = ['Name:\tnode', 'VmPeak:\t 1200000 kB', 'VmHWM:\t  250000 kB', 'VmRSS:\t  200000 kB', 'Threads:\t11'].join('\n');
    expect(parseProcStatus(status)).toEqual({ rssBytes: 200000 * 1024, peakRssBytes: 250000 * 1024 });
  });

  it('gives null for fields that are not there (not Linux, process gone)', () => {
    expect(parseProcStatus('')).toEqual({ rssBytes: null, peakRssBytes: null });
  });
});

describe('metricValue', () => {
  const text = [
    '# HELP planbot_nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.',
    '# TYPE planbot_nodejs_heap_size_used_bytes gauge',
    'planbot_nodejs_heap_size_used_bytes 48210432',
    'planbot_nodejs_heap_size_total_bytes 60000000',
    'planbot_process_resident_memory_bytes 1.2e+08',
    'planbot_queue_depth{state="waiting"} 3',
  ].join('\n');

  it('finds an unlabelled gauge by its name without the prefix', () => {
    expect(metricValue(text, 'nodejs_heap_size_used_bytes')).toBe(48210432);
    expect(metricValue(text, 'process_resident_memory_bytes')).toBe(120000000);
  });

  it('does not confuse a name with a longer one, and gives null when absent', () => {
    expect(metricValue(text, 'heap_size_used_bytes')).toBe(48210432);
    expect(metricValue(text, 'nodejs_heap_size')).toBeNull();
    expect(metricValue('', 'nodejs_heap_size_used_bytes')).toBeNull();
  });
});
