// Repository metadata and collaborator permissions.
import { inRepo, type SimContext } from '../context.js';
import { repoJson, userJson } from '../render.js';
import type { Router } from '../router.js';

export function repoRoutes(router: Router, ctx: SimContext): void {
  router.add('GET', '/repos/{owner}/{repo}', inRepo(ctx, (_request, repo) => ({ status: 200, body: repoJson(repo, ctx.urls()) })));

  router.add(
    'GET',
    '/repos/{owner}/{repo}/collaborators/{username}/permission',
    inRepo(ctx, (request, repo) => {
      const permission = ctx.state.permission(repo, request.params.username);
      // The REST answer folds maintain/triage into the classic four; role_name keeps the detail.
      const classic = permission === 'maintain' ? 'write' : permission === 'triage' ? 'read' : permission;
      const user = ctx.state.user(request.params.username);
      return { status: 200, body: { permission: classic, role_name: permission, user: { ...userJson(user, ctx.urls()), permissions: permissionFlags(permission) } } };
    }),
  );
}

function permissionFlags(permission: string) {
  const rank = ['none', 'read', 'triage', 'write', 'maintain', 'admin'].indexOf(permission);
  return { pull: rank >= 1, triage: rank >= 2, push: rank >= 3, maintain: rank >= 4, admin: rank >= 5 };
}
