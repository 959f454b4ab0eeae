import { describe, expect, it } from '@jest/globals';
import { splitIntoPieces, type Piece } from '../../src/plan/chunks.js';
import { FactExtractor, pieceSource } from '../../src/plan/extract.js';
import { prepareMarkdown, parsePiece } from '../../src/plan/markdown.js';
import { parsePlan, PlanAssembler } from '../../src/plan/parse.js';
import readPieces from '../../src/plan/parse-worker.js';
import { generatePlan } from '../../tools/bench/plan-bench.js';
import { corpusFile, hasCorpus } from './corpus-files.js';
import { itFull, quickSample } from '../helpers/full-suite.js';

/** The model assembled from the pieces read in the given batches, as the parse workers do. */
function assembleInBatches(source: string, batchesOf: (pieces: Piece[]) => Piece[][]) {
  const markdown = prepareMarkdown(source);
  const assembler = new PlanAssembler(markdown, {});
  for (const batch of batchesOf(splitIntoPieces(markdown.text))) assembler.addBatch(readPieces({ pieces: batch }));
  return assembler.finish();
}

/** A plan whose phases keep their dependencies in a list under a bold key with no value. */
function planWithListFields(phases: number): string {
  const blocks = ['# Plan: Lists', '', '## Technical Context', '', '**Storage**:', '- Postgres 16', '- Redis 7', '', '## Phases', ''];
  for (let n = 1; n <= phases; n++) {
    blocks.push(`### Phase ${n}: Step ${n}`, '', n === 1 ? '**Duration**: 2 days' : '**Dependencies**:', ...(n === 1 ? [] : [`- Phase ${n - 1}`]), '');
    for (let t = 1; t <= 12; t++) blocks.push(`- [${t % 2 ? 'x' : ' '}] T${n * 100 + t} Work item ${t} of phase ${n} [TO FILL]`);
    blocks.push('');
  }
  return blocks.join('\n');
}

describe('facts read in batches give the model of the one-thread parse', () => {
  it('whichever piece a batch ends on, even between a bold key and the list that is its value', () => {
    const plan = planWithListFields(60);
    const pieces = splitIntoPieces(prepareMarkdown(plan).text);
    expect(pieces.length).toBeGreaterThan(10);
    // Some cut falls between `**Dependencies**:` and its `- Phase n` list (what the test is for).
    expect(pieces.some((piece, i) => i > 0 && /^- Phase \d+/.test(piece.text) && /\*\*Dependencies\*\*:\n$/.test(pieces[i - 1].text))).toBe(true);
    const expected = parsePlan(plan);
    expect(expected.phases[5].dependencies).toEqual(['5']);
    // The quick tier tries every cut after a bold key and a spread of the others; the full suite every cut.
    const cuts = pieces.map((_, i) => i).slice(1);
    const afterKey = cuts.filter((cut) => /\*\*Dependencies\*\*:\n$/.test(pieces[cut - 1].text));
    for (const cut of new Set([...afterKey, ...quickSample(cuts, 6)])) {
      expect(assembleInBatches(plan, (all) => [all.slice(0, cut), all.slice(cut)])).toEqual(expected);
    }
    // And with every piece a batch of its own.
    expect(assembleInBatches(plan, (all) => all.map((piece) => [piece]))).toEqual(expected);
  });

  itFull('a generated plan and the corpus joined, one piece per batch', () => {
    const documents = [generatePlan(150 * 1024)];
    if (hasCorpus) documents.push(['02-zhulova-004-legal-pages-plan.md', '05-zhulova-004-legal-pages-tasks.md', '12-template-plan-tofill.md'].map(corpusFile).join('\n\n').repeat(8));
    for (const document of documents) {
      expect(assembleInBatches(document, (all) => all.map((piece) => [piece]))).toEqual(parsePlan(document));
    }
  });
});

describe('what a parse worker sends back', () => {
  it('is facts with document lines, and no tree', () => {
    const plan = planWithListFields(20);
    const pieces = splitIntoPieces(prepareMarkdown(plan).text);
    const last = pieces[pieces.length - 1];
    const batch = readPieces({ pieces: [last] });
    expect(batch.leadingList).toBeNull(); // the piece opens with a heading
    const tasks = batch.facts.filter((fact) => fact.kind === 'task');
    expect(tasks.length).toBeGreaterThan(0);
    const lines = plan.split('\n');
    for (const fact of tasks) expect(lines[fact.task.line - 1]).toContain(fact.task.text.split(' ')[0]);
    const placeholders = batch.facts.filter((fact) => fact.kind === 'placeholder');
    expect(placeholders.length).toBe(tasks.length);
    for (const fact of placeholders) {
      const { line, column, text } = fact.placeholder;
      expect(lines[line - 1].slice(column - 1)).toMatch(new RegExp(`^\\${text.slice(0, -1)}\\]`));
    }
    expect(JSON.stringify(batch)).not.toMatch(/"position"|"type":"(?:paragraph|listItem|text)"/);
  });

  it('names the list that opens the batch, as the value a bold key before it would take', () => {
    const extractor = new FactExtractor();
    const piece: Piece = { text: '- Phase 3\n- Phase 4\n\n## Next\n', offset: 100, lineOffset: 9 };
    extractor.add(parsePiece(piece), pieceSource(piece));
    const batch = extractor.end();
    expect(batch.leadingList).toBe('Phase 3; Phase 4');
    // A list without tasks is a fact of its own: a bold phase line before it would not be a phase.
    expect(batch.facts).toEqual([{ kind: 'plain list' }, { kind: 'heading', depth: 2, line: 13, title: 'Next', phase: null, subStep: null }]);
  });

  it('marks a trailing bold key with no value as waiting for that list, and only then', () => {
    const read = (text: string) => {
      const extractor = new FactExtractor();
      const piece: Piece = { text, offset: 0, lineOffset: 0 };
      extractor.add(parsePiece(piece), pieceSource(piece));
      return extractor.end().facts.filter((fact) => fact.kind === 'fields');
    };
    expect(read('**Dependencies**:\n')).toMatchObject([{ awaitsList: true, fields: [{ key: 'Dependencies', value: '' }] }]);
    expect(read('**Dependencies**: Phase 1\n')).toMatchObject([{ awaitsList: false }]);
    expect(read('**Dependencies**:\n\n- Phase 1\n')).toMatchObject([{ awaitsList: false, fields: [{ value: 'Phase 1' }] }]);
    expect(read('Dependencies:\n')).toMatchObject([{ awaitsList: false }]);
  });
});
