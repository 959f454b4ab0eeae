// Target dates: a phase's `Due:` when it has one, else the end of its Duration counted from the
// end of its latest dependency. A phase without Dependencies follows the phase before it (plans
// list phases in the order they are done); the first starts on the start date.
import type { Phase } from '../plan/model.js';

const DAY = 86_400_000;

/** Calendar days of a duration like `2 days`, `1 week`, `3d`, `1-2 weeks` (the upper bound), `4 hours`; null when unreadable. */
export function durationDays(text: string | null | undefined): number | null {
  if (!text) return null;
  const match = /(\d+(?:\.\d+)?)(?:\s*[-–]\s*(\d+(?:\.\d+)?))?\s*(h|hours?|hrs?|d|days?|w|wks?|weeks?|sprints?|months?)\b/i.exec(text);
  if (!match) return null;
  const amount = Number(match[2] ?? match[1]);
  const unit = match[3].toLowerCase();
  const days = unit.startsWith('h') ? amount / 8 : unit.startsWith('d') ? amount : unit.startsWith('w') ? amount * 7 : unit.startsWith('s') ? amount * 14 : amount * 30;
  return days > 0 ? Math.max(1, Math.ceil(days)) : null;
}

/** `YYYY-MM-DD` when the text holds such a date (or an ISO date-time), else null. */
export function isoDate(text: string | null | undefined): string | null {
  const match = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text ?? '');
  if (!match) return null;
  const date = new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** Each phase's target date (by phase number), where one can be known. `start` is `YYYY-MM-DD`. */
export function targetDates(phases: readonly Phase[], start: string): Map<string, string> {
  const byNumber = new Map(phases.map((phase) => [phase.number, phase]));
  const ends = new Map<string, number | null>();
  const visiting = new Set<string>();
  const startTime = Date.parse(`${start}T00:00:00Z`);

  const endOf = (phase: Phase, index: number): number | null => {
    if (ends.has(phase.number)) return ends.get(phase.number)!;
    const due = isoDate(phase.due);
    if (due) {
      ends.set(phase.number, Date.parse(`${due}T00:00:00Z`));
      return ends.get(phase.number)!;
    }
    if (visiting.has(phase.number)) return null; // a dependency cycle: the plan check reports it
    visiting.add(phase.number);
    const before = phase.dependencies.length > 0 ? phase.dependencies.map((number) => byNumber.get(number)) : index > 0 ? [phases[index - 1]] : [];
    let begins = startTime;
    let known = true;
    for (const dependency of before) {
      if (!dependency) continue;
      const end = endOf(dependency, phases.indexOf(dependency));
      if (end === null) known = false;
      else begins = Math.max(begins, end + DAY);
    }
    visiting.delete(phase.number);
    const days = durationDays(phase.duration);
    const end = known && days !== null ? begins + (days - 1) * DAY : null;
    ends.set(phase.number, end);
    return end;
  };

  const dates = new Map<string, string>();
  phases.forEach((phase, index) => {
    const end = endOf(phase, index);
    if (end !== null && Number.isFinite(end)) dates.set(phase.number, new Date(end).toISOString().slice(0, 10));
  });
  return dates;
}
