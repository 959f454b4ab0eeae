// Sends the board actions, in order. A refused permission or a spent points budget stops the
// board (one note) without failing the rest of the sync.
import type { Logger } from 'pino';
import type { GitHub, ProjectBoard, ProjectsUnavailable } from '../github/github.js';
import { ProjectsRateLimitError, unavailableFrom } from '../github/projects-graphql.js';
import type { BoardAction } from './actions.js';

export function isUnavailable(answer: ProjectBoard | ProjectsUnavailable): answer is ProjectsUnavailable {
  return 'unavailable' in answer;
}

export interface ApplyOutcome {
  applied: number;
  complete: boolean;
  note: string | null;
}

export async function applyBoardActions(github: GitHub, actions: readonly BoardAction[], log: Pick<Logger, 'warn'>): Promise<ApplyOutcome> {
  const added = new Map<string, string>();
  let applied = 0;
  for (const action of actions) {
    try {
      if (action.kind === 'add-project-item') {
        added.set(action.contentId, await github.addProjectItem(action.projectId, action.contentId));
      } else if (action.kind === 'set-project-field') {
        const itemId = action.itemId ?? added.get(action.contentId);
        if (!itemId) throw new Error(`no Project item for #${action.issue}`);
        await github.setProjectItemField(action.projectId, itemId, action.fieldId, action.value);
      } else {
        await github.clearProjectItemField(action.projectId, action.itemId, action.fieldId);
      }
      applied++;
    } catch (error) {
      if (unavailableFrom(error)) {
        log.warn({ err: error }, 'the Project refused a change; board skipped');
        return { applied, complete: false, note: 'The Project board was skipped: GitHub refused the change (is the `organization_projects` permission granted?).' };
      }
      if (error instanceof ProjectsRateLimitError) {
        log.warn({ err: error }, 'GraphQL points budget spent; board sync paused');
        return { applied, complete: false, note: `The Project board is partly synced: ${error.message}. The next change finishes it.` };
      }
      throw error;
    }
  }
  return { applied, complete: true, note: null };
}
