// Which repositories an installation event hands to planbot: the payload lists them
// (`repositories` on installation.created, `repositories_added` on installation_repositories.added);
// only when it does not is the installation asked (GET /installation/repositories, paginated).
import type { InstalledRepository } from '../github/github.js';
import type { Job } from '../job/job.js';

export async function repositoriesToBackfill(job: Pick<Job, 'name' | 'payload' | 'github'>): Promise<InstalledRepository[]> {
  const payload = job.payload as any;
  if (typeof payload.installation?.id !== 'number') return [];
  const listed: unknown = job.name === 'installation_repositories' ? payload.repositories_added : payload.repositories;
  if (Array.isArray(listed)) return listed.filter(isRepository);
  return (await job.github.listInstallationRepositories()).filter(isRepository);
}

function isRepository(value: unknown): value is InstalledRepository {
  const repository = value as Partial<InstalledRepository> | null;
  return typeof repository?.id === 'number' && typeof repository.full_name === 'string' && repository.full_name.includes('/');
}
