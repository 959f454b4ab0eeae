// CPU time a process has used (user + system), from /proc/<pid>/stat; null where there is no /proc.
// Divided by the deliveries of a run it gives CPU per event, which unlike throughput does not
// depend on what else the machine is doing.
import { readFileSync } from 'node:fs';

/** Linux reports utime/stime in USER_HZ ticks, which is 100 per second on every Linux ABI. */
const TICKS_PER_SECOND = 100;

/** utime + stime in ms from the text of /proc/<pid>/stat (fields 14 and 15; the name may hold spaces). */
export function parseProcStatCpuMs(text: string): number | null {
  const afterName = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // afterName[0] is field 3 (state), so field n is afterName[n - 3].
  const utime = Number(afterName[11]);
  const stime = Number(afterName[12]);
  return Number.isFinite(utime) && Number.isFinite(stime) ? ((utime + stime) * 1000) / TICKS_PER_SECOND : null;
}

export function processCpuMs(pid: number): number | null {
  try {
    return parseProcStatCpuMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** CPU ms used by `pid` while `run` ran, per unit of work. */
export async function cpuPerUnit<T>(pid: number, units: number, run: () => Promise<T>): Promise<{ result: T; cpuMsPerUnit: number | null }> {
  const before = processCpuMs(pid);
  const result = await run();
  const after = processCpuMs(pid);
  const cpuMsPerUnit = before === null || after === null ? null : Math.round(((after - before) / Math.max(1, units)) * 100) / 100;
  return { result, cpuMsPerUnit };
}
