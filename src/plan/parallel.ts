// Large plans parsed on several cores. A document splits into pieces that parse exactly as they
// would in place (chunks.ts), so batches of pieces go to a pool of worker threads, which read them
// into plan facts (extract.ts); the model is assembled from the facts in document order on the
// calling thread while later batches still parse.
// Two gains: a 1 MB plan parses in a fraction of the single-thread time, and the app's event loop
// (webhook acknowledgements, health checks) is never blocked by one huge parse.
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { splitIntoPieces, type Piece } from './chunks.js';
import { addLintFindings } from './lint.js';
import { prepareMarkdown } from './markdown.js';
import type { PlanModel } from './model.js';
import type { AnalyseOptions } from './options.js';
import { parsePlan, parsePrepared, PlanAssembler } from './parse.js';
import type { FactBatch } from './extract.js';
import type { ParseTask } from './parse-worker.js';

/** Below this, handing pieces to threads costs more than it saves: parse on the calling thread. */
export const PARALLEL_FROM_BYTES = 128 * 1024;
/** Text per task sent to a worker: big enough to amortise the hand-over, small enough to keep all threads busy. */
const BATCH_BYTES = 48 * 1024;
/** Young generation per worker: parsing makes many short-lived objects; fewer scavenges is faster. */
const WORKER_YOUNG_GENERATION_MB = 48;
/** Idle workers exit after this, so a process that parsed one large plan does not keep threads. */
const IDLE_TIMEOUT_MS = 30_000;

let pool: Piscina | null = null;
const stats = { documents: 0, batches: 0, fallbacks: 0 };
let workerOverride: string | null = null;

/** Threads parsing pieces: every core (the calling thread only assembles the model). */
export function parseThreads(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

export interface ParallelHooks {
  /**
   * The workers failed (a thread could not start, or died mid-parse): the plan was parsed on the
   * calling thread instead, so nothing is lost, but the caller should say so in its log.
   */
  onFallback?: (error: Error) => void;
}

/** parsePlan, on worker threads when the document is large enough to gain from it. */
export async function parsePlanParallel(source: string, options: AnalyseOptions = {}, hooks: ParallelHooks = {}): Promise<PlanModel> {
  if (source.length < PARALLEL_FROM_BYTES) return parsePlan(source, options);
  const markdown = prepareMarkdown(source);
  const pieces = splitIntoPieces(markdown.text);
  if (pieces.length === 1) return parsePrepared(markdown, options);
  const batches = intoBatches(pieces);
  stats.documents += 1;
  stats.batches += batches.length;
  try {
    const workers = parsePool();
    const assembler = new PlanAssembler(markdown, options);
    // Every batch is queued at once (the pool runs as many as it has threads); the assembler takes
    // them in order, so it works on batch n while batches n+1… are still being parsed.
    const parsed: Array<Promise<FactBatch>> = batches.map((pieces) => workers.run({ pieces, vocabulary: options.vocabulary } satisfies ParseTask));
    // Mark each as handled now: if batch 3 fails while the assembler waits for batch 1, that is reported below, not as unhandled.
    for (const result of parsed) result.catch(() => {});
    for (const result of parsed) assembler.addBatch(await result);
    return assembler.finish();
  } catch (error) {
    stats.fallbacks += 1;
    hooks.onFallback?.(error instanceof Error ? error : new Error(String(error)));
    return parsePrepared(markdown, options);
  }
}

/** analysePlan (parse + lint), on worker threads when the document is large enough to gain from it. */
export async function analysePlanParallel(source: string, options: AnalyseOptions = {}, hooks: ParallelHooks = {}): Promise<PlanModel> {
  return addLintFindings(await parsePlanParallel(source, options, hooks), options);
}

/** Documents sent to the workers, batches sent, and documents parsed on the calling thread because the workers failed. */
export function parallelParseStats(): { documents: number; batches: number; fallbacks: number } {
  return { ...stats };
}

/**
 * For tests: run the workers from another module (one exporting the same default function), or
 * from the usual one again (null). Closes the current pool.
 */
export async function useParseWorkerModule(filename: string | null): Promise<void> {
  await closeParsePool();
  workerOverride = filename;
}

/** Stops the pool's threads (they also stop by themselves when idle). */
export async function closeParsePool(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.destroy();
}

function intoBatches(pieces: Piece[]): Piece[][] {
  const batches: Piece[][] = [];
  let current: Piece[] = [];
  let bytes = 0;
  for (const piece of pieces) {
    current.push(piece);
    bytes += piece.text.length;
    if (bytes >= BATCH_BYTES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function parsePool(): Piscina {
  if (pool) return pool;
  const { filename, execArgv } = workerModule();
  pool = new Piscina({
    filename,
    execArgv,
    minThreads: 0,
    maxThreads: parseThreads(),
    idleTimeout: IDLE_TIMEOUT_MS,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
  return pool;
}

/**
 * The worker's module: the compiled parse-worker.js next to this file. When this file is the
 * TypeScript source (the test runner), the worker loads parse-worker.ts through tsx.
 */
function workerModule(): { filename: string; execArgv: string[] } {
  const here = import.meta.url;
  if (workerOverride) return { filename: workerOverride, execArgv: [] };
  if (here.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
    return { filename: fileURLToPath(new URL('./parse-worker.ts', here)), execArgv: ['--import', tsx] };
  }
  return { filename: fileURLToPath(new URL('./parse-worker.js', here)), execArgv: [] };
}
