// Gate and status tables as people really write them (issue 15, part A): fixtures in
// test/plan/fixtures/gates, several variants per rule, in several languages.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analysePlan, parsePlan, type Gate } from '../../src/plan/index.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/gates/${name}`, import.meta.url)), 'utf8');
const statuses = (gates: Gate[]) => gates.map((gate) => [gate.name, gate.status]);

describe('words decide over symbols', () => {
  it("classifies issue 15's cells, and emoji alone when there is no word", () => {
    expect(statuses(parsePlan(fixture('words-over-symbols.md')).gates)).toEqual([
      ['Coverage', 'pending'],
      ['Size budget', 'fail'],
      ['Load test', 'pending'],
      ['Pen test', 'pending'],
      ['Accessibility', 'pending'],
      ['Migration', 'pending'],
      ['Bundle size', 'warn'],
      ['Code review', 'pass'],
      ['Docs', 'warn'],
      ['Lint', 'warn'],
      ['Visual diff', 'waived'],
      ['Smoke', 'pass'],
      ['Canary', 'warn'],
      ['Rollback', 'fail'],
      ['Perf', 'pending'],
      ['Security', 'pass'],
    ]);
  });

  it('holds in every supported language, whatever emoji stands next to the word', () => {
    expect(statuses(parsePlan(fixture('words-over-symbols-i18n.md')).gates)).toEqual([
      ['单元测试', 'pass'],
      ['集成测试', 'fail'],
      ['性能', 'pending'],
      ['文档', 'waived'],
      ['型チェック', 'pass'],
      ['E2E', 'fail'],
      ['負荷試験', 'pending'],
      ['UI', 'waived'],
      ['Pruebas', 'pass'],
      ['Revisión', 'pending'],
      ['Seguridad', 'fail'],
      ['Tests', 'pass'],
      ['Revue', 'pending'],
      ['Sécurité', 'fail'],
      ['Tests', 'pass'],
      ['Review', 'pending'],
      ['Sicherheit', 'fail'],
      ['Testes', 'pass'],
      ['Revisão', 'pending'],
      ['Segurança', 'fail'],
      ['Тесты', 'pass'],
      ['Ревью', 'fail'],
      ['Безопасность', 'pending'],
    ]);
  });
});

describe('several status columns', () => {
  const gates = parsePlan(fixture('status-columns.md')).gates;

  it('lets a column whose header says final, current, after, now or latest decide', () => {
    expect(gates.slice(0, 3).map((g) => [g.name, g.status, g.raw])).toEqual([
      ['Coverage', 'warn', '⚠️ Partial'],
      ['Lint', 'pass', '✅ PASS'],
      ['Docs', 'fail', '❌ FAIL'],
    ]);
    // Pre-Design / Post-Design: no Status header, but the columns are qualified and read as statuses.
    // An empty current cell falls back to the nearest filled status column.
    expect(gates.slice(3, 6).map((g) => [g.name, g.criteria, g.status])).toEqual([
      ['G1: Spec first', 'spec before code', 'pass'],
      ['G2: Small steps', 'one PR per slice', 'warn'],
      ['G3: Tests first', 'red before green', 'pass'],
    ]);
  });

  it('otherwise takes the rightmost status column', () => {
    expect(statuses(gates.slice(6, 8))).toEqual([
      ['Hardcoded paths', 'pass'],
      ['API keys', 'pending'],
    ]);
  });

  it('reads the qualifiers in other languages', () => {
    expect(statuses(gates.slice(8, 11))).toEqual([
      ['性能', 'pass'],
      ['安全', 'fail'],
      ['Performance', 'pass'],
    ]);
  });

  it('does not take before/after value columns for statuses', () => {
    expect(gates.slice(11).map((g) => [g.name, g.status, g.raw])).toEqual([
      ['LCP', 'pass', '✅'],
      ['CLS', 'pending', '⏳'],
    ]);
  });
});

describe('headers in other words and languages', () => {
  it('finds gate and status columns by any of their names', () => {
    expect(statuses(parsePlan(fixture('headers.md')).gates)).toEqual([
      ['Build', 'pass'],
      ['Unit tests', 'pass'],
      ['p95 < 200 ms', 'fail'],
      ['I. Library-First', 'pass'],
      ['AC-2 Account management', 'pending'],
      ['FR-001', 'pass'],
      ['代码评审', 'pass'],
      ['单元测试', 'pending'],
      ['レビュー', 'pass'],
      ['負荷試験', 'pending'],
      ['Pruebas', 'pass'],
      ['Seguridad', 'pending'],
      ['Revue', 'pass'],
      ['Tests', 'pass'],
      ['Sicherheit', 'pending'],
      ['Testes', 'pass'],
      ['I. Arquitetura', 'pending'],
      ['Тесты', 'pass'],
      ['Безопасность', 'fail'],
    ]);
  });
});

describe('configured header words (gates.vocabulary.headers)', () => {
  it('find gate tables in languages planbot does not know', () => {
    const source = fixture('configured-headers.md');
    expect(parsePlan(source).gates).toEqual([]);
    const vocabulary = {
      pass: ['superato'],
      fail: ['bocciato'],
      headers: { gate: ['Cancello'], status: ['stato'], current: ['finale'] },
    };
    // `Stato finale` decides; `Totale` is not a built-in total word, so it stays a gate.
    expect(parsePlan(source, { vocabulary }).gates.map((g) => [g.name, g.status, g.raw])).toEqual([
      ['Revisione', 'pass', '✅ superato'],
      ['Test', 'pending', '⏳'],
      ['Totale', 'pass', '✅'],
    ]);
  });

  it('are accepted by the configuration schema', async () => {
    const { configSchema } = await import('../../src/config/schema.js');
    const parsed = configSchema.parse({ gates: { vocabulary: { headers: { gate: ['Cancello'] } } } });
    expect(parsed.gates.vocabulary.headers).toEqual({ gate: ['Cancello'], status: [], current: [] });
    expect(() => configSchema.parse({ gates: { vocabulary: { headers: { colour: ['x'] } } } })).toThrow();
  });
});

describe('totals and summary rows', () => {
  it('are never counted as gates, in any language', () => {
    expect(statuses(parsePlan(fixture('totals.md')).gates)).toEqual([
      ['Unit', 'pass'],
      ['E2E', 'pass'],
      ['Lint', 'pass'],
      ['构建', 'pass'],
      ['Build', 'pass'],
      ['Build', 'pass'],
      ['Сборка', 'pass'],
      // A gate whose name merely starts with such a word is still a gate.
      ['Total cost review', 'pass'],
      ['Summary page renders', 'fail'],
    ]);
  });
});

describe("spec-kit's Constitution Check", () => {
  it('makes each item of its checklist a gate: passed when ticked, pending when not', () => {
    const model = analysePlan(fixture('constitution-checklist.md'));
    expect(model.gates.map((g) => [g.name, g.criteria, g.status, g.raw, g.line])).toEqual([
      ['I. Library-First', 'every feature starts as a standalone library', 'pass', '[x]', 13],
      ['II. CLI Interface', 'every library exposes a CLI', 'pass', '[x]', 14],
      ['III. Test-First', 'tests are written before the code', 'pending', '[ ]', 15],
      ['Simplicity', '', 'pass', '[x]', 17],
      ['V. Observability', 'structured logs everywhere', 'pending', '[ ]', 18],
    ]);
    // They stay tasks too, and the plan check reports the open ones as pending gates.
    expect(model.tasks).toHaveLength(7);
    expect(model.findings.filter((f) => f.rule === 'gate-pending').map((f) => f.line)).toEqual([15, 18]);
  });

  it('makes each principle sub-heading with a checklist one gate, and reads the re-check table', () => {
    const gates = parsePlan(fixture('constitution-subsections.md')).gates;
    expect(gates.map((g) => [g.name, g.status, g.raw, g.line])).toEqual([
      ['I. Workflow-First Design (NON-NEGOTIABLE)', 'pass', '2/2 ticked', 5],
      ['II. Test-Driven Development', 'pending', '1/2 ticked', 10],
      ['I. Workflow-First', 'pass', '✅ PASS', 23],
      ['II. Test-Driven', 'warn', '⚠️ VIOLATION (Justified)', 24],
      ['III. Documentation', 'waived', 'N/A — no docs change', 25],
    ]);
  });

  it('is found under its name in every supported language', () => {
    expect(statuses(parsePlan(fixture('constitution-i18n.md')).gates)).toEqual([
      ['原则一、库优先', 'pass'],
      ['原则二、测试优先', 'pending'],
      ['I. ライブラリ優先', 'pass'],
      ['II. テスト', 'waived'],
      ['I. Biblioteca primero', 'pass'],
      ['II. Pruebas primero', 'pending'],
      ['I. Bibliothèque d\'abord', 'pass'],
      ['II. Tests d\'abord', 'pending'],
      ['Prinzip I', 'pass'],
      ['Prinzip II', 'pass'],
      ['I. Arquitetura', 'warn'],
      ['II. Testes', 'pass'],
      ['I. Библиотека прежде всего', 'pass'],
      ['II. Тесты прежде всего', 'fail'],
    ]);
  });
});

describe('phases written as bold lines', () => {
  const model = parsePlan(fixture('bold-phases.md'));

  it('are phases when their task list follows', () => {
    expect(model.phases.map((p) => [p.number, p.title, p.duration, p.line, p.tasks.map((t) => t.text)])).toEqual([
      ['3', 'Dry Run (Nov 18)', null, 5, ['Rehearse the migration', 'Time each step']],
      ['4', 'Go-Live (Nov 20, 17:00 MST)', '2 hours', 10, ['Freeze writes', 'Switch DNS']],
      ['5', 'Hypercare', null, 16, ['Watch dashboards for 48 hours']],
      ['7', 'Encerramento', null, 24, ['Arquivar o projeto']],
    ]);
  });

  it('leave out bold lines without tasks and lines that are not only the title', () => {
    expect(model.tasks.at(-1)?.text).toBe('Not a phase: the line is not only the bold title');
    expect(model.phases.flatMap((p) => p.tasks)).toHaveLength(model.tasks.length - 1);
  });

  it('nest under a heading phase', () => {
    const nested = parsePlan('## Phase 2: Build\n\n**Phase 2.1: Backend**\n\n- [ ] API\n');
    expect(nested.phases.map((p) => [p.number, p.parent, p.tasks.length])).toEqual([
      ['2', null, 0],
      ['2.1', '2', 1],
    ]);
  });
});

describe('invalid UTF-8 decoded as U+FFFD', () => {
  it('gets an encoding finding on each line that has it, and the rest is read', () => {
    const model = analysePlan('# GATES \uFFFD Project\n\n| Gate | Status |\n|---|---|\n| Review | ✅ |\n\nok \uFFFD\uFFFD\n');
    expect(model.findings.filter((f) => f.rule === 'encoding').map((f) => [f.line, f.column, f.severity])).toEqual([
      [1, 9, 'warning'],
      [7, 4, 'warning'],
    ]);
    expect(model.title).toBe('GATES \uFFFD Project');
    expect(statuses(model.gates)).toEqual([['Review', 'pass']]);
  });

  it('reports at most 20 lines one by one and counts the rest', () => {
    const model = parsePlan(Array.from({ length: 25 }, () => 'caf\uFFFD').join('\n'));
    const encoding = model.findings.filter((f) => f.rule === 'encoding');
    expect(encoding).toHaveLength(20);
    expect(encoding[19].message).toMatch(/5 more lines have such bytes/);
  });
});
