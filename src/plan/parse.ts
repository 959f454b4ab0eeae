// Markdown → PlanModel in one walk over the mdast tree, in document order. Headings open and close
// sections and phases; task items, fields, tables and placeholders attach to the innermost phase.
// Code fences and HTML comments are leaves of the tree, so nothing inside them is ever read.
import type { Heading, ListItem, Nodes, Paragraph, RootContent, Table } from 'mdast';
import type { Finding, Phase, PlanModel, Section, Task } from './model.js';
import type { AnalyseOptions } from './options.js';
import { prepareMarkdown, parseTopLevel, plainText, lineOf, type PreparedMarkdown } from './markdown.js';
import { parsePhaseHeading, parseSubStepHeading } from './phase-heading.js';
import { readFields, isDependenciesKey, isDurationKey } from './fields.js';
import { parseDependencies } from './dependencies.js';
import { readGateTable, readTechStackTable } from './tables.js';
import { findPlaceholders } from './placeholders.js';
import { rawPrefixLength, readTaskPrefix } from './task-item.js';
import { featureFromBranchField, featureFromPath, featureFromText } from './feature-id.js';
import { normaliseSectionTitle } from './section-title.js';

interface OpenPhase {
  phase: Phase;
  depth: number;
  /** True once a Duration field was read: it beats a duration in the heading's parentheses. */
  durationFromField: boolean;
}

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
 * Builds the model from a prepared document's top-level nodes, fed in document order, a piece at
 * a time (from parseTopLevel, or from parse workers: see parallel.ts). Each node is walked once
 * its following sibling is known, then dropped.
 */
export class PlanReader {
  private readonly builder: PlanBuilder;
  private pending: Nodes | undefined;

  constructor(markdown: PreparedMarkdown, options: AnalyseOptions = {}) {
    this.builder = new PlanBuilder(markdown, options);
  }

  add(children: RootContent[]): void {
    for (const child of children) {
      if (this.pending) {
        walk(this.builder, this.pending, child);
        this.builder.forgetSubtree();
      }
      this.pending = child;
    }
  }

  finish(): PlanModel {
    if (this.pending) walk(this.builder, this.pending, undefined);
    this.pending = undefined;
    return this.builder.finish();
  }
}

/** Pre-order, in document order: every node with its following sibling. */
function walk(builder: PlanBuilder, node: Nodes, next: Nodes | undefined): void {
  builder.visit(node, next);
  if ('children' in node) {
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) walk(builder, children[i], children[i + 1]);
  }
}

class PlanBuilder {
  private readonly model: PlanModel;
  private readonly openPhases: OpenPhase[] = [];
  private readonly openSections: Section[] = [];
  // Facts a node leaves for its descendants. Every entry is read within the same top-level node,
  // so they are cleared after each (see forgetSubtree): plain Map/Set, no WeakMap GC cost.
  private readonly listDepth = new Map<ListItem, number>();
  private readonly taskParagraphs = new Set<Paragraph>();
  /** Paragraphs inside nested list items: their fields belong to a task, not to the phase. */
  private readonly nestedParagraphs = new Set<Paragraph>();
  /** Source range of the current task's id and markers, which are not placeholders. */
  private markerRange: [number, number] = [-1, -1];
  private branchField: string | null = null;
  /** spec-kit's `**Input**: … from /specs/004-x/` line, the last resort for the feature id. */
  private inputField: string | null = null;

  constructor(
    private readonly markdown: PreparedMarkdown,
    private readonly options: AnalyseOptions,
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

  /** `next` is the node's following sibling, which some fields take as their value. */
  visit(node: Nodes, next?: Nodes): void {
    switch (node.type) {
      case 'heading':
        return this.heading(node);
      case 'listItem':
        return this.listItem(node);
      case 'paragraph':
        return this.paragraph(node, next);
      case 'table':
        return this.table(node);
      case 'text':
      case 'inlineCode':
        return this.placeholders(node);
    }
  }

  /** Called after each top-level node's subtree has been visited. */
  forgetSubtree(): void {
    if (this.listDepth.size) this.listDepth.clear();
    if (this.taskParagraphs.size) this.taskParagraphs.clear();
    if (this.nestedParagraphs.size) this.nestedParagraphs.clear();
  }

  finish(): PlanModel {
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

  private heading(node: Heading): void {
    const line = lineOf(node);
    const title = plainText(node).replace(/\s+/g, ' ').trim();
    while (this.openSections.length && this.openSections[this.openSections.length - 1].depth >= node.depth) {
      this.openSections.pop()!.endLine = line - 1;
    }
    const section: Section = { title, depth: node.depth, line, endLine: line };
    this.model.sections.push(section);
    this.openSections.push(section);
    if (node.depth === 1 && this.model.title === null) this.model.title = title;

    while (this.currentPhase && this.currentPhase.depth >= node.depth) this.openPhases.pop();
    if (node.depth === 1) return;
    const parent = this.currentPhase?.phase;
    const heading = parsePhaseHeading(node) ?? (parent ? parseSubStepHeading(node, parent.number) : null);
    if (!heading) return;
    const phase: Phase = {
      number: heading.number,
      title: heading.title,
      line,
      duration: heading.duration,
      dependencies: [],
      dependenciesLine: null,
      tasks: [],
      parent: parent?.number ?? null,
    };
    this.model.phases.push(phase);
    this.openPhases.push({ phase, depth: node.depth, durationFromField: false });
  }

  private listItem(node: ListItem): void {
    const depth = this.listDepth.get(node) ?? 0;
    for (const child of node.children) {
      if (child.type === 'list') for (const item of child.children) this.listDepth.set(item, depth + 1);
      if (child.type === 'paragraph' && depth > 0) this.nestedParagraphs.add(child);
    }
    if (typeof node.checked !== 'boolean') return;
    const first = node.children[0];
    const paragraph = first?.type === 'paragraph' ? first : null;
    const text = paragraph ? plainText(paragraph).replace(/\s+/g, ' ').trim() : '';
    const { id, markers } = readTaskPrefix(text);
    const task: Task = { text, checked: node.checked, line: lineOf(node), id, depth, markers };
    this.model.tasks.push(task);
    this.currentPhase?.phase.tasks.push(task);
    if (paragraph) {
      this.taskParagraphs.add(paragraph);
      const start = paragraph.position?.start.offset ?? 0;
      const end = paragraph.position?.end.offset ?? start;
      this.markerRange = [start, start + rawPrefixLength(this.markdown.text.slice(start, end))];
    }
  }

  private paragraph(node: Paragraph, next?: Nodes): void {
    if (this.taskParagraphs.has(node)) return;
    const inTechnicalContext = this.openSections.some(
      (section) => normaliseSectionTitle(section.title) === 'technical context',
    );
    const nested = this.nestedParagraphs.has(node);
    for (const field of readFields(node, next)) {
      if (this.branchField === null && /^(?:feature )?branch$/i.test(field.key)) this.branchField = field.value;
      if (this.inputField === null && /^input$/i.test(field.key)) this.inputField = field.value;
      const open = nested ? undefined : this.currentPhase;
      if (open && isDurationKey(field.key)) {
        if (!open.durationFromField) open.phase.duration = field.value;
        open.durationFromField = true;
      } else if (open && isDependenciesKey(field.key)) {
        const phase = open.phase;
        phase.dependencies = [...new Set([...phase.dependencies, ...parseDependencies(field.value)])];
        phase.dependenciesLine ??= field.line;
      } else if (inTechnicalContext && field.bold) {
        this.model.techStack.push({ component: field.key, technology: field.value, line: field.line });
      }
    }
  }

  private table(node: Table): void {
    const gates = readGateTable(node, this.options.vocabulary ?? {});
    if (gates) {
      this.model.gates.push(...gates.gates);
      for (const row of gates.misshapenRows) this.model.findings.push(misshapenRow(row));
      return;
    }
    const techStack = readTechStackTable(node);
    if (techStack) this.model.techStack.push(...techStack);
  }

  private placeholders(node: Nodes): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const raw = this.markdown.text.slice(start, end);
    for (const match of findPlaceholders(raw, node.type === 'inlineCode')) {
      const offset = start + match.index;
      if (offset >= this.markerRange[0] && offset < this.markerRange[1]) continue;
      const { line, column } = this.markdown.lines.position(offset);
      this.model.placeholders.push({ text: match.text, line, column });
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
