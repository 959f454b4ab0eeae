// The Action's inputs as GitHub passes them: INPUT_<NAME> with the name upper-cased and hyphens
// kept (`fail-on` → INPUT_FAIL-ON). An input the workflow leaves out arrives as "" or not at all.

export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ActionInputs {
  /** Glob of plan files, relative to the workspace; null: derived from plan.path in the config. */
  path: string | null;
  failOn: FailOn;
  /** Config file relative to the workspace; null: .github/planbot.yml when present. */
  config: string | null;
}

export class InputError extends Error {}

export function input(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
  return value ? value : null;
}

export function readInputs(env: NodeJS.ProcessEnv): ActionInputs {
  const failOn = (input(env, 'fail-on') ?? 'error').toLowerCase();
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new InputError(`input fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  }
  return { path: input(env, 'path'), failOn: failOn as FailOn, config: input(env, 'config') };
}
