// Sub-issues and dependencies are missing on some repositories and older GitHub Enterprise
// Server versions. planbot then keeps the links in the issue bodies and says so once per process
// for each repository and API, not on every sync.
import type { Logger } from 'pino';
import { statusOf } from './errors.js';

/** The two relation APIs planbot uses. */
export type RelationApi = 'sub_issues' | 'dependencies';

/** A write answered like this may mean "this API does not exist here": confirm with a read. */
export function mayMeanUnsupported(error: unknown): boolean {
  const status = statusOf(error);
  return status === 404 || status === 410 || status === 422;
}

/** A read answered like this means the API is not there (a read has nothing to validate, so 422 counts too). */
export function meansUnsupported(error: unknown): boolean {
  return mayMeanUnsupported(error);
}

const noted = new Set<string>();

export function noteUnsupportedOnce(
  log: Pick<Logger, 'warn'>,
  repository: string,
  api: RelationApi,
  status: number | undefined,
): void {
  const key = `${repository.toLowerCase()} ${api}`;
  if (noted.has(key)) return;
  noted.add(key);
  const what = api === 'sub_issues' ? 'sub-issues' : 'issue dependencies (blocked by)';
  log.warn(
    { api, status, repository },
    `GitHub's ${what} API is not available for ${repository}; planbot links the issues in their bodies instead`,
  );
}

/** Tests only: forget what was noted. */
export function resetUnsupportedNotes(): void {
  noted.clear();
}
