// GitHub's limit on sub-issues per issue, and the plan findings for plans that exceed it: the plan
// check shows them (src/changed-plans), the issue sync links within it (src/sync). Pure.
import { canonicalPhaseNumber } from './dependencies.js';
import type { Finding, Phase } from './model.js';

/** GitHub allows about this many sub-issues under one parent. */
export const SUB_ISSUE_LIMIT = 100;

export const SUB_ISSUE_LIMIT_RULE = 'sub-issue-limit';

/**
 * A finding for plans with more phases than one tracking issue can hold as sub-issues, or null.
 * The plan check can show it; the sync links the first SUB_ISSUE_LIMIT phases and lists the rest
 * in the tracking issue's body.
 */
export function subIssueLimitFinding(model: { phases: ReadonlyArray<Pick<Phase, 'number' | 'line'>> }): Finding | null {
  if (model.phases.length <= SUB_ISSUE_LIMIT) return null;
  const first = model.phases[SUB_ISSUE_LIMIT];
  return {
    rule: SUB_ISSUE_LIMIT_RULE,
    severity: 'warning',
    message:
      `The plan has ${model.phases.length} phases; GitHub allows ${SUB_ISSUE_LIMIT} sub-issues per issue, ` +
      `so phases from Phase ${first.number} on get issues that are listed in the tracking issue but not linked as sub-issues.`,
    line: first.line,
  };
}

/**
 * With `issues.granularity: task`, a phase issue's sub-issues are its sub-phases' issues and its
 * tasks' issues: a finding when they exceed SUB_ISSUE_LIMIT, or null. Every task still gets an
 * issue and a line in the phase issue; the ones past the limit are not linked as sub-issues.
 */
export function taskSubIssueLimitFinding(phase: {
  number: string;
  line: number;
  tasks: ReadonlyArray<{ id: string | null; line?: number }>;
  subPhases: number;
}): Finding | null {
  const room = SUB_ISSUE_LIMIT - phase.subPhases;
  if (phase.tasks.length <= room) return null;
  const first = phase.tasks[Math.max(0, room)];
  const which = first.id ? `from ${first.id} on` : `after the first ${Math.max(0, room)}`;
  return {
    rule: SUB_ISSUE_LIMIT_RULE,
    severity: 'warning',
    message:
      `Phase ${phase.number} has ${phase.tasks.length} tasks${phase.subPhases > 0 ? ` and ${phase.subPhases} sub-phases` : ''}; GitHub allows ${SUB_ISSUE_LIMIT} sub-issues per issue, ` +
      `so tasks ${which} get issues that are listed in the phase issue but not linked as its sub-issues.`,
    line: first.line ?? phase.line,
  };
}

/**
 * The task limit for each phase of a parsed plan or tasks.md (the plan check's view, before the
 * sync decides which phases get issues): sub-phases with tasks count against their parent's room.
 */
export function planTaskLimitFindings(model: { phases: ReadonlyArray<Pick<Phase, 'number' | 'line' | 'tasks' | 'parent'>> }): Finding[] {
  return model.phases.flatMap((phase) => {
    const key = canonicalPhaseNumber(phase.number);
    const subPhases = model.phases.filter((other) => other.parent && canonicalPhaseNumber(other.parent) === key && other.tasks.length > 0).length;
    const finding = taskSubIssueLimitFinding({ number: phase.number, line: phase.line, tasks: phase.tasks, subPhases });
    return finding ? [finding] : [];
  });
}
