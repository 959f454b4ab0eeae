// spec-kit checklists as quality gates: each `specs/<dir>/checklists/*.md` (items `- [ ] CHK001 …`,
// written by `/speckit.checklist`) is one gate. Its name is the file's title; it passes when every
// item is ticked and is pending otherwise; its detail names the items still open. Pure.
import { parsePlan, type Gate } from './index.js';

export interface ChecklistGate {
  /** The checklist file, e.g. `specs/003-login-page/checklists/ux.md`. */
  path: string;
  gate: Gate;
  total: number;
  /** Items not ticked yet, as `CHK003 Text…` (shortened). */
  open: string[];
}

/** Open items named in a gate's detail; the rest are counted. */
export const MAX_OPEN_ITEMS_SHOWN = 10;
const MAX_ITEM_CHARS = 80;

export function checklistGate(path: string, content: string): ChecklistGate {
  const model = parsePlan(content, { file: path, kind: 'tasks' });
  const items = model.tasks;
  const open = items.filter((task) => !task.checked);
  const fileName = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
  const name = model.title?.trim() || fileName;
  const shown = open.slice(0, MAX_OPEN_ITEMS_SHOWN).map((task) => shorten(task.text));
  const more = open.length - shown.length;
  const raw =
    items.length === 0
      ? 'no checklist items'
      : open.length === 0
        ? `all ${items.length} items ticked`
        : `${open.length} of ${items.length} open: ${shown.join('; ')}${more > 0 ? `; … ${more} more` : ''}`;
  return {
    path,
    gate: {
      name,
      criteria: 'every checklist item ticked',
      // An empty checklist has not been worked through either.
      status: items.length > 0 && open.length === 0 ? 'pass' : 'pending',
      raw,
      line: open[0]?.line ?? model.sections.find((section) => section.depth === 1)?.line ?? 1,
    },
    total: items.length,
    open: open.map((task) => shorten(task.text)),
  };
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= MAX_ITEM_CHARS ? oneLine : `${oneLine.slice(0, MAX_ITEM_CHARS - 1)}…`;
}
