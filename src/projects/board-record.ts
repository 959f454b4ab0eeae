// What planbot last set on the board, kept as a hidden line of the tracking issue (next to the
// links record, separate from it):
//   <!-- planbot:board 12:t:1a2b3c4d,13:p:5e6f7a8b:d -->
// Per issue number: the Status planbot last set (t/p/d = todo/in progress/done), the fingerprint
// of that phase's plan state then, and which optional fields planbot set (d = target date,
// i = iteration), so it clears only what it set. A card whose Status differs from the recorded one
// while the fingerprint is unchanged was moved by a person: it is left alone.
import type { StatusKey } from './status.js';

export interface BoardRecordEntry {
  status: StatusKey;
  fingerprint: string;
  setDate: boolean;
  setIteration: boolean;
}

/** By issue number. */
export type BoardRecord = Map<number, BoardRecordEntry>;

const CODES: Record<StatusKey, string> = { todo: 't', in_progress: 'p', done: 'd' };
const STATUSES: Record<string, StatusKey> = { t: 'todo', p: 'in_progress', d: 'done' };
const LINE = /^<!-- planbot:board ?([0-9a-z:,]*) -->$/;

export function renderBoardRecord(record: BoardRecord): string {
  const entries = [...record]
    .sort((a, b) => a[0] - b[0])
    .map(([issue, entry]) => {
      const flags = `${entry.setDate ? 'd' : ''}${entry.setIteration ? 'i' : ''}`;
      return `${issue}:${CODES[entry.status]}:${entry.fingerprint}${flags ? `:${flags}` : ''}`;
    });
  return `<!-- planbot:board ${entries.join(',')} -->`;
}

/** The record on the body's last `planbot:board` line; an empty record when there is none. */
export function readBoardRecord(body: string | null | undefined): BoardRecord {
  const record: BoardRecord = new Map();
  const lines = (body ?? '').split('\n').map((line) => line.replace(/\r$/, ''));
  const line = [...lines].reverse().find((candidate) => LINE.test(candidate));
  if (!line) return record;
  for (const token of LINE.exec(line)![1].split(',').filter(Boolean)) {
    const [issue, code, fingerprint, flags = ''] = token.split(':');
    const status = STATUSES[code];
    if (!/^\d+$/.test(issue) || !status || !/^[0-9a-f]{8}$/.test(fingerprint ?? '')) continue;
    record.set(Number(issue), { status, fingerprint, setDate: flags.includes('d'), setIteration: flags.includes('i') });
  }
  return record;
}

/** The body with its board line replaced (or added as the last line). */
export function withBoardRecord(body: string, record: BoardRecord): string {
  const kept = body.split('\n').filter((line) => !LINE.test(line.replace(/\r$/, '')));
  while (kept.length > 0 && kept[kept.length - 1].trim() === '') kept.pop();
  return `${kept.join('\n')}\n\n${renderBoardRecord(record)}`;
}

export function sameRecord(a: BoardRecord, b: BoardRecord): boolean {
  return renderBoardRecord(a) === renderBoardRecord(b);
}

/** The body's board record as its line; null when it has none. The issue sync carries it over when it rewrites the body. */
export function boardLineOf(body: string | null | undefined): string | null {
  const record = readBoardRecord(body);
  return record.size > 0 ? renderBoardRecord(record) : null;
}
