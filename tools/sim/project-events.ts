// `projects_v2_item` webhooks, shaped like GitHub's example payloads. GitHub sends them for
// organisation Projects only, and only to apps holding the `organization_projects` permission;
// both a person's change on the board and the app's own mutations send one.
import type { SimContext, SimEvent } from './context.js';
import { examplePayload } from './payloads.js';
import type { SimProject, SimProjectField, SimProjectItem, SimFieldValue } from './projects.js';
import { userJson } from './render.js';
import type { SimUser } from './state.js';

export type ItemAction = 'created' | 'edited';

/** A field's change as GitHub reports it in `changes.field_value`. */
export interface FieldChange {
  field: SimProjectField;
  from: SimFieldValue | undefined;
  to: SimFieldValue | undefined;
}

export function announceItemChanged(ctx: SimContext, project: SimProject, item: SimProjectItem, action: ItemAction, sender: SimUser, origin: SimEvent['origin'], change?: FieldChange): void {
  if (project.owner.type !== 'Organization') return;
  if (ctx.state.projects.permission(project.installationId) === 'none') return;
  const urls = ctx.urls();
  const payload = examplePayload('projects_v2_item', (candidate) => candidate.action === action);
  const owner = project.owner;
  const found = ctx.state.projects.content(item.contentId);
  payload.projects_v2_item = {
    ...payload.projects_v2_item,
    id: item.databaseId,
    node_id: item.id,
    project_node_id: project.id,
    content_node_id: item.contentId,
    content_type: found?.issue.isPullRequest ? 'PullRequest' : 'Issue',
    creator: { ...payload.projects_v2_item.creator, ...userJson(item.creator, urls) },
    created_at: item.createdAt,
    updated_at: item.updatedAt,
    archived_at: null,
  };
  if (change) {
    payload.changes = {
      field_value: {
        field_node_id: change.field.id,
        field_type: change.field.dataType.toLowerCase(),
        field_name: change.field.name,
        project_number: project.number,
        from: webhookValue(change.field, change.from),
        to: webhookValue(change.field, change.to),
      },
    };
  } else delete payload.changes;
  payload.organization = {
    login: owner.login,
    id: owner.id,
    node_id: userJson(owner, urls).node_id,
    url: `${urls.api}/orgs/${owner.login}`,
    repos_url: `${urls.api}/orgs/${owner.login}/repos`,
    avatar_url: `${urls.web}/avatars/${encodeURIComponent(owner.login)}`,
    description: '',
  };
  payload.sender = { ...payload.sender, ...userJson(sender, urls) };
  payload.installation = { id: project.installationId, node_id: Buffer.from(`023:IntegrationInstallation${project.installationId}`).toString('base64') };
  ctx.emit('projects_v2_item', payload, origin);
}

/** GitHub's `from`/`to`: the option or iteration object for those kinds, the plain value otherwise. */
function webhookValue(field: SimProjectField, value: SimFieldValue | undefined): unknown {
  if (!value) return null;
  if ('singleSelectOptionId' in value) {
    const option = field.options.find((candidate) => candidate.id === value.singleSelectOptionId);
    return option ? { id: option.id, name: option.name, color: option.color.toLowerCase(), description: option.description } : null;
  }
  if ('iterationId' in value) {
    const iteration = field.iterations.find((candidate) => candidate.id === value.iterationId);
    return iteration ? { id: iteration.id, title: iteration.title, duration: iteration.duration, start_date: iteration.startDate } : null;
  }
  if ('number' in value) return value.number;
  if ('date' in value) return `${value.date}T00:00:00+00:00`;
  return value.text;
}
