// Desired cards against the board and planbot's record → actions, the next record and notes.
// People win: a card whose Status differs from what planbot last set, while its phase's plan state
// (fingerprint) is unchanged, was moved by a person and is left alone.
import type { ProjectBoard, ProjectFieldValue, ProjectItem } from '../github/github.js';
import type { BoardAction, BoardFieldKey } from './actions.js';
import type { BoardRecord, BoardRecordEntry } from './board-record.js';
import type { ResolvedFields } from './board-fields.js';
import type { DesiredCard } from './desired.js';
import type { StatusKey } from './status.js';

export interface BoardDiff {
  actions: BoardAction[];
  record: BoardRecord;
  notes: string[];
  /** Issue numbers whose Status a person set and planbot left alone. */
  leftAlone: number[];
}

export function diffBoard(cards: readonly DesiredCard[], board: ProjectBoard, fields: ResolvedFields, record: BoardRecord, statusNames: Record<StatusKey, string>): BoardDiff {
  const actions: BoardAction[] = [];
  const next: BoardRecord = new Map();
  const notes: string[] = [];
  const leftAlone: number[] = [];
  const projectId = board.id;

  for (const card of cards) {
    const item = board.items.find((candidate) => candidate.contentId === card.contentId);
    // An archived card was put away by a person: planbot neither re-adds nor edits it.
    if (item?.archived) continue;
    if (!item) actions.push({ kind: 'add-project-item', projectId, contentId: card.contentId, issue: card.issue });
    const values = item?.values ?? {};
    const previous = record.get(card.issue);
    const entry: BoardRecordEntry = { status: card.status, fingerprint: card.fingerprint, setDate: false, setIteration: false };
    const set = (field: BoardFieldKey, fieldId: string, value: ProjectFieldValue, shown: string) => {
      if (item && sameValue(values[fieldId], value)) return;
      actions.push({ kind: 'set-project-field', projectId, itemId: item?.id ?? null, contentId: card.contentId, issue: card.issue, field, fieldId, value, shown });
    };
    const clear = (field: BoardFieldKey, fieldId: string, current: ProjectItem | undefined) => {
      if (current && values[fieldId]) actions.push({ kind: 'clear-project-field', projectId, itemId: current.id, contentId: card.contentId, issue: card.issue, field, fieldId });
    };

    if (fields.status) {
      const actual = optionOf(values[fields.status.id]);
      const movedByPerson =
        item !== undefined && previous !== undefined && previous.fingerprint === card.fingerprint && actual !== fields.status.options[previous.status];
      if (movedByPerson && actual !== fields.status.options[card.status]) {
        leftAlone.push(card.issue);
        entry.status = previous.status;
      } else {
        set('status', fields.status.id, { singleSelectOptionId: fields.status.options[card.status] }, statusNames[card.status]);
      }
    }
    if (fields.phase && card.phase !== null) set('phase', fields.phase.id, { number: card.phase }, String(card.phase));
    if (fields.feature) set('feature', fields.feature.id, { text: card.feature }, card.feature);
    if (fields.targetDate) {
      if (card.targetDate) {
        set('target_date', fields.targetDate.id, { date: card.targetDate }, card.targetDate);
        entry.setDate = true;
      } else if (previous?.setDate) {
        clear('target_date', fields.targetDate.id, item);
      }
    }
    if (fields.iteration) {
      const wanted = card.iteration ? fields.iteration.iterations.find((iteration) => sameTitle(iteration.title, card.iteration!)) : undefined;
      if (card.iteration && !wanted) notes.push(`#${card.issue}: the board has no iteration named "${card.iteration}"`);
      if (wanted) {
        set('iteration', fields.iteration.id, { iterationId: wanted.id }, wanted.title);
        entry.setIteration = true;
      } else if (!card.iteration && previous?.setIteration) {
        clear('iteration', fields.iteration.id, item);
      }
    }
    next.set(card.issue, entry);
  }
  return { actions, record: next, notes, leftAlone };
}

function optionOf(value: ProjectFieldValue | undefined): string | undefined {
  return value && 'singleSelectOptionId' in value ? value.singleSelectOptionId : undefined;
}

function sameValue(actual: ProjectFieldValue | undefined, wanted: ProjectFieldValue): boolean {
  if (!actual) return false;
  return JSON.stringify(actual) === JSON.stringify(wanted);
}

function sameTitle(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
