// Labels planbot puts on its issues. They are created only when an issue create reports them
// missing, never checked on every sync.
import type { Octokit, RepoCoordinates } from './files.js';
import { statusOf } from './files.js';

const STYLES: Record<string, { color: string; description: string }> = {
  planbot: { color: '5319e7', description: 'Kept in step with a plan by planbot' },
  'planbot:tracking': { color: '0e8a16', description: "Tracks a feature's implementation plan (planbot)" },
};
const DEFAULT_STYLE = { color: 'c5def5', description: 'Added by planbot' };

/** True when GitHub refused an issue write because of its labels (e.g. a label that does not exist). */
export function isLabelError(error: unknown): boolean {
  const status = statusOf(error);
  if (status !== 422 && status !== 404) return false;
  return mentions(error, /label/i);
}

/** Creates each label; one that already exists (422 already_exists) is fine. Returns the writes made. */
export async function createLabels(octokit: Octokit, where: RepoCoordinates, names: string[]): Promise<number> {
  let writes = 0;
  for (const name of [...new Set(names)]) {
    const style = STYLES[name] ?? DEFAULT_STYLE;
    writes++;
    try {
      await octokit.rest.issues.createLabel({ ...where, name, color: style.color, description: style.description });
    } catch (error) {
      if (statusOf(error) === 422 && mentions(error, /already_exists|already exists/i)) continue;
      throw error;
    }
  }
  return writes;
}

/** Whether GitHub's error message or its `errors` entries match. */
export function mentions(error: unknown, pattern: RegExp): boolean {
  const response = (error as { response?: { data?: any } })?.response?.data;
  const parts: string[] = [String((error as Error)?.message ?? '')];
  if (response) {
    parts.push(String(response.message ?? ''));
    for (const entry of Array.isArray(response.errors) ? response.errors : []) {
      parts.push(typeof entry === 'string' ? entry : JSON.stringify(entry));
    }
  }
  return parts.some((part) => pattern.test(part));
}
