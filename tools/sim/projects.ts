// GitHub Projects (v2) in the simulator's world: projects owned by an organisation or a user,
// their fields (single select with options, number, text, date, iteration), and items that put an
// issue on the board with one value per field. Plain data plus the changes GitHub allows; the
// GraphQL resolvers and the test-facing helpers both go through here.
import type { SimIssue, SimRepo, SimUser } from './records.js';

/** What the Projects store needs of the simulator's state (state.ts), without importing it. */
export interface ProjectHost {
  id(): number;
  findIssueById(id: number): { repo: SimRepo; issue: SimIssue } | undefined;
}

export type FieldDataType = 'TITLE' | 'ASSIGNEES' | 'SINGLE_SELECT' | 'NUMBER' | 'TEXT' | 'DATE' | 'ITERATION';

export interface SimOption {
  id: string;
  name: string;
  color: string;
  description: string;
}

export interface SimIteration {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  startDate: string;
  /** Days. */
  duration: number;
}

export interface SimProjectField {
  id: string;
  databaseId: number;
  name: string;
  dataType: FieldDataType;
  options: SimOption[];
  iterations: SimIteration[];
}

/** What one field holds on one item: exactly one of these keys, as GitHub's `ProjectV2FieldValue` input. */
export type SimFieldValue = { singleSelectOptionId: string } | { number: number } | { text: string } | { date: string } | { iterationId: string };

export interface SimProjectItem {
  id: string;
  databaseId: number;
  /** The issue's node id (what REST calls `node_id`). */
  contentId: string;
  values: Map<string, SimFieldValue>;
  creator: SimUser;
  createdAt: string;
  updatedAt: string;
}

export interface SimProject {
  id: string;
  databaseId: number;
  number: number;
  title: string;
  owner: SimUser;
  /** The installation that sees the project (the owner's). */
  installationId: number;
  fields: SimProjectField[];
  items: SimProjectItem[];
}

/** What a test or the demo declares; the Title and Assignees fields every Project has are added. */
export interface FieldSpec {
  name: string;
  dataType: 'SINGLE_SELECT' | 'NUMBER' | 'TEXT' | 'DATE' | 'ITERATION';
  options?: string[];
  iterations?: Array<{ title: string; startDate: string; duration: number }>;
}

/** Access an installation has to Projects: GitHub's `organization_projects` permission. */
export type ProjectsPermission = 'write' | 'read' | 'none';

/** A refusal in GitHub's GraphQL shape: `type` (NOT_FOUND, FORBIDDEN, UNPROCESSABLE) and message. */
export class ProjectError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const OPTION_COLORS = ['GRAY', 'BLUE', 'GREEN', 'YELLOW', 'ORANGE', 'RED', 'PINK', 'PURPLE'];

/** The node id REST shows as an issue's `node_id` (render.ts); GraphQL's `Issue.id` is the same. */
export function issueNodeId(issue: Pick<SimIssue, 'id'>): string {
  return Buffer.from(`05:Issue${issue.id}`).toString('base64');
}

function date(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new Error(`dates are YYYY-MM-DD, got ${text}`);
  return text;
}

export class ProjectStore {
  readonly projects: SimProject[] = [];
  private readonly permissions = new Map<number, ProjectsPermission>();

  constructor(private readonly state: ProjectHost) {}

  reset(): void {
    this.projects.length = 0;
    this.permissions.clear();
  }

  /** Ids shaped like GitHub's (`PVT_…`, `PVTF_…`, `PVTI_…`), sequential so runs compare. */
  private nodeId(prefix: string, id: number): string {
    return `${prefix}_sim${id.toString(36)}`;
  }

  private hexId(): string {
    return this.state.id().toString(16).padStart(8, '0');
  }

  create(options: { owner: SimUser; number?: number; title: string; installationId: number; fields: FieldSpec[] }): SimProject {
    const number = options.number ?? Math.max(0, ...this.projects.filter((p) => p.owner === options.owner).map((p) => p.number)) + 1;
    if (this.find(options.owner.login, number)) throw new Error(`${options.owner.login} already has project ${number}`);
    const databaseId = this.state.id();
    const field = (name: string, dataType: FieldDataType, prefix = 'PVTF'): SimProjectField => {
      const id = this.state.id();
      return { id: this.nodeId(prefix, id), databaseId: id, name, dataType, options: [], iterations: [] };
    };
    const fields = [field('Title', 'TITLE'), field('Assignees', 'ASSIGNEES')];
    for (const spec of options.fields) {
      if (fields.some((existing) => existing.name.toLowerCase() === spec.name.toLowerCase())) throw new Error(`field ${spec.name} twice`);
      const prefix = spec.dataType === 'SINGLE_SELECT' ? 'PVTSSF' : spec.dataType === 'ITERATION' ? 'PVTIF' : 'PVTF';
      const made = field(spec.name, spec.dataType, prefix);
      made.options = (spec.options ?? []).map((name, index) => ({ id: this.hexId(), name, color: OPTION_COLORS[index % OPTION_COLORS.length], description: '' }));
      made.iterations = (spec.iterations ?? []).map((iteration) => ({ id: this.hexId(), title: iteration.title, startDate: date(iteration.startDate), duration: iteration.duration }));
      fields.push(made);
    }
    const project: SimProject = { id: this.nodeId('PVT', databaseId), databaseId, number, title: options.title, owner: options.owner, installationId: options.installationId, fields, items: [] };
    this.projects.push(project);
    return project;
  }

  find(ownerLogin: string, number: number): SimProject | undefined {
    return this.projects.find((project) => project.owner.login.toLowerCase() === ownerLogin.toLowerCase() && project.number === number);
  }

  byId(id: string): SimProject | undefined {
    return this.projects.find((project) => project.id === id);
  }

  setPermission(installationId: number, permission: ProjectsPermission): void {
    this.permissions.set(installationId, permission);
  }

  /** Installations have `organization_projects: write` unless a test took it away. */
  permission(installationId: number | null): ProjectsPermission {
    return installationId === null ? 'write' : (this.permissions.get(installationId) ?? 'write');
  }

  /** The issue behind a content node id, in any repository. */
  content(contentId: string): { repo: SimRepo; issue: SimIssue } | undefined {
    const decoded = /^05:Issue(\d+)$/.exec(Buffer.from(contentId, 'base64').toString('utf8'));
    return decoded ? this.state.findIssueById(Number(decoded[1])) : undefined;
  }

  /** Adds the issue to the board; an issue already there gives back its item (GitHub's `addProjectV2ItemById`). */
  addItem(project: SimProject, contentId: string, creator: SimUser): { item: SimProjectItem; created: boolean } {
    const existing = project.items.find((item) => item.contentId === contentId);
    if (existing) return { item: existing, created: false };
    if (!this.content(contentId)) throw new ProjectError('NOT_FOUND', `Could not resolve to a node with the global id of '${contentId}'`);
    const databaseId = this.state.id();
    const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const item: SimProjectItem = { id: this.nodeId('PVTI', databaseId), databaseId, contentId, values: new Map(), creator, createdAt: at, updatedAt: at };
    project.items.push(item);
    return { item, created: true };
  }

  item(project: SimProject, itemId: string): SimProjectItem {
    const item = project.items.find((candidate) => candidate.id === itemId);
    if (!item) throw new ProjectError('NOT_FOUND', `Could not resolve to ProjectV2Item node with the global id of '${itemId}'`);
    return item;
  }

  field(project: SimProject, fieldId: string): SimProjectField {
    const field = project.fields.find((candidate) => candidate.id === fieldId);
    if (!field) throw new ProjectError('NOT_FOUND', `Could not resolve to a node with the global id of '${fieldId}'`);
    return field;
  }

  /** Sets one field on one item, refusing what GitHub refuses (wrong kind of value, unknown option/iteration). */
  setValue(project: SimProject, itemId: string, fieldId: string, value: Record<string, unknown>): SimProjectItem {
    const item = this.item(project, itemId);
    const field = this.field(project, fieldId);
    item.values.set(field.id, checkedValue(field, value));
    item.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return item;
  }

  clearValue(project: SimProject, itemId: string, fieldId: string): SimProjectItem {
    const item = this.item(project, itemId);
    const field = this.field(project, fieldId);
    item.values.delete(field.id);
    item.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return item;
  }
}

const VALUE_KEY: Partial<Record<FieldDataType, string>> = {
  SINGLE_SELECT: 'singleSelectOptionId',
  NUMBER: 'number',
  TEXT: 'text',
  DATE: 'date',
  ITERATION: 'iterationId',
};

function checkedValue(field: SimProjectField, value: Record<string, unknown>): SimFieldValue {
  const key = VALUE_KEY[field.dataType];
  if (!key) throw new ProjectError('UNPROCESSABLE', `The field ${field.name} cannot be updated through this mutation.`);
  const given = Object.keys(value).filter((name) => value[name] !== undefined && value[name] !== null);
  if (given.length !== 1 || given[0] !== key) {
    throw new ProjectError('UNPROCESSABLE', `Did not receive a ${key} value to update a field of type ${field.dataType.toLowerCase()}`);
  }
  const raw = value[key];
  if (key === 'singleSelectOptionId' && !field.options.some((option) => option.id === raw)) {
    throw new ProjectError('UNPROCESSABLE', `The single select option Id does not belong to the field`);
  }
  if (key === 'iterationId' && !field.iterations.some((iteration) => iteration.id === raw)) {
    throw new ProjectError('UNPROCESSABLE', `The iteration Id does not belong to the field`);
  }
  if (key === 'date' && !/^\d{4}-\d{2}-\d{2}/.test(String(raw))) throw new ProjectError('UNPROCESSABLE', `${String(raw)} is not a valid date`);
  if (key === 'date') return { date: String(raw).slice(0, 10) };
  return { [key]: raw } as SimFieldValue;
}
