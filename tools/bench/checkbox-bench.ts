// The cost of writing ticks back into a plan (applyCheckboxStates: one parse plus the box edits),
// for one tick and for every task flipped at once, on the plan bench's generated plans.
import { applyCheckboxStates, withOccurrences } from '../../src/plan/checkbox-edit.js';
import { parsePlan } from '../../src/plan/index.js';
import { taskKey } from '../../src/sync/task-key.js';
import { BENCH_SIZES, generatePlan } from './plan-bench.js';

export interface CheckboxBenchRow {
  label: string;
  bytes: number;
  tasks: number;
  oneTickMs: number;
  allTasksMs: number;
}

export interface CheckboxBenchResult {
  name: 'checkbox';
  runs: number;
  rows: CheckboxBenchRow[];
}

function median(runs: number, work: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 100) / 100;
}

export function runCheckboxBench(runs = 7): CheckboxBenchResult {
  const options = { keyOf: taskKey };
  const rows = BENCH_SIZES.map(({ label, bytes }) => {
    const source = generatePlan(bytes);
    const tasks = parsePlan(source).tasks;
    const keys = withOccurrences(tasks.map(taskKey));
    const middle = Math.floor(tasks.length / 2);
    const one = new Map([[keys[middle], !tasks[middle].checked]]);
    const all = new Map(keys.map((key, index) => [key, !tasks[index].checked]));
    applyCheckboxStates(source, all, options); // warm-up
    return {
      label,
      bytes: Buffer.byteLength(source),
      tasks: tasks.length,
      oneTickMs: median(runs, () => applyCheckboxStates(source, one, options)),
      allTasksMs: median(runs, () => applyCheckboxStates(source, all, options)),
    };
  });
  return { name: 'checkbox', runs, rows };
}

export function formatCheckboxBench(result: CheckboxBenchResult): string {
  return [
    `tick write-back: applyCheckboxStates, median of ${result.runs} runs`,
    'size      tasks   1 tick ms   all tasks ms',
    ...result.rows.map(
      (row) =>
        `${row.label.padEnd(8)}${String(row.tasks).padStart(7)}${row.oneTickMs.toFixed(1).padStart(12)}${row.allTasksMs.toFixed(1).padStart(15)}`,
    ),
  ].join('\n');
}
