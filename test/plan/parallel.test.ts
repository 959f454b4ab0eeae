import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analysePlan, parsePlan } from '../../src/plan/index.js';
import { analysePlanParallel, closeParsePool, PARALLEL_FROM_BYTES, parsePlanParallel, parallelParseStats, useParseWorkerModule } from '../../src/plan/parallel.js';
import { generatePlan } from '../../tools/bench/plan-bench.js';
import { fullOr, itFull, quickSample } from '../helpers/full-suite.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const corpus = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(CORPUS, name), 'utf8') }));

afterAll(closeParsePool);

describe('parsing on worker threads', () => {
  itFull('a large generated plan gives exactly the model of the one-thread parse, and really used the workers', async () => {
    const plan = generatePlan(600 * 1024);
    const before = parallelParseStats();
    const model = await analysePlanParallel(plan, { file: 'specs/001-big/plan.md' });
    const after = parallelParseStats();
    expect(after.documents).toBe(before.documents + 1);
    expect(after.batches - before.batches).toBeGreaterThan(4);
    expect(model).toEqual(analysePlan(plan, { file: 'specs/001-big/plan.md' }));
    expect(model.tasks.length).toBeGreaterThan(5000);
  });

  itFull('the whole corpus joined into one file (CRLF, front matter, fences, tables, tasks.md) parses identically', async () => {
    const joined = ['---\ntitle: joined\n---', ...corpus.map(({ name, text }) => `<!-- ${name} -->\n\n${text}`)].join('\n\n').replace(/\n/g, '\r\n');
    const big = joined.length >= PARALLEL_FROM_BYTES ? joined : `${joined}\r\n\r\n${joined}\r\n\r\n${joined}`;
    expect(big.length).toBeGreaterThanOrEqual(PARALLEL_FROM_BYTES);
    const before = parallelParseStats().documents;
    expect(await parsePlanParallel(big, { kind: 'tasks' })).toEqual(parsePlan(big, { kind: 'tasks' }));
    expect(parallelParseStats().documents).toBe(before + 1);
  });

  it('every corpus file alone gives the same model as analysePlan; only the large ones go to the workers', async () => {
    const large = corpus.filter(({ text }) => text.length >= PARALLEL_FROM_BYTES);
    expect(large.length).toBeGreaterThan(0); // 35-musubi-project-plan-167kb.md
    const files = [...new Set([...large, ...quickSample(corpus)])]; // the quick tier: the large ones and a spread
    const before = parallelParseStats().documents;
    for (const { name, text } of files) {
      expect(await analysePlanParallel(text, { file: name })).toEqual(analysePlan(text, { file: name }));
    }
    expect(parallelParseStats().documents).toBe(before + large.length);
  });

  it('the event loop keeps turning while a large plan parses (it never does during a one-thread parse)', async () => {
    const plan = generatePlan(fullOr(600, 300) * 1024); // 300 KB still turns it hundreds of times
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    try {
      analysePlan(plan);
      const duringOneThread = turns;
      await analysePlanParallel(plan);
      const duringParallel = turns - duringOneThread;
      expect(duringOneThread).toBe(0);
      expect(duringParallel).toBeGreaterThan(5); // between batches, at the least
    } finally {
      clearInterval(ticker);
    }
  });

  it('when the workers fail, the plan is parsed on the calling thread: same model, the caller told once', async () => {
    const plan = generatePlan(fullOr(300, 160) * 1024); // the quick tier: just over PARALLEL_FROM_BYTES
    await useParseWorkerModule(join(import.meta.dirname, 'fixtures/broken-parse-worker.mjs'));
    try {
      const before = parallelParseStats();
      const told: Error[] = [];
      const model = await analysePlanParallel(plan, { file: 'plan.md' }, { onFallback: (error) => told.push(error) });
      expect(model).toEqual(analysePlan(plan, { file: 'plan.md' }));
      expect(told).toHaveLength(1);
      expect(told[0].message).toMatch(/parse worker broke|exit/i);
      expect(parallelParseStats().fallbacks).toBe(before.fallbacks + 1);
    } finally {
      await useParseWorkerModule(null);
    }
    // The usual workers are back.
    const before = parallelParseStats().fallbacks;
    expect(await analysePlanParallel(plan)).toEqual(analysePlan(plan));
    expect(parallelParseStats().fallbacks).toBe(before);
  });

  it('a large document that cannot be split (link definitions) is parsed on the calling thread, same model', async () => {
    const plan = `${generatePlan(PARALLEL_FROM_BYTES + 1024)}\n\n[spec]: ./spec.md\n`;
    const before = parallelParseStats().documents;
    expect(await analysePlanParallel(plan)).toEqual(analysePlan(plan));
    expect(parallelParseStats().documents).toBe(before);
  });
});
