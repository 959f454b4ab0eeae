// The issue sync can link only so many sub-issues under one issue; the plan check says so where
// people look. Findings are added to the plan's model, in line order.
import type { PlanbotConfig } from '../config/schema.js';
import { siblingPath } from '../plan/feature.js';
import { parsePlan, type Finding, type PlanModel } from '../plan/index.js';
import { planTaskLimitFindings, subIssueLimitFinding } from '../plan/sub-issue-limits.js';
import { readChangedFile, type FileReader } from './read-files.js';

/**
 * More phases than a tracking issue holds; with `issues.granularity: task`, more tasks in a phase
 * than its issue holds: plan.md's own, and those of the tasks.md next to it when the change
 * touches it (1 read; its findings name it, on line 1 of the plan). None with issues off.
 */
export async function addSubIssueLimitFindings(
  model: PlanModel,
  path: string,
  config: PlanbotConfig,
  change: { files: readonly string[]; sha: string },
  reader: FileReader,
): Promise<void> {
  if (!config.issues.enabled) return;
  const tooManyPhases = subIssueLimitFinding(model);
  if (tooManyPhases) model.findings = [...model.findings, tooManyPhases].sort(byLine);
  if (config.issues.granularity !== 'task') return;
  const tooManyTasks = await taskLimitFindings(model, path, config, change, reader);
  if (tooManyTasks.length > 0) model.findings = [...model.findings, ...tooManyTasks].sort(byLine);
}

async function taskLimitFindings(
  model: PlanModel,
  path: string,
  config: PlanbotConfig,
  change: { files: readonly string[]; sha: string },
  reader: FileReader,
): Promise<Finding[]> {
  const findings = planTaskLimitFindings(model);
  const tasksPath = siblingPath(path, 'tasks.md');
  if (config.issues.source === 'plan' || !change.files.includes(tasksPath)) return findings;
  const tasks = await readChangedFile(reader, tasksPath, change.sha, 'plan', true);
  if (!tasks) return findings;
  const tasksModel = parsePlan(tasks.content, { file: tasksPath, kind: 'tasks' });
  return [...findings, ...planTaskLimitFindings(tasksModel).map((finding) => ({ ...finding, line: 1, message: `${tasksPath} line ${finding.line}: ${finding.message}` }))];
}

function byLine(a: Finding, b: Finding): number {
  return a.line - b.line;
}
