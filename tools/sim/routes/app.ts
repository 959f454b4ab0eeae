// The GitHub App's own endpoints (JWT-authenticated) and installation lookups.
import { inRepo, type SimContext } from '../context.js';
import { HttpError, notFound, paginate, type Router } from '../router.js';
import { repoJson, userJson } from '../render.js';

export function appRoutes(router: Router, ctx: SimContext): void {
  router.add('GET', '/app', (request) => {
    const app = requireApp(ctx, request.appId);
    const urls = ctx.urls();
    const owner = ctx.state.user('planbot-org', 'Organization');
    return {
      status: 200,
      body: {
        id: app.appId,
        slug: app.slug,
        node_id: Buffer.from(`03:Integration${app.appId}`).toString('base64'),
        owner: userJson(owner, urls),
        name: app.name,
        description: 'Simulated GitHub App',
        external_url: urls.web,
        html_url: `${urls.web}/apps/${app.slug}`,
        created_at: '2025-01-01T00:00:00Z',
        updated_at: '2025-01-01T00:00:00Z',
        permissions: { checks: 'write', contents: 'write', issues: 'write', pull_requests: 'read', metadata: 'read', statuses: 'read' },
        events: ['check_run', 'check_suite', 'create', 'issue_comment', 'issues', 'merge_group', 'pull_request', 'pull_request_review', 'push', 'status'],
        installations_count: new Set([...ctx.state.repos.values()].map((repo) => repo.installationId)).size,
      },
    };
  });

  router.add('POST', '/app/installations/{installation_id}/access_tokens', (request) => {
    const app = requireApp(ctx, request.appId);
    const installationId = Number(request.params.installation_id);
    const repos = [...ctx.state.repos.values()].filter((repo) => repo.installationId === installationId);
    if (repos.length === 0) throw notFound();
    const token = ctx.auth.issueToken(installationId, app.appId);
    return {
      status: 201,
      body: {
        token: token.token,
        expires_at: new Date(token.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        permissions: { checks: 'write', contents: 'write', issues: 'write', metadata: 'read', pull_requests: 'read', statuses: 'read', ...projectsPermission(ctx, installationId) },
        repository_selection: 'all',
      },
    };
  });

  router.add(
    'GET',
    '/repos/{owner}/{repo}/installation',
    inRepo(ctx, (request, repo) => {
      requireApp(ctx, request.appId);
      return { status: 200, body: { id: repo.installationId, account: userJson(repo.owner, ctx.urls()), app_id: request.appId, target_type: repo.owner.type } };
    }),
  );

  router.add('GET', '/installation/repositories', (request) => {
    const urls = ctx.urls();
    const repos = [...ctx.state.repos.values()].filter((repo) => repo.installationId === request.installationId);
    // Paginated like GitHub's (per_page ≤ 100, Link header), so a backfill of many repositories reads every page.
    const page = paginate(repos, request, `${urls.api}/installation/repositories`);
    return { status: 200, body: { total_count: repos.length, repository_selection: 'all', repositories: page.items.map((repo) => repoJson(repo, urls)) }, headers: page.headers };
  });
}

/** `organization_projects` as the installation holds it (absent once a test took it away). */
function projectsPermission(ctx: SimContext, installationId: number): Record<string, string> {
  const permission = ctx.state.projects.permission(installationId);
  return permission === 'none' ? {} : { organization_projects: permission };
}

function requireApp(ctx: SimContext, appId: number | null) {
  if (appId === null) throw new HttpError(401, 'A JSON web token could not be decoded');
  return ctx.auth.app(appId) ?? { ...ctx.auth.defaultApp(), appId };
}
