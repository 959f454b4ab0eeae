// The parser against real plans from other teams (shared/corpus, described in its INDEX.tsv).
// Expected counts were taken from the files themselves: task boxes counted outside code fences
// with an independent line scanner, phases and gates read off the headings and tables by hand.
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { analysePlan, type GateStatus, type PlanModel } from '../../src/plan/index.js';
import { corpusDir, corpusFile, hasCorpus } from './corpus-files.js';
import { quickSample } from '../helpers/full-suite.js';

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
  // Issue 15 rule 3 (Check is a gate column): the four `| Check | Status | Notes |` tables add 12 pending gates to the 8.
  '12-template-plan-tofill.md': { phases: ['-1', '0', '1', '2', '3'], tasks: 15, checked: 0, gates: { pending: 20 }, placeholders: 22 },
  '18-wingarc-002-docmgmt-kojima-tasks-ja.md': { tasks: 133, checked: 108, placeholders: 0 },
  // Issue 15 rule 8: the 13 ticked items of its Constitution Check checklist are gates.
  '21-pruebaspeckit-001-registrar-contacto-plan-es.md': { phases: [], tasks: 31, checked: 14, gates: { pass: 13 }, feature: '001-registrar-contacto' },
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
  // Issue 15 rule 8: the five principles of its Constitution Check checklist are gates, all open.
  '37-speckit-fork-001-github-mcp-plan.md': { phases: ['0', '1', '2'], tasks: 40, checked: 0, gates: { pending: 5 }, placeholders: 15, feature: null },
  '39-mango-phase7-k8s-implementation-plan.md': { phases: ['7.1', '7.2', '7.3'], tasks: 72 },
  '40-mango-project-status.md': { phases: ['1', '2', '3'], tasks: 29 },
  '41-seedlike-prd-local-data-stack-pt.md': { phases: ['1', '2', '3', '4', '5', '6', '7'], tasks: 28, checked: 5 },
  '42-seedlike-backend-implementation-checklist.md': { phases: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], tasks: 209, checked: 87 },
  '45-amraha-plan-summary-010-sidebar.md': { phases: ['1', '2', '3', '4', '5'], tasks: 45, checked: 1, feature: '010-mobile-responsive-debug' },
  // Issue 15: Constitution Checks (rule 8), headers in other words and languages (rule 3), several
  // status columns (rule 2), words over symbols (rule 1). Counts read off the files by hand.
  '19-speckitqwen-003-3d-loading-plan-zh.md': { phases: [], gates: { pass: 7 } },
  '23-mango-001-ecommerce-plan.md': { gates: { pass: 10 } },
  '27-firstspeckit-004-modular-blog-plan.md': { gates: { pass: 9, warn: 1 } },
  '46-gramrs-019-gram-codec-plan-cctable.md': { gates: { pass: 4, warn: 1 } },
  '47-akschaoslab-004-mypy-to-pyright-plan-cctable-ja.md': { gates: { pass: 2, warn: 1, waived: 2 } },
  '48-l1face-002-login-licitante-plan-cctable-pt.md': { gates: { pass: 2, warn: 3 } },
  '49-tracktiming-001-racer-schedule-plan-cctable.md': { phases: [], tasks: 0, gates: { pass: 7, warn: 1 } },
  '50-tenderknowledge-001-classification-base-plan-cctable-zh.md': { gates: { pass: 6 } },
  '51-aurora-004-conversation-sessions-plan-cctable-pt.md': { gates: { pass: 5 } },
  '52-skedular-032-unified-host-listing-plan-ccchecklist.md': { tasks: 6, checked: 5, gates: { pass: 5, pending: 1 } },
  '53-bank-007-transfer-page-routing-plan-ccchecklist.md': { tasks: 9, checked: 0, gates: { pending: 9 } },
  '54-excavator-001-create-quiz-app-plan-ccchecklist-zhtw.md': { tasks: 3, checked: 3, gates: { pass: 3 } },
  // The file's own Total rows say 12 pass, 11 warnings, 7 failures.
  '57-climber-001-requirements-checklist-zhtw.md': { gates: { pass: 12, warn: 11, fail: 7 } },
  '58-townsquare-e2e-test-backlog-gates-de.md': { gates: {} },
  '59-huntiq-polish-final-impact-report-gates-fr.md': { gates: {} },
  '61-muffinpan-code-review-v2-gates.md': { gates: { pass: 7, warn: 5, fail: 3, waived: 1 } },
};

function gateCounts(model: PlanModel): Partial<Record<GateStatus, number>> {
  const counts: Partial<Record<GateStatus, number>> = {};
  for (const gate of model.gates) counts[gate.status] = (counts[gate.status] ?? 0) + 1;
  return counts;
}

const files = hasCorpus ? readdirSync(corpusDir).filter((file) => file.endsWith('.md')) : [];

describe('the shared corpus', () => {
  it('has the files this test knows about', () => {
    for (const file of Object.keys(EXPECTED)) expect(files).toContain(file);
  });

  it.each(quickSample([...files].sort()))('%s parses as a plan and as a task list, with consistent lines', (file) => { // a spread in the quick tier
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

  it('reads spec-kit Constitution Checks: tables in any language, checklists, principle sub-headings', () => {
    const names = (file: string) => analysePlan(corpusFile(file)).gates.map((g) => [g.name, g.status]);
    expect(names('47-akschaoslab-004-mypy-to-pyright-plan-cctable-ja.md').map(([, status]) => status)).toEqual(['warn', 'waived', 'pass', 'pass', 'waived']);
    expect(names('50-tenderknowledge-001-classification-base-plan-cctable-zh.md')[2]).toEqual(['G3: Human Confirmation Gate', 'pass']);
    expect(names('52-skedular-032-unified-host-listing-plan-ccchecklist.md')).toEqual([
      ['I. Contract-First', 'pass'],
      ['II. Domain Boundaries', 'pass'],
      ['III. Testing', 'pass'],
      ['IV. Frontend', 'pass'],
      ['V. Pattern Consistency', 'pass'],
      ['VI. Logging', 'pending'],
    ]);
    expect(names('54-excavator-001-create-quiz-app-plan-ccchecklist-zhtw.md')[0]).toEqual(['原則一、元件化架構與品質', 'pass']);
    const principles = analysePlan(corpusFile('37-speckit-fork-001-github-mcp-plan.md')).gates;
    expect(principles.map((g) => [g.name, g.raw])).toEqual([
      ['I. Workflow-First Design (NON-NEGOTIABLE)', '0/8 ticked'],
      ['II. Test-Driven Development (NON-NEGOTIABLE)', '0/7 ticked'],
      ['III. Platform Independence with Modern PowerShell', '0/5 ticked'],
      ['IV. Quality Gates and Observability', '0/6 ticked'],
      ['V. Continuous Delivery with Semantic Versioning', '0/4 ticked'],
    ]);
    // Two status columns (Phase 0 状态, Phase 1 状态): the rightmost decides.
    expect(analysePlan(corpusFile('19-speckitqwen-003-3d-loading-plan-zh.md')).gates[0].raw).toMatch(/^✅ 通过 \(ThreeDLoading/);
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
