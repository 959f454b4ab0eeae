// Analysing a plan is most of the CPU a pull request event costs, and every re-evaluation of an
// unchanged pull request analyses the same text again. Keep recent models by a hash of the text
// and the analysis options (hashing is a tiny fraction of parsing, and unlike the blob SHA a
// server reports, it cannot disagree with the content), bounded by the size of the plans they
// came from. Callers get copies, so none can change another's model.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AnalyseOptions, PlanModel } from './index.js';
import { analysePlanParallel, type ParallelHooks } from './parallel.js';

/** Plan text the process-wide cache's models were built from, in all (a model takes a few times its text). */
export const PLAN_ANALYSIS_CACHE_BYTES = 8 * 1024 * 1024;

export class PlanAnalysisCache {
  private readonly models: LRUCache<string, { model: PlanModel; bytes: number }>;
  private hits = 0;
  private misses = 0;

  constructor(maxBytes: number) {
    this.models = new LRUCache({
      maxSize: maxBytes,
      // A plan bigger than the whole budget is simply not kept.
      sizeCalculation: (entry) => Math.max(1, entry.bytes),
    });
  }

  /**
   * `analysePlan(content, options)`, reusing the model of the same text analysed with the same
   * options. A large plan is parsed on worker threads, so the event loop keeps answering webhooks.
   */
  async analyse(content: string, options: AnalyseOptions, hooks: ParallelHooks = {}): Promise<PlanModel> {
    const key = createHash('sha256').update(content).update('\0').update(JSON.stringify(options)).digest('base64');
    const kept = this.models.get(key);
    if (kept) {
      this.hits += 1;
      return structuredClone(kept.model);
    }
    this.misses += 1;
    const model = await analysePlanParallel(content, options, hooks);
    this.models.set(key, { model: structuredClone(model), bytes: Buffer.byteLength(content) });
    return model;
  }

  /** Lookups answered from kept models, analyses run, and models kept now. */
  stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.hits, misses: this.misses, entries: this.models.size };
  }
}

/** The process-wide cache the pull request handlers share. */
export const planAnalysisCache = new PlanAnalysisCache(PLAN_ANALYSIS_CACHE_BYTES);
