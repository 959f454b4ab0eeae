import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analysePlan } from '../../src/plan/index.js';
import { PlanAnalysisCache } from '../../src/plan/analysis-cache.js';
import { quickSample } from '../helpers/full-suite.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const corpusFiles = quickSample(readdirSync(CORPUS).filter((name) => name.endsWith('.md')).sort()); // a spread in the quick tier
const SEED = readFileSync(join(import.meta.dirname, '../../../shared/seed/plan-template.md'), 'utf8');

describe('PlanAnalysisCache', () => {
  it('gives the same model as analysePlan for every corpus file, first and second time', async () => {
    const cache = new PlanAnalysisCache(64 * 1024 * 1024);
    for (const name of corpusFiles) {
      const content = readFileSync(join(CORPUS, name), 'utf8');
      const options = { file: name, kind: name.includes('tasks') ? ('tasks' as const) : ('plan' as const) };
      const expected = analysePlan(content, options);
      expect(await cache.analyse(content, options)).toEqual(expected);
      expect(await cache.analyse(content, options)).toEqual(expected);
    }
    expect(cache.stats()).toEqual({ hits: corpusFiles.length, misses: corpusFiles.length, entries: corpusFiles.length });
  });

  it('analyses the same text once; a caller changing its model changes nobody else’s', async () => {
    const cache = new PlanAnalysisCache(1024 * 1024);
    const first = await cache.analyse(SEED, { file: 'a.md' });
    first.phases[0].tasks.length = 0;
    first.findings.push({ rule: 'x', severity: 'error', message: 'forged', line: 1 } as any);
    const second = await cache.analyse(SEED, { file: 'a.md' });
    expect(cache.stats()).toEqual({ hits: 1, misses: 1, entries: 1 });
    expect(second).toEqual(analysePlan(SEED, { file: 'a.md' }));
    second.phases.length = 0;
    expect(await cache.analyse(SEED, { file: 'a.md' })).toEqual(analysePlan(SEED, { file: 'a.md' }));
  });

  it('different text or different options are analysed afresh', async () => {
    const cache = new PlanAnalysisCache(1024 * 1024);
    await cache.analyse(SEED, { file: 'a.md' });
    const edited = SEED.replace('- [ ]', '- [x]');
    expect(await cache.analyse(edited, { file: 'a.md' })).toEqual(analysePlan(edited, { file: 'a.md' }));
    const required = { file: 'a.md', requiredSections: ['Nowhere To Be Found'] };
    expect((await cache.analyse(SEED, required)).findings.some((finding) => finding.message.includes('Nowhere To Be Found'))).toBe(true);
    const vocabulary = { file: 'a.md', vocabulary: { pass: ['shipped'] } } as any;
    expect(await cache.analyse(SEED, vocabulary)).toEqual(analysePlan(SEED, vocabulary));
    expect(cache.stats()).toEqual({ hits: 0, misses: 4, entries: 4 });
  });

  it('keeps no more plan text than its budget, dropping the least recently used', async () => {
    const budget = Buffer.byteLength(SEED) * 2 + 10;
    const cache = new PlanAnalysisCache(budget);
    const plans = ['A', 'B', 'C'].map((letter) => SEED.replace('# Implementation Plan', `# Implementation Plan ${letter}`));
    for (const plan of plans) await cache.analyse(plan, {});
    expect(cache.stats()).toEqual({ hits: 0, misses: 3, entries: 2 });
    await cache.analyse(plans[2], {}); // kept
    await cache.analyse(plans[0], {}); // dropped when C came in
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 4 });

    const tooBig = new PlanAnalysisCache(Buffer.byteLength(SEED) - 1);
    await tooBig.analyse(SEED, {});
    await tooBig.analyse(SEED, {});
    expect(tooBig.stats()).toEqual({ hits: 0, misses: 2, entries: 0 });
  });
});
