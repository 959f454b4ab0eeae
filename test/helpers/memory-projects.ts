// An in-memory GitHub Project (v2) for MemoryGitHub: fields, options, iterations, items and their
// values, changed as GitHub's Projects mutations change them.
import type { ProjectBoard, ProjectField, ProjectFieldValue, ProjectItem, ProjectsUnavailable } from '../../src/github/github.js';

export class MemoryProject {
  id = 'PVT_memory';
  title = 'Roadmap';
  fields: ProjectField[] = [];
  items: ProjectItem[] = [];
  /** Set: every read answers this (the installation lacks `organization_projects`, or no such Project). */
  unavailable: ProjectsUnavailable | null = null;
  private nextId = 1;

  /** A board with the fields planbot's defaults name (Status with Todo / In Progress / Done, Phase, Feature, Target date, Iteration). */
  static standard(): MemoryProject {
    const project = new MemoryProject();
    project.fields = [
      { id: 'F_title', name: 'Title', dataType: 'TITLE' },
      {
        id: 'F_status',
        name: 'Status',
        dataType: 'SINGLE_SELECT',
        options: [
          { id: 'O_todo', name: 'Todo' },
          { id: 'O_progress', name: 'In Progress' },
          { id: 'O_done', name: 'Done' },
        ],
      },
      { id: 'F_phase', name: 'Phase', dataType: 'NUMBER' },
      { id: 'F_feature', name: 'Feature', dataType: 'TEXT' },
      { id: 'F_date', name: 'Target date', dataType: 'DATE' },
      {
        id: 'F_iteration',
        name: 'Iteration',
        dataType: 'ITERATION',
        iterations: [
          { id: 'I_11', title: 'Sprint 11', startDate: '2026-11-16', duration: 14 },
          { id: 'I_12', title: 'Sprint 12', startDate: '2026-11-30', duration: 14 },
        ],
      },
    ];
    return project;
  }

  read(): ProjectBoard | ProjectsUnavailable {
    if (this.unavailable) return { ...this.unavailable };
    return structuredClone({ id: this.id, title: this.title, fields: this.fields, items: this.items });
  }

  add(projectId: string, contentId: string): string {
    this.check(projectId);
    const existing = this.items.find((item) => item.contentId === contentId);
    if (existing) return existing.id;
    const item: ProjectItem = { id: `PVTI_${this.nextId++}`, contentId, archived: false, values: {} };
    this.items.push(item);
    return item.id;
  }

  set(projectId: string, itemId: string, fieldId: string, value: ProjectFieldValue): void {
    this.check(projectId);
    this.item(itemId).values[fieldId] = structuredClone(value);
  }

  clear(projectId: string, itemId: string, fieldId: string): void {
    this.check(projectId);
    delete this.item(itemId).values[fieldId];
  }

  /** The card of an issue (by node id), for assertions and for "a person moved it". */
  itemOf(contentId: string): ProjectItem | undefined {
    return this.items.find((item) => item.contentId === contentId);
  }

  /** The option name an item's Status shows. */
  statusOf(contentId: string): string | undefined {
    const value = this.itemOf(contentId)?.values.F_status;
    const optionId = value && 'singleSelectOptionId' in value ? value.singleSelectOptionId : undefined;
    return this.fields.find((field) => field.id === 'F_status')?.options?.find((option) => option.id === optionId)?.name;
  }

  private check(projectId: string): void {
    if (projectId !== this.id) throw new Error(`no Project ${projectId}`);
  }

  private item(itemId: string): ProjectItem {
    const item = this.items.find((candidate) => candidate.id === itemId);
    if (!item) throw new Error(`no Project item ${itemId}`);
    return item;
  }
}
