// spec-kit's own gate: the Constitution Check section of plan.md. Its table form
// (`| Principle | Status | Notes |`) is an ordinary gate table (tables.ts); this reads the checklist
// forms, where each principle is a gate:
//
// - items right under the section heading, one principle each (`- [x] I. Library-First: …`):
//   passed when ticked, pending when not;
// - a sub-heading per principle with its own checklist (`### I. Workflow-First Design` then
//   `- [ ] …` items): passed when every item is ticked, pending otherwise.
import type { Gate, Task } from './model.js';
import { normaliseSectionTitle } from './section-title.js';

/** "Constitution" in the languages planbot reads, or "guiding principles" (a translation's name for it)… */
const CONSTITUTION =
  /constitution|constitución|constitucion|constituição|constituicao|costituzione|verfassung|конституц|宪法|憲法|章程|指导原则|指導原則|原则检查|原則檢查|原則チェック/u;

/** Where a principle's name ends in an item: `I. Library-First: …`, `**I. Contract-First** — …`. */
const NAME_END = /\s+[—–]\s+|\s+-\s+|:\s+|：/u;
/** Longer "names" are sentences, kept whole. */
const MAX_NAME = 80;

/** …and a word saying it is checked, so `Constitutional Governance` is not one. */
const CHECK =
  /check|compliance|gates?\b|review|validation|evaluation|verification|summary|assessment|verifica|revisi|vérification|contrôle|prüfung|проверк|检查|檢查|チェック|確認|审查|審查|核查/u;

export function isConstitutionCheckTitle(title: string): boolean {
  const text = normaliseSectionTitle(title);
  return CONSTITUTION.test(text) && CHECK.test(text);
}

interface Principle {
  title: string;
  line: number;
  depth: number;
  gate: Gate | null;
  ticked: number;
  items: number;
}

/** Follows the document's headings and tasks in order and returns the gates the checklists make. */
export class ConstitutionCheck {
  /** Depth of the open Constitution Check heading, or 0 outside one. */
  private depth = 0;
  private principle: Principle | null = null;

  heading(title: string, depth: number, line: number): void {
    if (this.depth && depth <= this.depth) this.depth = 0;
    if (this.principle && depth <= this.principle.depth) this.principle = null;
    if (isConstitutionCheckTitle(title)) {
      this.depth = depth;
      this.principle = null;
    } else if (this.depth) {
      this.principle = { title, line, depth, gate: null, ticked: 0, items: 0 };
    }
  }

  /** The gate a task makes, when it is the first task of a principle or a principle of its own. */
  task(task: Task): Gate | null {
    if (!this.depth) return null;
    const principle = this.principle;
    if (principle) {
      principle.items++;
      if (task.checked) principle.ticked++;
      const status = principle.ticked === principle.items ? 'pass' : 'pending';
      const raw = `${principle.ticked}/${principle.items} ticked`;
      if (principle.gate) {
        Object.assign(principle.gate, { status, raw });
        return null;
      }
      principle.gate = { name: principle.title, criteria: '', status, raw, line: principle.line };
      return principle.gate;
    }
    if (task.depth > 0) return null;
    const { name, criteria } = splitItem(task.text);
    return { name, criteria, status: task.checked ? 'pass' : 'pending', raw: task.checked ? '[x]' : '[ ]', line: task.line };
  }
}

/** `I. Library-First: Every feature starts as a library` → name and criteria. */
function splitItem(text: string): { name: string; criteria: string } {
  const end = NAME_END.exec(text);
  if (!end || end.index === 0 || end.index > MAX_NAME) return { name: text, criteria: '' };
  return { name: text.slice(0, end.index).trim(), criteria: text.slice(end.index + end[0].length).trim() };
}
