// The simulator's side of an install: installation events as GitHub sends them, and the
// installation's repositories listed page by page, every request checked against the OpenAPI description.
import { afterEach, describe, expect, it } from '@jest/globals';
import { clientFor, INSTALLATION, simWithRepo, where, type SimFixture } from '../sim/client.js';

let fixture: SimFixture;
afterEach(async () => fixture?.sim.close());

describe('simulated installation', () => {
  it('lists the installation repositories in pages, and only its own', async () => {
    fixture = await simWithRepo({ validateRequests: true });
    const { sim, octokit } = fixture;
    sim.seedRepository({ owner: 'acme', repo: 'api', installationId: INSTALLATION });
    sim.seedRepository({ owner: 'acme', repo: 'docs', installationId: INSTALLATION });
    sim.seedRepository({ owner: 'other', repo: 'site', installationId: INSTALLATION + 1 });
    const first = await octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 2 });
    expect(first.data.total_count).toBe(3);
    expect(first.data.repositories).toHaveLength(2);
    expect(first.headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 2 });
    expect(all.map((repository) => repository.full_name)).toEqual(['acme/web', 'acme/api', 'acme/docs']);
    expect(all[0]).toMatchObject({ default_branch: 'main', owner: { login: 'acme' } });
    const other = await clientFor(sim, INSTALLATION + 1).paginate(clientFor(sim, INSTALLATION + 1).rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    expect(other.map((repository) => repository.full_name)).toEqual(['other/site']);
    expect(sim.violations).toEqual([]);
  });

  it('sends installation.created and installation_repositories.added naming the repositories', async () => {
    fixture = await simWithRepo();
    const { sim } = fixture;
    sim.registerApp({ appId: 31337, slug: 'planbot' });
    sim.seedRepository({ owner: 'acme', repo: 'api', installationId: INSTALLATION });
    const created = sim.installApp({ installationId: INSTALLATION, repos: [where], as: 'admin' });
    expect(created.name).toBe('installation');
    expect(created.payload).toMatchObject({ action: 'created', installation: { id: INSTALLATION, app_id: 31337, account: { login: 'acme' } }, sender: { login: 'admin' } });
    expect(created.payload.repositories.map((repository: any) => repository.full_name)).toEqual(['acme/web']);
    const added = sim.installApp({ installationId: INSTALLATION, repos: [{ owner: 'acme', repo: 'api' }], added: true });
    expect(added.payload).toMatchObject({ action: 'added', repository_selection: 'selected', repositories_removed: [] });
    expect(added.payload.repositories_added.map((repository: any) => repository.full_name)).toEqual(['acme/api']);
    expect(sim.events.slice(-2).map((event) => event.id)).toEqual([created.id, added.id]);
    expect(() => sim.installApp({ installationId: INSTALLATION + 1, repos: [where] })).toThrow(/belongs to installation 77/);
  });
});
