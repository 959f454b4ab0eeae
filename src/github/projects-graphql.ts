// GitHub Projects (v2) over octokit.graphql: the boundary's Projects methods. GraphQL answers 200
// with `errors` for most refusals (octokit throws GraphqlResponseError then): a refused permission
// or an unknown Project becomes a ProjectsUnavailable value (the board is skipped with a note),
// a spent points budget a ProjectsRateLimitError, anything else an error naming the operation.
import type { ProjectBoard, ProjectField, ProjectFieldValue, ProjectItem, ProjectRef, ProjectsUnavailable } from './github.js';
import { ADD_ITEM, CLEAR_FIELD, READ_ORG_BOARD, READ_USER_BOARD, SET_FIELD } from './projects-queries.js';

/** What this file needs of an Octokit: its graphql function. */
export interface GraphqlClient {
  graphql: <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
}

/** The points budget ran out (`RATE_LIMITED` inside a 200 answer, or a 403 with no points left). */
export class ProjectsRateLimitError extends Error {
  readonly status = 403;
  constructor(
    readonly operation: string,
    /** ISO time the budget refills, when GitHub said. */
    readonly resetAt: string | null,
  ) {
    super(`GitHub's GraphQL points budget is spent (${operation})${resetAt ? `; it refills at ${resetAt}` : ''}`);
    this.name = 'ProjectsRateLimitError';
  }
}

/** An answer with errors that are no refusal: the operation and GitHub's messages. */
export class ProjectsGraphqlError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: GraphqlErrorEntry[],
  ) {
    super(`GitHub refused ${operation}: ${errors.map((error) => `${error.type ? `${error.type}: ` : ''}${error.message}`).join('; ')}`);
    this.name = 'ProjectsGraphqlError';
  }
}

interface GraphqlErrorEntry {
  type?: string;
  message: string;
  path?: Array<string | number>;
}

/** At most this many pages (100 items each): a runaway board must not spend the budget. */
export const MAX_BOARD_PAGES = 50;

export async function readProjectBoard(client: GraphqlClient, project: ProjectRef): Promise<ProjectBoard | ProjectsUnavailable> {
  const query = project.ownerType === 'organization' ? READ_ORG_BOARD : READ_USER_BOARD;
  const operation = 'reading the Project';
  let board: ProjectBoard | null = null;
  let cursor: string | null = null;
  for (let page = 0; page < MAX_BOARD_PAGES; page++) {
    let data: any;
    try {
      data = await client.graphql<any>(query, { login: project.login, number: project.number, cursor });
    } catch (error) {
      const unavailable = unavailableFrom(error);
      if (unavailable) return unavailable;
      throw translate(error, operation);
    }
    const node = data?.owner?.projectV2;
    if (!node) return { unavailable: 'not-found', message: `Project ${describe(project)} was not found` };
    board ??= { id: node.id, title: node.title ?? '', fields: (node.fields?.nodes ?? []).filter(Boolean).map(toField), items: [] };
    board.items.push(...(node.items?.nodes ?? []).filter(Boolean).map(toItem));
    if (typeof data?.rateLimit?.remaining === 'number') board.pointsRemaining = data.rateLimit.remaining;
    const info = node.items?.pageInfo;
    if (!info?.hasNextPage || !info.endCursor) break;
    cursor = info.endCursor;
  }
  return board!;
}

export async function addProjectItem(client: GraphqlClient, projectId: string, contentId: string): Promise<string> {
  const data = await send<any>(client, ADD_ITEM, { projectId, contentId }, 'adding a Project item');
  const id = data?.addProjectV2ItemById?.item?.id;
  if (typeof id !== 'string') throw new Error('GitHub answered adding a Project item without the item');
  return id;
}

export async function setProjectItemField(client: GraphqlClient, projectId: string, itemId: string, fieldId: string, value: ProjectFieldValue): Promise<void> {
  await send(client, SET_FIELD, { projectId, itemId, fieldId, value }, 'setting a Project field');
}

export async function clearProjectItemField(client: GraphqlClient, projectId: string, itemId: string, fieldId: string): Promise<void> {
  await send(client, CLEAR_FIELD, { projectId, itemId, fieldId }, 'clearing a Project field');
}

async function send<T>(client: GraphqlClient, query: string, variables: Record<string, unknown>, operation: string): Promise<T> {
  try {
    return await client.graphql<T>(query, variables);
  } catch (error) {
    throw translate(error, operation);
  }
}

/** A refused permission or an unknown Project: the board is skipped, the sync goes on. */
export function unavailableFrom(error: unknown): ProjectsUnavailable | null {
  const errors = errorsOf(error);
  const forbidden = errors.find((entry) => entry.type === 'FORBIDDEN' || /Resource not accessible by integration/i.test(entry.message));
  if (forbidden || (statusOfError(error) === 403 && /not accessible by integration/i.test(messageOf(error)))) {
    return { unavailable: 'forbidden', message: forbidden?.message ?? messageOf(error) };
  }
  const missing = errors.find((entry) => entry.type === 'NOT_FOUND');
  if (missing) return { unavailable: 'not-found', message: missing.message };
  return null;
}

function translate(error: unknown, operation: string): Error {
  const errors = errorsOf(error);
  if (errors.some((entry) => entry.type === 'RATE_LIMITED') || (statusOfError(error) === 403 && headerOf(error, 'x-ratelimit-remaining') === '0')) {
    const reset = Number(headerOf(error, 'x-ratelimit-reset'));
    return new ProjectsRateLimitError(operation, Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : null);
  }
  if (errors.length > 0) return new ProjectsGraphqlError(operation, errors);
  return error instanceof Error ? error : new Error(`${operation}: ${String(error)}`);
}

function errorsOf(error: unknown): GraphqlErrorEntry[] {
  const candidate = error as { errors?: unknown; response?: { data?: { errors?: unknown } } } | null;
  const list = candidate?.errors ?? candidate?.response?.data?.errors;
  return Array.isArray(list) ? list.filter((entry) => entry && typeof entry.message === 'string') : [];
}

function statusOfError(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function headerOf(error: unknown, name: string): string | undefined {
  const candidate = error as { headers?: Record<string, unknown>; response?: { headers?: Record<string, unknown> } } | null;
  const value = candidate?.headers?.[name] ?? candidate?.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

function describe(project: ProjectRef): string {
  return `${project.ownerType === 'organization' ? 'orgs' : 'users'}/${project.login}/projects/${project.number}`;
}

function toField(node: any): ProjectField {
  const field: ProjectField = { id: String(node.id ?? ''), name: String(node.name ?? ''), dataType: String(node.dataType ?? node.__typename ?? '') };
  if (Array.isArray(node.options)) field.options = node.options.map((option: any) => ({ id: String(option.id), name: String(option.name) }));
  const configuration = node.configuration;
  if (configuration) {
    field.iterations = [...(configuration.iterations ?? []), ...(configuration.completedIterations ?? [])].map((iteration: any) => ({
      id: String(iteration.id),
      title: String(iteration.title),
      startDate: String(iteration.startDate),
      duration: Number(iteration.duration),
    }));
  }
  return field;
}

function toItem(node: any): ProjectItem {
  const values: Record<string, ProjectFieldValue> = {};
  for (const value of node.fieldValues?.nodes ?? []) {
    const fieldId = value?.field?.id;
    if (typeof fieldId !== 'string') continue;
    if (typeof value.optionId === 'string') values[fieldId] = { singleSelectOptionId: value.optionId };
    else if (typeof value.number === 'number') values[fieldId] = { number: value.number };
    else if (typeof value.text === 'string') values[fieldId] = { text: value.text };
    else if (typeof value.date === 'string') values[fieldId] = { date: value.date.slice(0, 10) };
    else if (typeof value.iterationId === 'string') values[fieldId] = { iterationId: value.iterationId };
  }
  const content = node.content;
  return { id: String(node.id), contentId: typeof content?.id === 'string' ? content.id : null, archived: node.isArchived === true, values };
}
