// planbot's own check runs complete the moment they are created, and GitHub tells every app with
// checks permission about them: reacting would loop. Recognised by name and, when known, by app id.
import { isPlanbotCheckName } from './names.js';

export interface CheckRunIdentity {
  name?: string | null;
  app?: { id?: number | null } | null;
  check_suite?: { app?: { id?: number | null } | null } | null;
}

/** The app id from the environment Probot runs with (APP_ID); null when unknown (token auth). */
export function configuredAppId(env: Record<string, string | undefined> = process.env): number | null {
  const id = Number(env.APP_ID);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export function isOwnCheckRun(run: CheckRunIdentity, appId: number | null = configuredAppId()): boolean {
  if (isPlanbotCheckName(run.name)) return true;
  if (appId === null) return false;
  return run.app?.id === appId || run.check_suite?.app?.id === appId;
}
