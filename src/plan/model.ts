// The typed plan model. Pure data: no GitHub imports anywhere under src/plan/.
// Every line number is 1-based and refers to the original source text (front matter included).

export type Severity = 'error' | 'warning' | 'notice';

export type GateStatus = 'pass' | 'fail' | 'pending' | 'warn' | 'waived' | 'unknown';

export interface Section {
  /** Heading text with inline markup removed. */
  title: string;
  /** Heading depth, 1–6. */
  depth: number;
  line: number;
  /** Last line covered by the section (before the next heading of the same or lower depth). */
  endLine: number;
}

export interface Task {
  /** Task text with the checkbox removed, markers such as `[P]` and `[US1]` kept. */
  text: string;
  checked: boolean;
  line: number;
  /** Task id such as `T001` when the task starts with one (bold ids `**T001**` too), else null. */
  id: string | null;
  /** Nesting depth inside its list: 0 for a top-level item. */
  depth: number;
  /** Bracketed markers right after the checkbox/id, without brackets: `['P', 'US1']`. */
  markers?: string[];
}

export interface Phase {
  /** The phase number as written: "0", "1", "7.1", "1A", "-1". */
  number: string;
  title: string;
  line: number;
  /** Raw `**Duration**:` value (or a duration found in the heading's parentheses), else null. */
  duration: string | null;
  /** Phase numbers this phase depends on, normalised ("Phase 1" -> "1"); empty when none. */
  dependencies: string[];
  /** Line of the Dependencies field, when present. */
  dependenciesLine: number | null;
  tasks: Task[];
  /** Number of the phase this one is nested in (`1` for a `### 1.2` step under `## Phase 1`), else null. */
  parent?: string | null;
  /** Raw `**Due**:` value (a target date, `2026-12-24`); absent when the phase has none. */
  due?: string;
  /** Raw `**Iteration**:` value (`Sprint 12`); absent when the phase has none. */
  iteration?: string;
}

export interface Gate {
  name: string;
  /** Criteria cell, or "" when the table has no Criteria column. */
  criteria: string;
  status: GateStatus;
  /** The raw Status cell text. */
  raw: string;
  line: number;
}

export interface Placeholder {
  /** The token as written, e.g. `[TO FILL: Brief description]`. */
  text: string;
  line: number;
  column: number;
}

export interface TechStackRow {
  component: string;
  technology: string;
  line: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  /** 1-based column, when the finding points at a token inside the line (placeholders). */
  column?: number;
}

export interface PlanModel {
  /** The file path this model was parsed from, when known (as given by the caller). */
  file: string | null;
  /** Feature id (e.g. `001-user-auth`) from the Branch field, the title or the path; null when none. */
  feature: string | null;
  /** Text of the first level-1 heading, else null. */
  title: string | null;
  sections: Section[];
  phases: Phase[];
  /** Every task in the document, in order, including tasks outside phases. */
  tasks: Task[];
  gates: Gate[];
  placeholders: Placeholder[];
  techStack: TechStackRow[];
  findings: Finding[];
}
