// Who may drive planbot: people with at least write access to the repository (configurable upwards).
// One request: GET /repos/{owner}/{repo}/collaborators/{username}/permission.
import type { GitHub, RepoCoordinates } from '../github/github.js';

export type RequiredRole = 'write' | 'maintain' | 'admin';

const RANK: Record<string, number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export interface Access {
  allowed: boolean;
  /** The role GitHub reported (`role_name`, else the legacy `permission`), e.g. `read`. */
  role: string;
}

/**
 * Whether `username` may run planbot commands. `role_name` is precise (maintain, triage, custom role
 * names); `permission` is the legacy level a custom role is based on, so the higher of the two counts.
 * No collaborator (GitHub's 404) means no access.
 */
export async function accessOf(
  github: Pick<GitHub, 'collaboratorPermission'>,
  where: RepoCoordinates,
  username: string,
  required: RequiredRole = 'write',
): Promise<Access> {
  const data = await github.collaboratorPermission(where, username);
  if (data === null) return { allowed: false, role: 'none' };
  const rank = Math.max(RANK[data.role_name ?? ''] ?? 0, RANK[data.permission ?? ''] ?? 0);
  return { allowed: rank >= RANK[required], role: data.role_name ?? data.permission ?? 'none' };
}
