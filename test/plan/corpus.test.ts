// The parser against real plans from other teams (shared/corpus, described in its INDEX.tsv).
// Expected counts were taken from the files themselves: task boxes counted outside code fences
// with an independent line scanner, phases and gates read off the headings and tables by hand.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { analysePlan, type GateStatus, type PlanModel } from '../../src/plan/index.js';
import { corpusDir, corpusFile, hasCorpus } from './corpus-files.js';

interface Expected {
  phases?: string[];
  tasks?: number;
  checked?: number;
  gates?: Partial<Record<GateStatus, number>>;
  placeholders?: number;
  feature?: string | null;
}

const EXPECTED: Record<string, Expected> = {
  '01-dusk-gate-status.md': { phases: [], tasks: 0, gates: { pass: 14 }, placeholders: 0 },
  '05-zhulova-004-legal-pages-tasks.md': { phases: ['1', '2', '3', '4', '5', '6', '7'], tasks: 33, checked: 33, feature: '004-legal-pages' },
  '07-zhulova-014-nav-bugs-tasks.md': { phases: ['1', '2', '3', '4', '5', '6', '7'], tasks: 17, checked: 15 },
  '12-template-plan-tofill.md': { phases: ['-1', '0', '1', '2', '3'], tasks: 15, checked: 0, gates: { pending: 8 }, placeholders: 22 },
  '18-wingarc-002-docmgmt-kojima-tasks-ja.md': { tasks: 133, checked: 108, placeholders: 0 },
  '21-pruebaspeckit-001-registrar-contacto-plan-es.md': { phases: [], tasks: 31, checked: 14, feature: '001-registrar-contacto' },
  '26-speckittodolist-007-multiline-tasks-zhtw.md': { tasks: 41, checked: 38 },
  '28-gates-balanced-sashimi-research-readme.md': { gates: { pass: 10 } },
  '29-gates-tlc-lifecycle-report.md': { tasks: 5, checked: 0, gates: { pass: 5, warn: 2, waived: 2 } },
  '30-gates-004-post-login-dashboard-plan.md': { gates: { pass: 4, warn: 1 } },
  '31-gates-zreta-upgrade-progress-tracker.md': { phases: ['1A', '0', '1', '2', '3', '4'], gates: { pending: 4, pass: 1 } },
  '32-template-plan-tofill-compact.md': { phases: ['0', '1', '2', '3'], tasks: 15, gates: { pending: 4 }, placeholders: 21 },
  '33-seedlike-whatsapp-phase-tracker-emoji.md': { phases: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'], tasks: 94, checked: 13, gates: {}, placeholders: 0 },
  '34-seedlike-protocol-engine-workflow.md': {
    phases: ['1', '1.1', '1.2', '1.3', '1.4', '2', '2.1', '2.2', '2.3', '3', '3.1', '3.2', '3.3', '4', '4.1', '4.2', '4.3'],
    tasks: 50,
    checked: 0,
  },
  '35-musubi-project-plan-167kb.md': { tasks: 239, checked: 8 },
  '36-speckit-fork-ai-evals-workplan-63kb.md': { phases: [], tasks: 204, checked: 25 },
  '37-speckit-fork-001-github-mcp-plan.md': { phases: ['0', '1', '2'], tasks: 40, checked: 0, placeholders: 15, feature: null },
  '39-mango-phase7-k8s-implementation-plan.md': { phases: ['7.1', '7.2', '7.3'], tasks: 72 },
  '40-mango-project-status.md': { phases: ['1', '2', '3'], tasks: 29 },
  '41-seedlike-prd-local-data-stack-pt.md': { phases: ['1', '2', '3', '4', '5', '6', '7'], tasks: 28, checked: 5 },
  '42-seedlike-backend-implementation-checklist.md': { phases: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], tasks: 209, checked: 87 },
  '45-amraha-plan-summary-010-sidebar.md': { phases: ['1', '2', '3', '4', '5'], tasks: 45, checked: 1, feature: '010-mobile-responsive-debug' },
};

function gateCounts(model: PlanModel): Partial<Record<GateStatus, number>> {
  const counts: Partial<Record<GateStatus, number>> = {};
  for (const gate of model.gates) counts[gate.status] = (counts[gate.status] ?? 0) + 1;
  return counts;
}

const files = hasCorpus ? readdirSync(corpusDir).filter((file) => file.endsWith('.md')) : [];

(hasCorpus ? describe : describe.skip)('the shared corpus', () => {
  it('has the files this test knows about', () => {
    for (const file of Object.keys(EXPECTED)) expect(files).toContain(file);
  });

  it.each(files)('%s parses as a plan and as a task list, with consistent lines', (file) => {
    const source = corpusFile(file);
    const lineCount = source.split(/\r\n|\r|\n/).length;
    for (const kind of ['plan', 'tasks'] as const) {
      const model = analysePlan(source, { file, kind });
      const lines = [
        ...model.sections.flatMap((s) => [s.line, s.endLine]),
        ...model.phases.map((p) => p.line),
        ...model.tasks.map((t) => t.line),
        ...model.gates.map((g) => g.line),
        ...model.placeholders.map((p) => p.line),
        ...model.findings.map((f) => f.line),
      ];
      for (const line of lines) {
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(lineCount);
      }
      const sorted = [...model.findings].sort((a, b) => a.line - b.line);
      expect(model.findings.map((f) => f.line)).toEqual(sorted.map((f) => f.line));
      // Every phase task is one of the document's tasks, at most once.
      const phaseTasks = model.phases.flatMap((p) => p.tasks);
      expect(new Set(phaseTasks).size).toBe(phaseTasks.length);
      for (const task of phaseTasks) expect(model.tasks).toContain(task);
      // The source really has a checkbox on each task line.
      const sourceLines = source.split(/\r\n|\r|\n/);
      for (const task of model.tasks) expect(sourceLines[task.line - 1]).toMatch(/\[[ xX]\]/);
      if (kind === 'tasks') expect(model.findings.some((f) => f.rule === 'required-section')).toBe(false);
    }
  });

  it.each(Object.entries(EXPECTED))('%s gives the counts read off the file', (file, expected) => {
    const model = analysePlan(corpusFile(file), { file: `corpus/${file}` });
    if (expected.phases) expect(model.phases.map((p) => p.number)).toEqual(expected.phases);
    if (expected.tasks !== undefined) expect(model.tasks).toHaveLength(expected.tasks);
    if (expected.checked !== undefined) expect(model.tasks.filter((t) => t.checked)).toHaveLength(expected.checked);
    if (expected.gates) expect(gateCounts(model)).toEqual(expected.gates);
    if (expected.placeholders !== undefined) expect(model.placeholders).toHaveLength(expected.placeholders);
    if (expected.feature !== undefined) expect(model.feature).toBe(expected.feature);
  });

  it('reads phase details from the seed-like trackers', () => {
    const tracker = analysePlan(corpusFile('33-seedlike-whatsapp-phase-tracker-emoji.md'));
    expect(tracker.phases[5]).toMatchObject({ number: '5', title: 'Health Monitoring Engine', duration: '6 hours', dependencies: ['2', '4'] });
    expect(tracker.phases[1].tasks.filter((t) => !t.checked).map((t) => t.text)).toEqual([
      'Apply migration to database (🚫 Blocked by npm permissions)',
      'Test database changes (⏳ Waiting for migration)',
    ]);
    const checklist = analysePlan(corpusFile('42-seedlike-backend-implementation-checklist.md'));
    expect(checklist.phases.map((p) => p.dependencies)).toEqual([[], ['1'], ['2'], ['3'], ['3'], [], ['2'], ['2', '3', '4', '5', '6', '7'], ['8']]);
    expect(checklist.phases[0].duration).toBe('30 minutes');
    const status = analysePlan(corpusFile('40-mango-project-status.md'));
    expect(status.phases.map((p) => p.title)).toEqual(['Project Scaffolding', 'Foundational Infrastructure', 'User Story 1 MVP — Browse & Purchase']);
    const portuguese = analysePlan(corpusFile('41-seedlike-prd-local-data-stack-pt.md'));
    expect(portuguese.phases.map((p) => p.title)).toEqual(['Fundação', 'Lakehouse', 'Catálogo & Governança', 'Streaming', 'Visualização & Observabilidade', 'Agente IA', 'CI/CD & Maturidade']);
    const k8s = analysePlan(corpusFile('39-mango-phase7-k8s-implementation-plan.md'));
    expect(k8s.phases.map((p) => p.duration)).toEqual(['4-5 days', '3-4 days', '4-5 days']);
  });

  it('reads the statuses of free-text gate cells', () => {
    const gates = analysePlan(corpusFile('31-gates-zreta-upgrade-progress-tracker.md')).gates;
    expect(gates.map((g) => [g.name, g.status])).toEqual([
      ['G0', 'pending'],
      ['G1', 'pass'],
      ['G2', 'pending'],
      ['G3', 'pending'],
      ['G4', 'pending'],
    ]);
    const report = analysePlan(corpusFile('29-gates-tlc-lifecycle-report.md')).gates;
    expect(report.map((g) => g.status)).toEqual(['pass', 'pass', 'warn', 'warn', 'pass', 'pass', 'pass', 'waived', 'waived']);
  });
});
