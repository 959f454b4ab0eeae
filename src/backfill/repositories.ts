// Which repositories an installation event hands to planbot: the payload lists them
// (`repositories` on installation.created, `repositories_added` on installation_repositories.added);
// only when it does not is the installation asked (GET /installation/repositories, paginated).
import type { Context } from 'probot';
import type { BackfillRepository } from './lane.js';

export async function repositoriesToBackfill(context: Pick<Context, 'name' | 'payload' | 'octokit'>): Promise<BackfillRepository[]> {
  const payload = context.payload as any;
  if (typeof payload.installation?.id !== 'number') return [];
  const listed: unknown = context.name === 'installation_repositories' ? payload.repositories_added : payload.repositories;
  if (Array.isArray(listed)) return listed.filter(isRepository);
  const all = await context.octokit.paginate(context.octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return (all as unknown[]).filter(isRepository);
}

function isRepository(value: unknown): value is BackfillRepository {
  const repository = value as Partial<BackfillRepository> | null;
  return typeof repository?.id === 'number' && typeof repository.full_name === 'string' && repository.full_name.includes('/');
}
