// Memory of the app's child process, two ways: the kernel's view (/proc/<pid>/status: VmRSS now,
// VmHWM the peak) and the app's own GET /metrics (resident set and V8 heap in use, from
// prom-client's default metrics). Either may be missing (not Linux, metrics turned off): null.
import { readFile } from 'node:fs/promises';

export interface MemorySample {
  /** Deliveries completed when the sample was taken. */
  events: number;
  /** VmRSS, bytes. */
  rssBytes: number | null;
  /** VmHWM (peak resident set so far), bytes. */
  peakRssBytes: number | null;
  /** nodejs_heap_size_used_bytes from /metrics. */
  heapUsedBytes: number | null;
}

/** VmRSS and VmHWM from the text of /proc/<pid>/status (values are in kB). */
export function parseProcStatus(text: string): { rssBytes: number | null; peakRssBytes: number | null } {
  const kilobytes = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    return match ? Number(match[1]) * 1024 : null;
  };
  return { rssBytes: kilobytes('VmRSS'), peakRssBytes: kilobytes('VmHWM') };
}

/** The value of an unlabelled gauge named `<anything>_<suffix>` in Prometheus text. */
export function metricValue(text: string, suffix: string): number | null {
  const match = new RegExp(`^(?:\\w+_)?${suffix}(?:\\{[^}]*\\})?\\s+([0-9.eE+-]+)\\s*$`, 'm').exec(text);
  return match ? Number(match[1]) : null;
}

export async function sampleMemory(pid: number, appUrl: string, events: number): Promise<MemorySample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const metrics = await fetch(`${appUrl}/metrics`, { signal: AbortSignal.timeout(5000) })
    .then((response) => (response.ok ? response.text() : ''))
    .catch(() => '');
  const proc = parseProcStatus(status);
  return {
    events,
    rssBytes: proc.rssBytes ?? metricValue(metrics, 'process_resident_memory_bytes'),
    peakRssBytes: proc.peakRssBytes,
    heapUsedBytes: metricValue(metrics, 'nodejs_heap_size_used_bytes'),
  };
}
