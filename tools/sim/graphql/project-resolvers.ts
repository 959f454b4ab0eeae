// The GraphQL root for the Projects (v2) operations: `organization`/`user` → `projectV2(number)`
// with fields and paginated items, `node`, `rateLimit`, and the item mutations. graphql-js runs
// the validated document against GitHub's schema with these plain objects: a property answers a
// field of the same name, a function is called with the field's arguments.
import type { SimContext } from '../context.js';
import { announceItemChanged } from '../project-events.js';
import { userJson } from '../render.js';
import { ProjectError, type SimFieldValue, type SimProject, type SimProjectField, type SimProjectItem } from '../projects.js';
import type { SimRequest } from '../router.js';
import type { SimIssue, SimRepo, SimUser } from '../state.js';

type Node = Record<string, unknown>;
type Args = Record<string, any>;

export interface RateLimitView {
  cost: number;
  limit: number;
  remaining: number;
  used: number;
  resetAt: string;
}

const MAX_PAGE = 100;

/** A GitHub connection over `list` (`first`/`after`, `last`/`before`), with GitHub's limits. */
function connection<T>(list: T[], args: Args, name: string, render: (value: T) => Node): Node {
  if (args.first == null && args.last == null) {
    throw new ProjectError('MISSING_PAGINATION_BOUNDARIES', `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`);
  }
  for (const key of ['first', 'last'] as const) {
    if (args[key] != null && args[key] > MAX_PAGE) throw new ProjectError('EXCESSIVE_PAGINATION', `Requesting ${args[key]} records on the \`${name}\` connection exceeds the \`${key}\` limit of ${MAX_PAGE} records.`);
  }
  const cursor = (index: number) => Buffer.from(`cursor:v2:${index + 1}`).toString('base64');
  const position = (text: string | null | undefined): number | null => {
    if (!text) return null;
    const match = /^cursor:v2:(\d+)$/.exec(Buffer.from(text, 'base64').toString('utf8'));
    if (!match) throw new ProjectError('INVALID_CURSOR_ARGUMENTS', `\`${text}\` does not appear to be a valid cursor.`);
    return Number(match[1]) - 1;
  };
  let start = 0;
  let end = list.length;
  const after = position(args.after);
  const before = position(args.before);
  if (after !== null) start = after + 1;
  if (before !== null) end = Math.min(end, before);
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = list.slice(start, end).map((value, offset) => ({ node: render(value), cursor: cursor(start + offset) }));
  return {
    nodes: slice.map((edge) => edge.node),
    edges: slice,
    totalCount: list.length,
    pageInfo: {
      hasNextPage: end < list.length,
      hasPreviousPage: start > 0,
      startCursor: slice[0]?.cursor ?? null,
      endCursor: slice[slice.length - 1]?.cursor ?? null,
    },
  };
}

export function projectRoot(ctx: SimContext, request: SimRequest, rateLimit: RateLimitView): Node {
  const store = ctx.state.projects;
  const web = () => ctx.urls().web;
  const caller = (): SimUser => request.actor ?? ctx.state.user(`${ctx.auth.defaultApp().slug}[bot]`, 'Bot');

  /** The installation must hold `organization_projects` and be installed where the project lives. */
  const allowed = (project: SimProject, write: boolean): void => {
    const permission = store.permission(request.installationId);
    const foreign = request.installationId !== null && project.installationId !== request.installationId;
    if (foreign || permission === 'none' || (write && permission !== 'write')) throw new ProjectError('FORBIDDEN', 'Resource not accessible by integration');
  };
  const projectFor = (projectId: string, write: boolean): SimProject => {
    const project = store.byId(projectId);
    if (!project) throw new ProjectError('NOT_FOUND', `Could not resolve to a node with the global id of '${projectId}'`);
    allowed(project, write);
    return project;
  };

  const issueNode = (repo: SimRepo, issue: SimIssue): Node => ({
    __typename: issue.isPullRequest ? 'PullRequest' : 'Issue',
    id: Buffer.from(`05:Issue${issue.id}`).toString('base64'),
    databaseId: issue.id,
    number: issue.number,
    title: issue.title,
    body: issue.body ?? '',
    state: issue.state.toUpperCase(),
    stateReason: issue.state_reason ? issue.state_reason.toUpperCase() : null,
    closed: issue.state === 'closed',
    url: `${web()}/${repo.full_name}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`,
    repository: { __typename: 'Repository', id: repo.node_id, name: repo.name, nameWithOwner: repo.full_name, owner: ownerNode(repo.owner) },
  });

  const fieldNode = (project: SimProject, field: SimProjectField): Node => {
    const common = { id: field.id, databaseId: field.databaseId, name: field.name, dataType: field.dataType, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z', project: () => projectNode(project) };
    const iteration = (value: SimProjectField['iterations'][number]) => ({ ...value, titleHTML: value.title });
    if (field.dataType === 'SINGLE_SELECT') {
      return {
        __typename: 'ProjectV2SingleSelectField',
        ...common,
        options: (args: Args) => field.options.filter((option) => !args.names || args.names.includes(option.name)).map((option) => ({ ...option, nameHTML: option.name, descriptionHTML: option.description })),
      };
    }
    if (field.dataType === 'ITERATION') {
      return { __typename: 'ProjectV2IterationField', ...common, configuration: { duration: field.iterations[0]?.duration ?? 14, startDay: 1, iterations: field.iterations.map(iteration), completedIterations: [] } };
    }
    return { __typename: 'ProjectV2Field', ...common };
  };

  const valueNode = (project: SimProject, item: SimProjectItem, field: SimProjectField, value: SimFieldValue): Node => {
    const common = { id: `PVTFSV_${item.id.slice(5)}_${field.databaseId}`, databaseId: field.databaseId, field: fieldNode(project, field), item: () => itemNode(project, item), createdAt: item.createdAt, updatedAt: item.updatedAt, creator: null };
    if ('singleSelectOptionId' in value) {
      const option = field.options.find((candidate) => candidate.id === value.singleSelectOptionId);
      return { __typename: 'ProjectV2ItemFieldSingleSelectValue', ...common, optionId: value.singleSelectOptionId, name: option?.name ?? null, nameHTML: option?.name ?? null, color: option?.color ?? 'GRAY', description: option?.description ?? null, descriptionHTML: option?.description ?? null };
    }
    if ('iterationId' in value) {
      const iteration = field.iterations.find((candidate) => candidate.id === value.iterationId);
      return { __typename: 'ProjectV2ItemFieldIterationValue', ...common, iterationId: value.iterationId, title: iteration?.title ?? '', titleHTML: iteration?.title ?? '', startDate: iteration?.startDate ?? null, duration: iteration?.duration ?? 0 };
    }
    if ('number' in value) return { __typename: 'ProjectV2ItemFieldNumberValue', ...common, number: value.number };
    if ('date' in value) return { __typename: 'ProjectV2ItemFieldDateValue', ...common, date: value.date };
    return { __typename: 'ProjectV2ItemFieldTextValue', ...common, text: value.text };
  };

  /** The values an item shows, in field order; Title always has one (the issue's title), as on GitHub. */
  const valuesOf = (project: SimProject, item: SimProjectItem): Node[] => {
    const content = store.content(item.contentId);
    return project.fields.flatMap((field) => {
      if (field.dataType === 'TITLE') return content ? [valueNode(project, item, field, { text: content.issue.title })] : [];
      const value = item.values.get(field.id);
      return value ? [valueNode(project, item, field, value)] : [];
    });
  };

  const itemNode = (project: SimProject, item: SimProjectItem): Node => {
    const content = store.content(item.contentId);
    return {
      __typename: 'ProjectV2Item',
      id: item.id,
      databaseId: item.databaseId,
      fullDatabaseId: String(item.databaseId),
      type: content?.issue.isPullRequest ? 'PULL_REQUEST' : 'ISSUE',
      isArchived: false,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
      content: content ? issueNode(content.repo, content.issue) : null,
      project: () => projectNode(project),
      fieldValues: (args: Args) => connection(valuesOf(project, item), args, 'fieldValues', (node) => node),
      fieldValueByName: (args: Args) => valuesOf(project, item).find((node) => (node.field as Node).name === args.name) ?? null,
    };
  };

  const projectNode = (project: SimProject): Node => ({
    __typename: 'ProjectV2',
    id: project.id,
    databaseId: project.databaseId,
    fullDatabaseId: String(project.databaseId),
    number: project.number,
    title: project.title,
    shortDescription: null,
    readme: null,
    public: false,
    closed: false,
    closedAt: null,
    template: false,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    url: `${web()}/${project.owner.type === 'Organization' ? 'orgs' : 'users'}/${project.owner.login}/projects/${project.number}`,
    resourcePath: `/${project.owner.type === 'Organization' ? 'orgs' : 'users'}/${project.owner.login}/projects/${project.number}`,
    viewerCanUpdate: store.permission(request.installationId) === 'write',
    owner: () => ownerNode(project.owner),
    field: (args: Args) => {
      const field = project.fields.find((candidate) => candidate.name === args.name);
      return field ? fieldNode(project, field) : null;
    },
    fields: (args: Args) => connection(project.fields, args, 'fields', (field) => fieldNode(project, field)),
    items: (args: Args) => connection(project.items, args, 'items', (item) => itemNode(project, item)),
  });

  function ownerNode(owner: SimUser): Node {
    const projects = () => store.projects.filter((project) => project.owner === owner);
    return {
      __typename: owner.type === 'Organization' ? 'Organization' : 'User',
      // The same node id REST shows for the account.
      id: userJson(owner, ctx.urls()).node_id,
      databaseId: owner.id,
      login: owner.login,
      name: owner.login,
      url: `${web()}/${owner.login}`,
      projectV2: (args: Args) => {
        const project = projects().find((candidate) => candidate.number === args.number);
        if (!project) throw new ProjectError('NOT_FOUND', `Could not resolve to a ProjectV2 with the number ${args.number}.`);
        allowed(project, false);
        return projectNode(project);
      },
      projectsV2: (args: Args) => {
        const visible = projects().filter((project) => store.permission(request.installationId) !== 'none' && (request.installationId === null || project.installationId === request.installationId));
        return connection(visible, args, 'projectsV2', projectNode);
      },
    };
  }

  const account = (login: string, type: 'Organization' | 'User'): Node => {
    const found = ctx.state.users.get(login.toLowerCase());
    if (!found || (type === 'Organization') !== (found.type === 'Organization')) {
      throw new ProjectError('NOT_FOUND', `Could not resolve to ${type === 'Organization' ? 'an Organization' : 'a User'} with the login of '${login}'.`);
    }
    return ownerNode(found);
  };

  /** The app's own item changes send `projects_v2_item` like a person's. */
  const announce = (project: SimProject, item: SimProjectItem, change?: { field: SimProjectField; from: SimFieldValue | undefined }) =>
    announceItemChanged(ctx, project, item, change ? 'edited' : 'created', caller(), 'app', change ? { ...change, to: item.values.get(change.field.id) } : undefined);

  return {
    rateLimit: () => rateLimit,
    /** With an installation token GitHub answers as the app's bot. */
    viewer: () => ({ ...ownerNode(caller()), __typename: 'User' }),
    organization: (args: Args) => account(args.login, 'Organization'),
    user: (args: Args) => account(args.login, 'User'),
    node: (args: Args) => {
      const project = store.byId(args.id);
      if (project) {
        allowed(project, false);
        return projectNode(project);
      }
      const content = store.content(args.id);
      if (content) return issueNode(content.repo, content.issue);
      for (const candidate of store.projects) {
        const item = candidate.items.find((entry) => entry.id === args.id);
        if (item) {
          allowed(candidate, false);
          return itemNode(candidate, item);
        }
      }
      throw new ProjectError('NOT_FOUND', `Could not resolve to a node with the global id of '${args.id}'`);
    },
    addProjectV2ItemById: (args: Args) => {
      const project = projectFor(args.input.projectId, true);
      const { item, created } = store.addItem(project, args.input.contentId, caller());
      if (created) announce(project, item);
      return { clientMutationId: args.input.clientMutationId ?? null, item: itemNode(project, item) };
    },
    updateProjectV2ItemFieldValue: (args: Args) => {
      const project = projectFor(args.input.projectId, true);
      const from = store.item(project, args.input.itemId).values.get(args.input.fieldId);
      const item = store.setValue(project, args.input.itemId, args.input.fieldId, args.input.value ?? {});
      announce(project, item, { field: store.field(project, args.input.fieldId), from });
      return { clientMutationId: args.input.clientMutationId ?? null, projectV2Item: itemNode(project, item) };
    },
    clearProjectV2ItemFieldValue: (args: Args) => {
      const project = projectFor(args.input.projectId, true);
      const from = store.item(project, args.input.itemId).values.get(args.input.fieldId);
      const item = store.clearValue(project, args.input.itemId, args.input.fieldId);
      if (from) announce(project, item, { field: store.field(project, args.input.fieldId), from });
      return { clientMutationId: args.input.clientMutationId ?? null, projectV2Item: itemNode(project, item) };
    },
  };
}
