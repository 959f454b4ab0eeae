// The configured fields, found on the board by name. planbot never creates fields or options: a
// missing (or mistyped) one is a config problem naming its key, and that field is left alone.
import type { ProjectBoard, ProjectField } from '../github/github.js';
import type { ProjectsConfig } from './project-ref.js';
import type { StatusKey } from './status.js';

export interface ResolvedFields {
  status: { id: string; options: Record<StatusKey, string> } | null;
  phase: { id: string } | null;
  feature: { id: string } | null;
  targetDate: { id: string } | null;
  iteration: { id: string; iterations: NonNullable<ProjectField['iterations']> } | null;
}

/** A problem before its line is known: key path under the config file. */
export interface BoardConfigIssue {
  path: string[];
  message: string;
}

const STATUS_KEYS: StatusKey[] = ['todo', 'in_progress', 'done'];

export function resolveFields(board: ProjectBoard, config: ProjectsConfig): { fields: ResolvedFields; problems: BoardConfigIssue[] } {
  const problems: BoardConfigIssue[] = [];
  const find = (key: string, name: string, dataType: string): ProjectField | null => {
    const field = board.fields.find((candidate) => candidate.name === name) ?? board.fields.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    const path = ['projects', 'fields', key, 'name'];
    if (!field) {
      problems.push({ path, message: `the Project "${board.title}" has no field named "${name}"; planbot does not create fields` });
      return null;
    }
    if (field.dataType !== dataType) {
      problems.push({ path, message: `the Project field "${field.name}" is ${describeType(field.dataType)}, not ${describeType(dataType)}` });
      return null;
    }
    return field;
  };

  const fields: ResolvedFields = { status: null, phase: null, feature: null, targetDate: null, iteration: null };
  const statusConfig = config.fields.status;
  const status = find('status', statusConfig.name, 'SINGLE_SELECT');
  if (status) {
    const options = {} as Record<StatusKey, string>;
    for (const key of STATUS_KEYS) {
      const name = statusConfig.options[key];
      const option = status.options?.find((candidate) => candidate.name === name) ?? status.options?.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
      if (option) options[key] = option.id;
      else problems.push({ path: ['projects', 'fields', 'status', 'options', key], message: `the field "${status.name}" has no option named "${name}"` });
    }
    if (STATUS_KEYS.every((key) => options[key])) fields.status = { id: status.id, options };
  }
  const phase = find('phase', config.fields.phase.name, 'NUMBER');
  if (phase) fields.phase = { id: phase.id };
  const feature = find('feature', config.fields.feature.name, 'TEXT');
  if (feature) fields.feature = { id: feature.id };
  if (config.fields.target_date) {
    const date = find('target_date', config.fields.target_date.name, 'DATE');
    if (date) fields.targetDate = { id: date.id };
  }
  if (config.fields.iteration) {
    const iteration = find('iteration', config.fields.iteration.name, 'ITERATION');
    if (iteration) fields.iteration = { id: iteration.id, iterations: iteration.iterations ?? [] };
  }
  return { fields, problems };
}

function describeType(dataType: string): string {
  const names: Record<string, string> = { SINGLE_SELECT: 'a single select', NUMBER: 'a number', TEXT: 'a text', DATE: 'a date', ITERATION: 'an iteration' };
  return names[dataType] ?? `a ${dataType.toLowerCase()}`;
}
