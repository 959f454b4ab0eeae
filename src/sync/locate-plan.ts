// Where a ticked box must be written: the plan on the feature branch while that branch exists,
// the plan on the default branch once the feature is merged and its branch deleted.
import type { GitHub, RepoCoordinates, RepoFile } from '../github/github.js';
import { FileTooLargeError, NotTextError } from '../github/errors.js';

export type PlanLocation = { found: true; file: RepoFile } | { found: false; reason: string };

export interface LocatePlanInput {
  path: string;
  featureBranch: string;
  defaultBranch: string;
}

type PlanReader = Pick<GitHub, 'readFile' | 'branchExists'>;

/**
 * Requests: 1 when the plan is on the feature branch (the usual case). When it is not: 1 more to
 * tell "branch gone" from "file gone" (GET /branches/{branch}), and 1 more to read the default branch.
 */
export async function locatePlan(github: PlanReader, where: RepoCoordinates, input: LocatePlanInput): Promise<PlanLocation> {
  const { path, featureBranch, defaultBranch } = input;
  const onFeature = await readPlanAt(github, where, path, featureBranch);
  if (onFeature !== null) return onFeature;
  if (featureBranch !== defaultBranch && (await github.branchExists(where, featureBranch))) {
    return { found: false, reason: `\`${path}\` does not exist on branch \`${featureBranch}\`` };
  }
  const onDefault = await readPlanAt(github, where, path, defaultBranch);
  return (
    onDefault ?? {
      found: false,
      reason: `the branch \`${featureBranch}\` is gone and \`${path}\` does not exist on \`${defaultBranch}\``,
    }
  );
}

/** The file, a final refusal (a file planbot will not edit), or null when it does not exist. */
export async function readPlanAt(github: Pick<GitHub, 'readFile'>, where: RepoCoordinates, path: string, branch: string): Promise<PlanLocation | null> {
  try {
    const file = await github.readFile(where, path, branch);
    return file && { found: true, file };
  } catch (error) {
    if (error instanceof FileTooLargeError || error instanceof NotTextError) return { found: false, reason: error.message };
    throw error;
  }
}
