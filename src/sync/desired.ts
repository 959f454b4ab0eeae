// What the issues of one feature should look like, computed from the plan (and tasks.md) alone.
// Pure: no GitHub, no current state. The reconciler compares this with what exists.
import { canonicalPhaseNumber, type Finding, type PlanModel } from '../plan/index.js';
import type { PlanbotConfig } from '../config/schema.js';
import type { TaskSource } from './marker.js';
import { taskKey } from './task-key.js';
import { safeTitle } from './inline-markdown.js';
import { subIssueLimitFinding, taskSubIssueLimitFinding } from '../plan/sub-issue-limits.js';
import { withOccurrences } from '../plan/checkbox-edit.js';
import { TEXT_LIMITS } from '../text/limits.js';

export interface DesiredTask {
  key: string;
  id: string | null;
  /** Plain text as the plan engine read it. */
  text: string;
  checked: boolean;
  depth: number;
  /** The line it is written on, and its bracketed markers (`P`, `US1`): for its own issue (issues.granularity: task). */
  line?: number;
  markers?: string[];
}

/** A task that is an issue of its own (`issues.granularity: task`), a sub-issue of its phase's issue. */
export interface DesiredTaskIssue {
  /** Identity within the feature: the task id (spec-kit restarts `T001` per feature), else its key; `#2`… for repeats. */
  key: string;
  /** Canonical number of the phase whose issue it is a sub-issue of. */
  phaseKey: string;
  /** The task's occurrence key within its phase (withOccurrences): what a plan edit names. */
  occurrence: string;
  task: DesiredTask;
  title: string;
  /** `labels` plus its story (`US1`) and `parallel` for `[P]`. */
  labels: string[];
  source: TaskSource;
  line: SourceLine;
}

/** A file and line a phase is written at, for the issue's links. */
export interface SourceLine {
  path: string;
  line: number;
}

export interface DesiredPhase {
  /** Canonical phase number: the phase's identity within the feature (`01` and `1` are one phase). */
  key: string;
  /** The number as written. */
  number: string;
  name: string;
  /** The issue title. */
  title: string;
  duration: string | null;
  /** Canonical numbers of the phases this one depends on. */
  dependencies: string[];
  /** The file the task list comes from. */
  source: TaskSource;
  /** Where the phase is written: plan.md, and tasks.md when its tasks come from there. */
  lines: SourceLine[];
  tasks: DesiredTask[];
  /** Canonical number of the phase this one is nested in (a sub-phase), else null. */
  parent?: string | null;
  /** Sub-phases with no tasks of their own, shown as lines in this phase's issue (`issues.empty_phases: line`). */
  notes?: PhaseNote[];
}

/** A phase with no tasks and no sub-phases: a line in its parent's issue (or the tracking issue) rather than an issue. */
export interface PhaseNote {
  number: string;
  name: string;
  line: SourceLine;
}

export interface DesiredFeature {
  owner: string;
  repo: string;
  feature: string;
  planPath: string;
  tasksPath: string | null;
  /** The branch links point at. */
  branch: string;
  /** The repository's web address, e.g. `https://github.com/acme/web`. */
  repoUrl: string;
  trackingTitle: string;
  phases: DesiredPhase[];
  /** Labels on every planbot issue; the first is the one planbot lists its issues by. */
  labels: string[];
  /** Labels on the tracking issue: `labels` plus `tracking_labels`. */
  trackingLabels: string[];
  assignees: string[];
  milestone: number | null;
  allowMentions: boolean;
  syncBack: boolean;
  /** Phase numbers written in plan.md or tasks.md, including those that get no issue under `issues.source`. */
  writtenPhases: Set<string>;
  /** Problems the sync found in the plan (duplicate phase numbers, too many phases). */
  findings: Finding[];
  /** Top-level phases with no tasks and no sub-phases: lines in the tracking issue (`issues.empty_phases: line`). */
  notes?: PhaseNote[];
  /** `issues.granularity: task`: every task of every phase issue, in plan order; empty otherwise. */
  taskIssues?: DesiredTaskIssue[];
}

export interface DesiredInput {
  owner: string;
  repo: string;
  feature: string;
  planPath: string;
  /** The path plan.path gives for this feature; titles name the plan's folder when the plan is elsewhere. */
  defaultPlanPath: string | null;
  branch: string;
  repoUrl: string;
  plan: PlanModel;
  tasks: PlanModel | null;
  tasksPath: string | null;
  issues: PlanbotConfig['issues'];
  /** Who opened the pull request (or pushed): the assignee when `assignees: author`. */
  author: string | null;
}

/** The label planbot finds its issues by, when the configuration lists none. */
export const FALLBACK_LABEL = 'planbot';

export function buildDesired(input: DesiredInput): DesiredFeature {
  const { issues } = input;
  const findings: Finding[] = [];
  const options = { allowMentions: issues.allow_mentions };
  const scope = scopeName(input);
  const combined = combinePhases(input, findings);
  const collapsed = issues.empty_phases === 'issue' ? { phases: combined, notes: [] } : collapseEmptyPhases(combined);
  const phases = collapsed.phases.map((phase) => ({
    ...phase,
    title: safeTitle(fill(issues.phase_title, { feature: scope, number: phase.number, name: phase.name }), options),
  }));
  const limit = subIssueLimitFinding({ phases: phases.map((phase) => ({ number: phase.number, line: phase.lines[0].line })) });
  if (limit) findings.push(limit);
  const labels = unique(issues.labels.length > 0 ? issues.labels : [FALLBACK_LABEL]);
  const taskIssues = issues.granularity === 'task' ? taskIssuesOf(phases, labels, scope, options) : [];
  if (issues.granularity === 'task') findings.push(...taskLimitFindings(phases));
  return {
    owner: input.owner,
    repo: input.repo,
    feature: input.feature,
    planPath: input.planPath,
    tasksPath: input.tasksPath,
    branch: input.branch,
    repoUrl: input.repoUrl,
    trackingTitle: safeTitle(fill(issues.tracking_title, { feature: scope }), options),
    phases,
    labels,
    trackingLabels: unique([...labels, ...issues.tracking_labels]),
    assignees: assigneesFor(issues.assignees, input.author),
    milestone: issues.milestone,
    allowMentions: issues.allow_mentions,
    syncBack: issues.sync_back,
    writtenPhases: new Set([...input.plan.phases, ...(input.tasks?.phases ?? [])].map((phase) => canonicalPhaseNumber(phase.number))),
    findings,
    notes: collapsed.notes,
    taskIssues,
  };
}

/** The label for `[P]` tasks. */
export const PARALLEL_LABEL = 'parallel';
const STORY = /^US\d+$/i;

/** Each task of each phase issue as an issue of its own. Identity: the feature (marker) plus the task's id, else its key. */
function taskIssuesOf(phases: DesiredPhase[], labels: string[], scope: string, options: { allowMentions: boolean }): DesiredTaskIssue[] {
  const all = phases.flatMap((phase) => {
    const occurrences = withOccurrences(phase.tasks.map((task) => task.key));
    return phase.tasks.map((task, index) => ({ phase, task, occurrence: occurrences[index] }));
  });
  const keys = withOccurrences(all.map(({ task }) => task.key));
  return all.map(({ phase, task, occurrence }, index) => {
    const markers = task.markers ?? [];
    const story = markers.filter((marker) => STORY.test(marker)).map((marker) => marker.toUpperCase().slice(0, TEXT_LIMITS.labelName));
    const parallel = markers.some((marker) => marker.toUpperCase() === 'P') ? [PARALLEL_LABEL] : [];
    const source = phase.lines[phase.lines.length - 1];
    return {
      key: keys[index],
      phaseKey: phase.key,
      occurrence,
      task,
      title: safeTitle(`${scope} · ${taskTitle(task)}`, options),
      labels: unique([...labels, ...story, ...parallel]),
      source: phase.source,
      line: { path: source.path, line: task.line ?? source.line },
    };
  });
}

/** `T001: Create the model`: the id, then the text without the id and the markers that became labels. */
function taskTitle(task: DesiredTask): string {
  const text = task.id && task.text.startsWith(task.id) ? task.text.slice(task.id.length) : task.text;
  const rest = text.replace(/^\s*(?:\[[^[\]\s]{1,24}\]\s*)+/u, ' ').trim();
  return task.id ? `${task.id}: ${rest}` : rest;
}

/** A phase issue holds at most SUB_ISSUE_LIMIT sub-issues: its sub-phases' issues and its tasks' together. */
function taskLimitFindings(phases: DesiredPhase[]): Finding[] {
  return phases.flatMap((phase) => {
    const subPhases = phases.filter((other) => other.parent === phase.key).length;
    const finding = taskSubIssueLimitFinding({ number: phase.number, line: phase.lines[0].line, tasks: phase.tasks, subPhases });
    return finding ? [finding] : [];
  });
}

/**
 * A phase with no tasks and no sub-phases (a prose sub-section, say) gets no issue of its own: it
 * becomes a line in its parent phase's issue, or in the tracking issue when it has no parent.
 */
function collapseEmptyPhases(phases: UntitledPhase[]): { phases: UntitledPhase[]; notes: PhaseNote[] } {
  const parents = new Set(phases.map((phase) => phase.parent).filter((parent): parent is string => !!parent));
  const isEmpty = (phase: UntitledPhase) => phase.tasks.length === 0 && !parents.has(phase.key);
  const kept = phases.filter((phase) => !isEmpty(phase)).map((phase) => ({ ...phase, notes: [] as PhaseNote[] }));
  const byKey = new Map(kept.map((phase) => [phase.key, phase]));
  const notes: PhaseNote[] = [];
  for (const phase of phases.filter(isEmpty)) {
    const note = { number: phase.number, name: phase.name, line: phase.lines[phase.lines.length - 1] };
    const parent = phase.parent ? byKey.get(phase.parent) : undefined;
    (parent ? parent.notes : notes).push(note);
  }
  return { phases: kept, notes };
}

/** The feature id, or the plan's folder when the plan is not at the configured path (monorepos). */
function scopeName(input: DesiredInput): string {
  if (input.defaultPlanPath === null || input.planPath === input.defaultPlanPath) return input.feature;
  const slash = input.planPath.lastIndexOf('/');
  return slash === -1 ? input.feature : input.planPath.slice(0, slash);
}

type UntitledPhase = Omit<DesiredPhase, 'title'>;

/**
 * `plan`: plan.md's phases. `auto`: tasks.md's phases when there is a tasks.md, else plan.md's. `tasks`: tasks.md's phases (Duration and Dependencies taken from the
 * plan phase with the same number when tasks.md has none). `both`: plan.md's phases in order,
 * where tasks.md has the same phase number its task list replaces the plan's; then the phases
 * only tasks.md has.
 */
function combinePhases(input: DesiredInput, findings: Finding[]): UntitledPhase[] {
  const fromPlan = phasesOf(input.plan, 'plan', input.planPath, findings);
  const fromTasks = input.tasks && input.tasksPath ? phasesOf(input.tasks, 'tasks', input.tasksPath, findings) : [];
  const planByKey = new Map(fromPlan.map((phase) => [phase.key, phase]));
  switch (input.issues.source) {
    case 'plan':
      return fromPlan;
    // spec-kit keeps its task lists in tasks.md (plan.md has none): use it whenever the feature has one.
    case 'auto':
      if (!input.tasks || !input.tasksPath) return fromPlan;
      return fromTasks.map((phase) => withPlanFields(phase, planByKey.get(phase.key)));
    case 'tasks':
      return fromTasks.map((phase) => withPlanFields(phase, planByKey.get(phase.key)));
    case 'both': {
      const tasksByKey = new Map(fromTasks.map((phase) => [phase.key, phase]));
      const merged = fromPlan.map((planPhase) => {
        const tasksPhase = tasksByKey.get(planPhase.key);
        if (!tasksPhase) return planPhase;
        return { ...planPhase, source: 'tasks' as const, tasks: tasksPhase.tasks, lines: [...planPhase.lines, ...tasksPhase.lines] };
      });
      return [...merged, ...fromTasks.filter((phase) => !planByKey.has(phase.key))];
    }
  }
}

function withPlanFields(phase: UntitledPhase, planPhase: UntitledPhase | undefined): UntitledPhase {
  if (!planPhase) return phase;
  return {
    ...phase,
    duration: phase.duration ?? planPhase.duration,
    dependencies: phase.dependencies.length > 0 ? phase.dependencies : planPhase.dependencies,
    lines: [...planPhase.lines, ...phase.lines],
  };
}

function phasesOf(model: PlanModel, source: TaskSource, path: string, findings: Finding[]): UntitledPhase[] {
  const seen = new Set<string>();
  const phases: UntitledPhase[] = [];
  for (const phase of model.phases) {
    const key = canonicalPhaseNumber(phase.number);
    if (seen.has(key)) {
      findings.push({
        rule: 'duplicate-phase-issue',
        severity: 'warning',
        message: `${path}: Phase ${phase.number} appears more than once; only its first occurrence gets an issue.`,
        line: phase.line,
      });
      continue;
    }
    seen.add(key);
    phases.push({
      key,
      number: phase.number,
      name: phase.title,
      duration: phase.duration,
      dependencies: phase.dependencies.map(canonicalPhaseNumber).filter((dependency) => dependency !== key),
      source,
      lines: [{ path, line: phase.line }],
      parent: phase.parent ? canonicalPhaseNumber(phase.parent) : null,
      tasks: phase.tasks.map((task) => ({
        key: taskKey(task),
        id: task.id,
        text: task.text,
        checked: task.checked,
        depth: task.depth,
        line: task.line,
        markers: task.markers ?? [],
      })),
    });
  }
  return phases;
}

function assigneesFor(setting: PlanbotConfig['issues']['assignees'], author: string | null): string[] {
  if (setting !== 'author') return unique(setting);
  // Bots cannot be assigned.
  return author && !author.endsWith('[bot]') ? [author] : [];
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name] : whole));
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
