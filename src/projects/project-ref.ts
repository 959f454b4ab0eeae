// Which Project the config names: `{ org, number }` or a Project URL (orgs/… or users/…).
import type { ProjectRef } from '../github/github.js';
import type { PlanbotConfig } from '../config/schema.js';

export type ProjectsConfig = NonNullable<PlanbotConfig['projects']>;

export function projectRefOf(config: ProjectsConfig): ProjectRef {
  const project = config.project;
  // The schema checked that it is `org` + `number`, or a Project URL; this only takes it apart.
  if (project.url === undefined) return { ownerType: 'organization', login: project.org!, number: project.number! };
  const match = /\/(orgs|users)\/([^/]+)\/projects\/(\d+)/.exec(project.url)!;
  return { ownerType: match[1] === 'orgs' ? 'organization' : 'user', login: decodeURIComponent(match[2]), number: Number(match[3]) };
}
