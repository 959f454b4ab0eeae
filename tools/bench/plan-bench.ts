// Parse + lint cost for plans from 20 KB to 2 MB, generated from the seed template by repeating
// phases and tasks. Reports time per KB at each size so linear growth is visible at a glance.
import { availableParallelism, cpus } from 'node:os';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { analysePlan, SEED_TEMPLATE } from '../../src/plan/index.js';
import { splitIntoPieces } from '../../src/plan/chunks.js';
import { prepareMarkdown } from '../../src/plan/markdown.js';
import { analysePlanParallel, closeParsePool, PARALLEL_FROM_BYTES, parseThreads } from '../../src/plan/parallel.js';

export interface PlanBenchRow {
  label: string;
  bytes: number;
  phases: number;
  tasks: number;
  gates: number;
  findings: number;
  /** analysePlanParallel (what the app and the CLI call): median of the timed runs, milliseconds. */
  medianMs: number;
  minMs: number;
  msPerKb: number;
  /** analysePlan on the calling thread alone: median, milliseconds. */
  oneThreadMedianMs: number;
  /**
   * remark-parse + remark-gfm alone, unchanged, over the same pieces on one thread (no model, no
   * lint): what any engine built on them pays on this machine. Median of 3, milliseconds.
   */
  remarkAloneMs: number;
  /** Heap in use right after analysing once, the model still alive (MB). */
  heapMb: number;
  /** The process's peak resident memory so far (MB): it only grows, row by row. */
  peakRssMb: number;
}

export interface PlanBenchResult {
  name: 'plan';
  node: string;
  /** The machine: cores and CPU model, since every figure here scales with them. */
  machine: string;
  /** Threads that parse pieces of a large plan (the machine's cores, at most 8). */
  parseThreads: number;
  runs: number;
  rows: PlanBenchRow[];
  /** msPerKb of the largest plan divided by that of the smallest: ~1 means linear. */
  linearity: number;
  /** The target: a 1 MB plan under 1 s. */
  oneMbUnderOneSecond: boolean;
}

export const BENCH_SIZES: Array<{ label: string; bytes: number }> = [
  { label: '20 KB', bytes: 20 * 1024 },
  { label: '100 KB', bytes: 100 * 1024 },
  { label: '250 KB', bytes: 250 * 1024 },
  { label: '500 KB', bytes: 500 * 1024 },
  { label: '1 MB', bytes: 1024 * 1024 },
  { label: '2 MB', bytes: 2 * 1024 * 1024 },
];

/**
 * A seed-shaped plan of about `bytes` bytes: the seed's front matter and closing sections, with
 * `### Phase N` blocks (duration, dependency on the previous phase, eight tasks, some ticked)
 * repeated in between, and a gate table that grows with it.
 */
export function generatePlan(bytes: number): string {
  const [head, tail] = splitSeed();
  const phases: string[] = [];
  const gates: string[] = [];
  let size = head.length + tail.length;
  for (let n = 0; size < bytes; n++) {
    const tasks = Array.from(
      { length: 8 },
      (_, t) => `- [${(n + t) % 3 === 0 ? 'x' : ' '}] T${String(n * 8 + t + 1).padStart(4, '0')} [P] Implement part ${t + 1} of phase ${n} with tests`,
    );
    const block = [
      `### Phase ${n}: Workstream ${n}`,
      `**Duration**: ${1 + (n % 5)} days`,
      n === 0 ? '**Dependencies**: None' : `**Dependencies**: Phase ${n - 1}`,
      '',
      ...tasks,
      '',
    ].join('\n');
    const gate = `| Gate ${n} | Criteria for workstream ${n} | ${n % 4 === 0 ? '⬜' : '✅ PASS'} |`;
    phases.push(block);
    gates.push(gate);
    size += block.length + gate.length + 2;
  }
  return [head, phases.join('\n'), '## Quality Gates', '', '| Gate | Criteria | Status |', '|------|----------|--------|', ...gates, '', tail].join('\n');
}

/** The seed before its phases, and from Risks onwards (so required sections stay present). */
function splitSeed(): [string, string] {
  const phasesAt = SEED_TEMPLATE.indexOf('### Phase 0');
  const risksAt = SEED_TEMPLATE.indexOf('## Risks & Mitigations');
  return [SEED_TEMPLATE.slice(0, phasesAt), SEED_TEMPLATE.slice(risksAt)];
}

export async function runPlanBench(options: { runs?: number; sizes?: typeof BENCH_SIZES } = {}): Promise<PlanBenchResult> {
  const runs = options.runs ?? 7;
  const sizes = options.sizes ?? BENCH_SIZES;
  // Warm the JIT (and start the parse threads) so the first row pays for neither.
  const warm = generatePlan(PARALLEL_FROM_BYTES * 2);
  for (let i = 0; i < 3; i++) {
    analysePlan(warm);
    await analysePlanParallel(warm);
  }

  const rows: PlanBenchRow[] = [];
  for (const { label, bytes } of sizes) {
    const source = generatePlan(bytes);
    const actualBytes = Buffer.byteLength(source);
    (globalThis as { gc?: () => void }).gc?.();
    const model = await analysePlanParallel(source);
    const heapMb = process.memoryUsage().heapUsed / (1024 * 1024);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const times = await timeRuns(runs, () => analysePlanParallel(source));
    const oneThread = await timeRuns(runs, () => analysePlan(source));
    const pieces = splitIntoPieces(prepareMarkdown(source).text).map((piece) => piece.text);
    const remarkAlone = await timeRuns(3, () => pieces.forEach((piece) => remarkGfmAlone.parse(piece)));
    const medianMs = median(times);
    rows.push({
      label,
      bytes: actualBytes,
      phases: model.phases.length,
      tasks: model.tasks.length,
      gates: model.gates.length,
      findings: model.findings.length,
      medianMs: round(medianMs),
      minMs: round(times[0]),
      msPerKb: round(medianMs / (actualBytes / 1024), 4),
      oneThreadMedianMs: round(median(oneThread)),
      remarkAloneMs: round(median(remarkAlone)),
      heapMb: round(heapMb),
      peakRssMb: round(peakRssMb),
    });
  }
  await closeParsePool();
  const oneMb = rows.find((row) => row.label === '1 MB');
  return {
    name: 'plan',
    node: process.version,
    machine: `${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}`,
    parseThreads: parseThreads(),
    runs,
    rows,
    linearity: round(rows[rows.length - 1].msPerKb / rows[0].msPerKb),
    oneMbUnderOneSecond: oneMb ? oneMb.medianMs < 1000 : false,
  };
}

const remarkGfmAlone = unified().use(remarkParse).use(remarkGfm);

/** Each run's milliseconds, sorted. */
async function timeRuns(runs: number, analyse: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await analyse();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

function median(sorted: number[]): number {
  return sorted[Math.floor(sorted.length / 2)];
}

/** A table for the terminal. */
export function formatPlanBench(result: PlanBenchResult): string {
  const header = ['size', 'bytes', 'phases', 'tasks', 'gates', 'findings', 'median ms', 'min ms', 'ms/KB', '1 thread ms', 'remark alone ms', 'heap MB', 'peak RSS MB'];
  const rows = result.rows.map((row) => [
    row.label,
    String(row.bytes),
    String(row.phases),
    String(row.tasks),
    String(row.gates),
    String(row.findings),
    row.medianMs.toFixed(1),
    row.minMs.toFixed(1),
    row.msPerKb.toFixed(3),
    row.oneThreadMedianMs.toFixed(1),
    row.remarkAloneMs.toFixed(1),
    row.heapMb.toFixed(1),
    row.peakRssMb.toFixed(0),
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i])).join('  ');
  return [
    `plan engine: parse + lint (analysePlanParallel: plans from ${PARALLEL_FROM_BYTES / 1024} KB parse on ${result.parseThreads} threads), median of ${result.runs} runs, ${result.node}, ${result.machine}`,
    `"1 thread ms": analysePlan on the calling thread alone, for comparison`,
    `"remark alone ms": unified + remark-parse + remark-gfm, unchanged, over the same pieces on one thread: no model, no lint`,
    line(header),
    ...rows.map(line),
    `time per KB, largest / smallest: ${result.linearity.toFixed(2)} (1.00 = linear)`,
    `1 MB plan under 1 s: ${result.oneMbUnderOneSecond ? 'yes' : 'NO'}`,
  ].join('\n');
}

function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
