// Markdown → PlanModel: top-level nodes are read into facts in document order (extract.ts), and
// the facts are assembled here. Headings open and close sections and phases; task items, fields,
// tables and placeholders attach to the innermost phase. Code fences and HTML comments are leaves
// of the tree, so nothing inside them is ever read.
import type { RootContent } from 'mdast';
import type { Finding, Phase, PlanModel, Section, Task } from './model.js';
import type { AnalyseOptions } from './options.js';
import { prepareMarkdown, parseTopLevel, type PreparedMarkdown } from './markdown.js';
import { isStepOf } from './phase-heading.js';
import { isDependenciesKey, isDueKey, isDurationKey, isIterationKey } from './fields.js';
import { parseDependencies } from './dependencies.js';
import { documentSource, FactExtractor, type FactBatch, type PlanFact, type SourceText } from './extract.js';
import { featureFromBranchField, featureFromPath, featureFromText } from './feature-id.js';
import { normaliseSectionTitle } from './section-title.js';
import { ConstitutionCheck } from './constitution-check.js';
import type { PhaseHeading } from './phase-heading.js';

interface OpenPhase {
  phase: Phase;
  depth: number;
  /** True once a Duration field was read: it beats a duration in the heading's parentheses. */
  durationFromField: boolean;
  /** A bold phase line not yet followed by a task: it joins the model with its first task. */
  tentative?: boolean;
}

/** A bold phase line sits below every heading: any heading closes it, as does the next bold phase line. */
const PHASE_LINE_DEPTH = 7;

type FieldsFact = Extract<PlanFact, { kind: 'fields' }>;

/** Parses markdown into the model; `findings` holds only parse-level findings. */
export function parsePlan(source: string, options: AnalyseOptions = {}): PlanModel {
  return parsePrepared(prepareMarkdown(source), options);
}

/** parsePlan for text prepareMarkdown has already prepared, parsed on the calling thread. */
export function parsePrepared(markdown: PreparedMarkdown, options: AnalyseOptions = {}): PlanModel {
  const reader = new PlanReader(markdown, options);
  for (const children of parseTopLevel(markdown.text)) reader.add(children);
  return reader.finish();
}

/**
 * Builds the model from a prepared document's top-level nodes, fed in document order a piece at a
 * time (from parseTopLevel). Nothing keeps a node once it has been read.
 */
export class PlanReader {
  private readonly extractor: FactExtractor;
  private readonly assembler: PlanAssembler;
  private readonly source: SourceText;

  constructor(markdown: PreparedMarkdown, options: AnalyseOptions = {}) {
    this.extractor = new FactExtractor(options.vocabulary);
    this.assembler = new PlanAssembler(markdown, options);
    this.source = documentSource(markdown.text, markdown.lines);
  }

  add(children: RootContent[]): void {
    this.extractor.add(children, this.source);
    this.assembler.addFacts(this.extractor.take());
  }

  finish(): PlanModel {
    this.assembler.addBatch(this.extractor.end());
    return this.assembler.finish();
  }
}

/**
 * Builds the model from facts, in document order: batch by batch from parse workers (parallel.ts),
 * or as a PlanReader reads them.
 */
export class PlanAssembler {
  private readonly model: PlanModel;
  private readonly openPhases: OpenPhase[] = [];
  private readonly openSections: Section[] = [];
  /** Fields whose last key waits for the list that opens the next batch. */
  private awaitingList: FieldsFact | null = null;
  private branchField: string | null = null;
  /** spec-kit's `**Input**: … from /specs/004-x/` line, the last resort for the feature id. */
  private inputField: string | null = null;
  private readonly constitution = new ConstitutionCheck();

  constructor(
    private readonly markdown: PreparedMarkdown,
    options: AnalyseOptions,
  ) {
    this.model = {
      file: options.file ?? null,
      feature: null,
      title: null,
      sections: [],
      phases: [],
      tasks: [],
      gates: [],
      placeholders: [],
      techStack: [],
      findings: [...markdown.findings],
    };
  }

  /** One batch's facts; the batch directly follows the previous one in the document. */
  addBatch(batch: FactBatch): void {
    const waiting = this.awaitingList;
    if (waiting) {
      this.awaitingList = null;
      if (batch.leadingList !== null) waiting.fields[waiting.fields.length - 1].value = batch.leadingList;
      this.fields(waiting);
    }
    this.addFacts(batch.facts);
  }

  addFacts(facts: PlanFact[]): void {
    for (const fact of facts) {
      switch (fact.kind) {
        case 'heading':
          this.heading(fact);
          break;
        case 'task':
          this.task(fact.task);
          break;
        case 'phase line':
          this.openPhase(fact.phase, fact.line, PHASE_LINE_DEPTH, true);
          break;
        case 'plain list':
          // A bold phase line is a phase when its task list follows, not some other list.
          if (this.currentPhase?.tentative) this.openPhases.pop();
          break;
        case 'fields':
          // Only placeholders inside the same paragraph can come between it and its list, and
          // they do not depend on the fields: reading the fields later changes nothing else.
          if (fact.awaitsList) this.awaitingList = fact;
          else this.fields(fact);
          break;
        case 'gates':
          this.model.gates.push(...fact.table.gates);
          for (const row of fact.table.misshapenRows) this.model.findings.push(misshapenRow(row));
          break;
        case 'tech stack':
          this.model.techStack.push(...fact.rows);
          break;
        case 'placeholder':
          this.model.placeholders.push(fact.placeholder);
          break;
      }
    }
  }

  finish(): PlanModel {
    if (this.awaitingList) this.fields(this.awaitingList);
    this.awaitingList = null;
    const lastLine = this.markdown.text.endsWith('\n') ? this.markdown.lines.count - 1 : this.markdown.lines.count;
    for (const section of this.openSections.splice(0)) section.endLine = lastLine;
    const model = this.model;
    model.feature =
      (this.branchField && featureFromBranchField(this.branchField)) ||
      (model.file && featureFromPath(model.file)) ||
      (model.title && featureFromText(model.title)) ||
      (this.inputField && featureFromText(this.inputField)) ||
      null;
    return model;
  }

  private get currentPhase(): OpenPhase | undefined {
    return this.openPhases[this.openPhases.length - 1];
  }

  private heading(fact: Extract<PlanFact, { kind: 'heading' }>): void {
    const { line, title, depth } = fact;
    while (this.openSections.length && this.openSections[this.openSections.length - 1].depth >= depth) {
      this.openSections.pop()!.endLine = line - 1;
    }
    const section: Section = { title, depth, line, endLine: line };
    this.model.sections.push(section);
    this.openSections.push(section);
    if (depth === 1 && this.model.title === null) this.model.title = title;

    this.constitution.heading(title, depth, line);

    while (this.currentPhase && this.currentPhase.depth >= depth) this.openPhases.pop();
    if (depth === 1) return;
    const parent = this.currentPhase?.phase;
    const heading = fact.phase ?? (parent && fact.subStep && isStepOf(fact.subStep, parent.number) ? fact.subStep : null);
    if (heading) this.openPhase(heading, line, depth, false);
  }

  private openPhase(heading: PhaseHeading, line: number, depth: number, tentative: boolean): void {
    while (this.currentPhase && this.currentPhase.depth >= depth) this.openPhases.pop();
    const phase: Phase = {
      number: heading.number,
      title: heading.title,
      line,
      duration: heading.duration,
      dependencies: [],
      dependenciesLine: null,
      tasks: [],
      parent: this.currentPhase?.phase.number ?? null,
    };
    if (!tentative) this.model.phases.push(phase);
    this.openPhases.push({ phase, depth, durationFromField: false, tentative });
  }

  private task(task: Task): void {
    this.model.tasks.push(task);
    const open = this.currentPhase;
    if (open?.tentative) {
      open.tentative = false;
      this.model.phases.push(open.phase);
    }
    open?.phase.tasks.push(task);
    const gate = this.constitution.task(task);
    if (gate) this.model.gates.push(gate);
  }

  private fields({ fields, nested }: FieldsFact): void {
    const inTechnicalContext = this.openSections.some((section) => normaliseSectionTitle(section.title) === 'technical context');
    for (const field of fields) {
      if (this.branchField === null && /^(?:feature )?branch$/i.test(field.key)) this.branchField = field.value;
      if (this.inputField === null && /^input$/i.test(field.key)) this.inputField = field.value;
      const open = nested ? undefined : this.currentPhase;
      if (open && isDurationKey(field.key)) {
        if (!open.durationFromField) open.phase.duration = field.value;
        open.durationFromField = true;
      } else if (open && isDueKey(field.key)) {
        open.phase.due ??= field.value;
      } else if (open && isIterationKey(field.key)) {
        open.phase.iteration ??= field.value;
      } else if (open && isDependenciesKey(field.key)) {
        const phase = open.phase;
        phase.dependencies = [...new Set([...phase.dependencies, ...parseDependencies(field.value)])];
        phase.dependenciesLine ??= field.line;
      } else if (inTechnicalContext && field.bold) {
        this.model.techStack.push({ component: field.key, technology: field.value, line: field.line });
      }
    }
  }
}

function misshapenRow(row: { line: number; cells: number; columns: number }): Finding {
  const effect = row.cells > row.columns ? 'cells past the header are ignored' : 'missing cells are read as empty';
  return {
    rule: 'table-shape',
    severity: 'notice',
    message: `Gate table row has ${row.cells} cells but the header has ${row.columns}; ${effect}`,
    line: row.line,
  };
}
