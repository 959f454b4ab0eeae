// mdast → plan facts: everything the model needs from a run of top-level nodes that the nodes
// themselves decide (headings read, tasks, fields, tables, placeholders), in document order. What
// depends on the rest of the document (which phase is open, which section) is left to the
// assembler (parse.ts). The split lets parse workers send back a few small facts instead of their
// whole tree (parallel.ts): a structured clone of a 1 MB plan's tree cost more than a third of
// what the parse itself did.
import type { Heading, ListItem, Nodes, Paragraph, RootContent, Table } from 'mdast';
import type { Placeholder, Task, TechStackRow } from './model.js';
import type { GateVocabulary } from './gate-status.js';
import { plainText, lineOf, LineIndex } from './markdown.js';
import { parsePhaseHeading, parsePhaseLine, readSubStepHeading, type PhaseHeading } from './phase-heading.js';
import { listAsFieldValue, readFields, type Field } from './fields.js';
import { readGateTable, readTechStackTable, type GateTable } from './tables.js';
import { findPlaceholders } from './placeholders.js';
import { rawPrefixLength, readTaskPrefix } from './task-item.js';
import type { Piece } from './chunks.js';

export type PlanFact =
  | {
      kind: 'heading';
      depth: number;
      line: number;
      title: string;
      /** The heading read as `Phase N: …`, or null. */
      phase: PhaseHeading | null;
      /** The heading read as a numbered step (`1.2 …`): a phase if it extends the open phase's number. */
      subStep: PhaseHeading | null;
    }
  | { kind: 'task'; task: Task }
  /** A top-level paragraph opening with a bold `**Phase N: …**` line: a phase if tasks follow. */
  | { kind: 'phase line'; line: number; phase: PhaseHeading }
  /** A top-level list without task items: a bold phase line it follows is not a phase. */
  | { kind: 'plain list' }
  | {
      kind: 'fields';
      fields: Field[];
      /** Inside a nested list item: the fields describe a task, not the phase. */
      nested: boolean;
      /**
       * The paragraph was the last node given and its last field is a bold key with no value: the
       * list that may open the next batch is its value (FactBatch.leadingList).
       */
      awaitsList: boolean;
    }
  | { kind: 'gates'; table: GateTable }
  | { kind: 'tech stack'; rows: TechStackRow[] }
  | { kind: 'placeholder'; placeholder: Placeholder };

export interface FactBatch {
  facts: PlanFact[];
  /** When the first node given was a list: its value as a field value (see PlanFact 'fields'). */
  leadingList: string | null;
}

/** Where node offsets point: the whole document, or one piece of it (in a parse worker). */
export interface SourceText {
  slice(start: number, end: number): string;
  /** 1-based line and column of a document offset. */
  position(offset: number): { line: number; column: number };
}

export function documentSource(text: string, lines: LineIndex): SourceText {
  return { slice: (start, end) => text.slice(start, end), position: (offset) => lines.position(offset) };
}

/** A piece's text, addressed by document offsets (the offsets its shifted nodes carry). */
export function pieceSource(piece: Piece): SourceText {
  let lines: LineIndex | undefined;
  return {
    slice: (start, end) => piece.text.slice(start - piece.offset, end - piece.offset),
    position: (offset) => {
      lines ??= new LineIndex(piece.text);
      const local = lines.position(offset - piece.offset);
      return { line: local.line + piece.lineOffset, column: local.column };
    },
  };
}

/**
 * Reads facts from top-level nodes fed in document order. Each node is read once its following
 * sibling is known (a bold field key with no value takes the list after it as its value).
 */
export class FactExtractor {
  private facts: PlanFact[] = [];
  private pending: { node: RootContent; source: SourceText } | undefined;
  private leadingList: string | null | undefined;
  // Facts a node leaves for its descendants. Every entry is read within the same top-level node,
  // so they are cleared after each: plain Map/Set, no WeakMap GC cost.
  private readonly listDepth = new Map<ListItem, number>();
  private readonly taskParagraphs = new Set<Paragraph>();
  /** Paragraphs inside nested list items: their fields belong to a task, not to the phase. */
  private readonly nestedParagraphs = new Set<Paragraph>();
  /** Source range of the current task's id and markers, which are not placeholders. */
  private markerRange: [number, number] = [-1, -1];
  private source: SourceText | undefined;
  /** The top-level node being read: only top-level paragraphs can be bold phase lines. */
  private topLevel: RootContent | undefined;

  constructor(private readonly vocabulary: GateVocabulary = {}) {}

  add(children: RootContent[], source: SourceText): void {
    for (const child of children) {
      if (this.leadingList === undefined) this.leadingList = child.type === 'list' ? listAsFieldValue(child) : null;
      if (this.pending) this.read(this.pending.node, this.pending.source, child);
      this.pending = { node: child, source };
    }
  }

  /** The facts read so far, handed over (the extractor keeps none of them). */
  take(): PlanFact[] {
    const facts = this.facts;
    this.facts = [];
    return facts;
  }

  /** Reads the last node (nothing follows it in what this extractor was given) and hands over the rest. */
  end(): FactBatch {
    if (this.pending) this.read(this.pending.node, this.pending.source, undefined);
    this.pending = undefined;
    return { facts: this.take(), leadingList: this.leadingList ?? null };
  }

  private read(node: RootContent, source: SourceText, next: RootContent | undefined): void {
    this.source = source;
    this.topLevel = node;
    const start = this.facts.length;
    this.walk(node, next);
    if (!next && node.type === 'paragraph') {
      // A bold phase line may come first; the paragraph's fields are the fact after it.
      const fact = this.facts[start]?.kind === 'phase line' ? this.facts[start + 1] : this.facts[start];
      const last = fact?.kind === 'fields' ? fact.fields[fact.fields.length - 1] : undefined;
      if (fact?.kind === 'fields' && last?.bold && last.value === '') fact.awaitsList = true;
    }
    if (this.listDepth.size) this.listDepth.clear();
    if (this.taskParagraphs.size) this.taskParagraphs.clear();
    if (this.nestedParagraphs.size) this.nestedParagraphs.clear();
  }

  /** Pre-order, in document order: every node with its following sibling. */
  private walk(node: Nodes, next: Nodes | undefined): void {
    this.visit(node, next);
    if ('children' in node) {
      const children = node.children as Nodes[];
      for (let i = 0; i < children.length; i++) this.walk(children[i], children[i + 1]);
    }
  }

  private visit(node: Nodes, next: Nodes | undefined): void {
    switch (node.type) {
      case 'heading':
        return this.heading(node);
      case 'list':
        if (node === this.topLevel && !node.children.some((item) => typeof item.checked === 'boolean')) this.facts.push({ kind: 'plain list' });
        return;
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

  private heading(node: Heading): void {
    const title = plainText(node).replace(/\s+/g, ' ').trim();
    const phase = node.depth === 1 ? null : parsePhaseHeading(node);
    const subStep = node.depth === 1 || phase ? null : readSubStepHeading(node);
    this.facts.push({ kind: 'heading', depth: node.depth, line: lineOf(node), title, phase, subStep });
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
    this.facts.push({ kind: 'task', task: { text, checked: node.checked, line: lineOf(node), id, depth, markers } });
    if (paragraph) {
      this.taskParagraphs.add(paragraph);
      const start = paragraph.position?.start.offset ?? 0;
      const end = paragraph.position?.end.offset ?? start;
      this.markerRange = [start, start + rawPrefixLength(this.source!.slice(start, end))];
    }
  }

  private paragraph(node: Paragraph, next: Nodes | undefined): void {
    if (this.taskParagraphs.has(node)) return;
    const phase = node === this.topLevel ? parsePhaseLine(node) : null;
    if (phase) this.facts.push({ kind: 'phase line', line: lineOf(node), phase });
    const fields = readFields(node, next);
    if (fields.length) this.facts.push({ kind: 'fields', fields, nested: this.nestedParagraphs.has(node), awaitsList: false });
  }

  private table(node: Table): void {
    const gates = readGateTable(node, this.vocabulary);
    if (gates) {
      this.facts.push({ kind: 'gates', table: gates });
      return;
    }
    const rows = readTechStackTable(node);
    if (rows) this.facts.push({ kind: 'tech stack', rows });
  }

  private placeholders(node: Nodes): void {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const raw = this.source!.slice(start, end);
    for (const match of findPlaceholders(raw, node.type === 'inlineCode')) {
      const offset = start + match.index;
      if (offset >= this.markerRange[0] && offset < this.markerRange[1]) continue;
      const { line, column } = this.source!.position(offset);
      this.facts.push({ kind: 'placeholder', placeholder: { text: match.text, line, column } });
    }
  }
}
