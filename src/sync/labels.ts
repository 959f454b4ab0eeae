// Labels planbot puts on its issues, with their colours. They are created only when an issue create
// reports them missing, never checked on every sync.
import type { GitHub, RepoCoordinates } from '../github/github.js';

const STYLES: Record<string, { color: string; description: string }> = {
  planbot: { color: '5319e7', description: 'Kept in step with a plan by planbot' },
  'planbot:tracking': { color: '0e8a16', description: "Tracks a feature's implementation plan (planbot)" },
};
const DEFAULT_STYLE = { color: 'c5def5', description: 'Added by planbot' };

/** Creates each label, one request each; one that already exists is fine. Returns the writes made. */
export async function createLabels(github: GitHub, where: RepoCoordinates, names: string[]): Promise<number> {
  let writes = 0;
  for (const name of [...new Set(names)]) {
    const style = STYLES[name] ?? DEFAULT_STYLE;
    writes++;
    await github.createLabel(where, { name, color: style.color, description: style.description });
  }
  return writes;
}
