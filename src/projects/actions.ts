// The board changes as plain data: what the dry run prints and the apply step sends.
import type { ProjectFieldValue } from '../github/github.js';

export type BoardFieldKey = 'status' | 'phase' | 'feature' | 'target_date' | 'iteration';

export type BoardAction =
  | { kind: 'add-project-item'; projectId: string; contentId: string; issue: number }
  | {
      kind: 'set-project-field';
      projectId: string;
      /** null: the item this sync adds for `contentId`. */
      itemId: string | null;
      contentId: string;
      issue: number;
      field: BoardFieldKey;
      fieldId: string;
      value: ProjectFieldValue;
      /** The value as people read it (`In Progress`, `2026-12-24`). */
      shown: string;
    }
  | { kind: 'clear-project-field'; projectId: string; itemId: string; contentId: string; issue: number; field: BoardFieldKey; fieldId: string };

/** One line per action, for the dry run and logs. */
export function describeBoardAction(action: BoardAction): string {
  switch (action.kind) {
    case 'add-project-item':
      return `add #${action.issue} to the board`;
    case 'set-project-field':
      return `set ${action.field.replace('_', ' ')} of #${action.issue}'s card to ${action.shown}`;
    case 'clear-project-field':
      return `clear ${action.field.replace('_', ' ')} of #${action.issue}'s card`;
  }
}

/** The action as `planbot issues --dry-run --json` prints it (docs/cli.md). */
export function boardActionJson(action: BoardAction): { kind: BoardAction['kind']; issue: number; reason: string; [field: string]: unknown } {
  const reason = describeBoardAction(action);
  switch (action.kind) {
    case 'add-project-item':
      return { kind: action.kind, issue: action.issue, projectId: action.projectId, reason };
    case 'set-project-field':
      return { kind: action.kind, issue: action.issue, field: action.field, value: action.shown, itemId: action.itemId, reason };
    case 'clear-project-field':
      return { kind: action.kind, issue: action.issue, field: action.field, itemId: action.itemId, reason };
  }
}
