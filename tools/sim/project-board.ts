// What tests and the demo do with a Project without GraphQL: set one up, look at it as a person
// would (columns by Status, cards with their field values), and move a card by hand.
import type { SimContext } from './context.js';
import { announceItemChanged } from './project-events.js';
import type { FieldSpec, SimProject } from './projects.js';
import type { SimUser } from './state.js';

export interface CreateProjectOptions {
  /** The organisation (or user) login that owns the Project. */
  owner: string;
  number?: number;
  title: string;
  fields: FieldSpec[];
  /** Default: the installation of the owner's seeded repositories. */
  installationId?: number;
  /** Default: the owner's type when known, else Organization. */
  ownerType?: 'Organization' | 'User';
}

/** Node ids a test needs to check what the app sent: the project's, each field's, each option's and iteration's. */
export interface CreatedProject {
  id: string;
  number: number;
  fields: Record<string, { id: string; options: Record<string, string>; iterations: Record<string, string> }>;
}

export interface BoardCard {
  /** `owner/repo` of the issue. */
  repo: string;
  issue: number;
  title: string;
  itemId: string;
  /** Every other field set on the card, by field name: option name, number, text, YYYY-MM-DD or iteration title. */
  fields: Record<string, string | number>;
}

export interface BoardSnapshot {
  title: string;
  /** One column per Status option, in the field's order, after `No Status` (shown only when it has cards). */
  columns: Array<{ status: string; cards: BoardCard[] }>;
}

export function createProject(ctx: SimContext, options: CreateProjectOptions): CreatedProject {
  const known = ctx.state.users.get(options.owner.toLowerCase());
  const owner: SimUser = known ?? ctx.state.user(options.owner, options.ownerType ?? 'Organization');
  if (options.ownerType && owner.type !== options.ownerType) owner.type = options.ownerType;
  const installationId = options.installationId ?? [...ctx.state.repos.values()].find((repo) => repo.owner === owner)?.installationId;
  if (installationId === undefined) throw new Error(`createProject: ${options.owner} has no seeded repository; pass installationId`);
  const project = ctx.state.projects.create({ owner, number: options.number, title: options.title, installationId, fields: options.fields });
  const fields: CreatedProject['fields'] = {};
  for (const field of project.fields) {
    fields[field.name] = {
      id: field.id,
      options: Object.fromEntries(field.options.map((option) => [option.name, option.id])),
      iterations: Object.fromEntries(field.iterations.map((iteration) => [iteration.title, iteration.id])),
    };
  }
  return { id: project.id, number: project.number, fields };
}

export function projectOr404(ctx: SimContext, owner: string, number: number): SimProject {
  const project = ctx.state.projects.find(owner, number);
  if (!project) throw new Error(`no project ${owner}/${number} in the simulator`);
  return project;
}

export function boardSnapshot(ctx: SimContext, project: SimProject, statusField = 'Status'): BoardSnapshot {
  const status = project.fields.find((field) => field.name === statusField && field.dataType === 'SINGLE_SELECT');
  const columns = new Map<string, BoardCard[]>([['No Status', []], ...(status?.options ?? []).map((option) => [option.name, []] as [string, BoardCard[]])]);
  for (const item of project.items) {
    const content = ctx.state.projects.content(item.contentId);
    const fields: BoardCard['fields'] = {};
    let column = 'No Status';
    for (const field of project.fields) {
      const value = item.values.get(field.id);
      if (!value) continue;
      let shown: string | number;
      if ('singleSelectOptionId' in value) shown = field.options.find((option) => option.id === value.singleSelectOptionId)?.name ?? value.singleSelectOptionId;
      else if ('iterationId' in value) shown = field.iterations.find((iteration) => iteration.id === value.iterationId)?.title ?? value.iterationId;
      else if ('number' in value) shown = value.number;
      else if ('date' in value) shown = value.date;
      else shown = value.text;
      if (field === status) column = String(shown);
      else fields[field.name] = shown;
    }
    columns.get(column)?.push({ repo: content?.repo.full_name ?? '', issue: content?.issue.number ?? 0, title: content?.issue.title ?? '', itemId: item.id, fields });
  }
  return {
    title: project.title,
    columns: [...columns].filter(([name, cards]) => name !== 'No Status' || cards.length > 0).map(([name, cards]) => ({ status: name, cards })),
  };
}

/**
 * A person drags a card to another Status column (or sets another single-select field): the value
 * changes and GitHub sends `projects_v2_item.edited` with `changes.field_value`.
 */
export function moveCard(ctx: SimContext, project: SimProject, options: { issue: number; repo?: string; to: string; field?: string; as?: string }): void {
  const field = project.fields.find((candidate) => candidate.name === (options.field ?? 'Status'));
  if (!field || field.dataType !== 'SINGLE_SELECT') throw new Error(`project ${project.number} has no single-select field ${options.field ?? 'Status'}`);
  const option = field.options.find((candidate) => candidate.name === options.to);
  if (!option) throw new Error(`field ${field.name} has no option ${options.to}`);
  const item = project.items.find((candidate) => {
    const content = ctx.state.projects.content(candidate.contentId);
    return content?.issue.number === options.issue && (!options.repo || content.repo.full_name.toLowerCase() === options.repo.toLowerCase());
  });
  if (!item) throw new Error(`issue #${options.issue} is not on project ${project.number}`);
  const from = item.values.get(field.id);
  ctx.state.projects.setValue(project, item.id, field.id, { singleSelectOptionId: option.id });
  announceItemChanged(ctx, project, item, 'edited', ctx.state.user(options.as ?? 'mona'), 'user', { field, from, to: item.values.get(field.id) });
}
