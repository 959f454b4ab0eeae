// What planbot has linked, kept as a hidden last line of the tracking issue, so a sync need not
// list every sub-issue and blocked-by relation to know they exist:
//   <!-- planbot:links sub=11,12,13 blocked_by=12:11,13:12 unsupported=dependencies done -->
// `sub`: issue numbers linked as sub-issues of the tracking issue. `blocked_by`: issue:blocker
// pairs planbot created. `refused_*`: links GitHub refused (422), not retried while still wanted.
// `unsupported`: APIs this repository or server lacks (links then live in the bodies only).
// `done`: the tracking issue was closed by planbot because every phase was done. `phases`:
// issue:phase pairs, so an issue stays its phase's issue when a person removes or edits its marker;
// `tasks`: the same for task issues (`issues.granularity: task`), by a short hash of the task's identity.

import type { RelationApi } from '../github/issues-api-support.js';
export type { RelationApi };

export interface LinksRecord {
  children: number[];
  blockedBy: Array<[issue: number, blocker: number]>;
  refusedChildren: number[];
  refusedBlockedBy: Array<[issue: number, blocker: number]>;
  unsupported: RelationApi[];
  done: boolean;
  /** Which phase (canonical number) each phase issue is, by issue number. */
  phases: Map<number, string>;
  /** Which task each task issue is, by issue number: baseHash of the marker's `task` (8 hex digits; `issues.granularity: task`). */
  tasks?: Map<number, string>;
}

export function emptyLinksRecord(): LinksRecord {
  return { children: [], blockedBy: [], refusedChildren: [], refusedBlockedBy: [], unsupported: [], done: false, phases: new Map() };
}

const LINE = /^<!-- planbot:links((?: [a-z_]+(?:=[0-9A-Za-z:,_.%]*)?)*) -->$/;

/** A phase number in the record: percent-encoded, `-` included, so no value can end the comment. */
function encodePhase(key: string): string {
  return encodeURIComponent(key).replace(/-/g, '%2D');
}

export function renderLinksRecord(record: LinksRecord): string {
  const fields: string[] = [];
  const numbers = (values: number[]) => [...new Set(values)].sort((a, b) => a - b).join(',');
  const pairs = (values: Array<[number, number]>) =>
    uniquePairs(values)
      .map(([issue, blocker]) => `${issue}:${blocker}`)
      .join(',');
  if (record.children.length) fields.push(`sub=${numbers(record.children)}`);
  if (record.blockedBy.length) fields.push(`blocked_by=${pairs(record.blockedBy)}`);
  if (record.refusedChildren.length) fields.push(`refused_sub=${numbers(record.refusedChildren)}`);
  if (record.refusedBlockedBy.length) fields.push(`refused_blocked_by=${pairs(record.refusedBlockedBy)}`);
  if (record.unsupported.length) fields.push(`unsupported=${[...new Set(record.unsupported)].sort().join(',')}`);
  if (record.phases.size > 0) {
    const entries = [...record.phases].sort((a, b) => a[0] - b[0]).map(([issue, key]) => `${issue}:${encodePhase(key)}`);
    fields.push(`phases=${entries.join(',')}`);
  }
  if (record.tasks && record.tasks.size > 0) {
    const entries = [...record.tasks].filter(([, hash]) => /^[0-9a-f]{8}$/.test(hash)).sort((a, b) => a[0] - b[0]).map(([issue, hash]) => `${issue}:${hash}`);
    if (entries.length > 0) fields.push(`tasks=${entries.join(',')}`);
  }
  if (record.done) fields.push('done');
  return `<!-- planbot:links${fields.map((field) => ` ${field}`).join('')} -->`;
}

/** The record on the body's last `planbot:links` line; null when the body has none. */
export function readLinksRecord(body: string | null | undefined): LinksRecord | null {
  if (!body) return null;
  const lines = body.split('\n').map((line) => line.replace(/\r$/, ''));
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = LINE.exec(lines[i]);
    if (match) return parseFields(match[1]);
  }
  return null;
}

function parseFields(text: string): LinksRecord {
  const record = emptyLinksRecord();
  for (const token of text.trim().split(' ').filter(Boolean)) {
    const [name, value = ''] = token.split('=');
    const list = value.split(',').filter(Boolean);
    switch (name) {
      case 'sub':
        record.children = list.map(Number).filter(Number.isInteger);
        break;
      case 'refused_sub':
        record.refusedChildren = list.map(Number).filter(Number.isInteger);
        break;
      case 'blocked_by':
        record.blockedBy = parsePairs(list);
        break;
      case 'refused_blocked_by':
        record.refusedBlockedBy = parsePairs(list);
        break;
      case 'unsupported':
        record.unsupported = list.filter((api): api is RelationApi => api === 'sub_issues' || api === 'dependencies');
        break;
      case 'done':
        record.done = true;
        break;
      case 'phases':
      case 'tasks':
        if (name === 'tasks') record.tasks = new Map();
        for (const item of list) {
          const colon = item.indexOf(':');
          const issue = Number(item.slice(0, colon));
          let key: string | null = null;
          try {
            key = decodeURIComponent(item.slice(colon + 1));
          } catch {
            key = null;
          }
          if (colon > 0 && Number.isInteger(issue) && key) (name === 'tasks' ? (record.tasks as Map<number, string>) : record.phases).set(issue, key);
        }
        break;
    }
  }
  return record;
}

function parsePairs(list: string[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  for (const item of list) {
    const [issue, blocker] = item.split(':').map(Number);
    if (Number.isInteger(issue) && Number.isInteger(blocker)) pairs.push([issue, blocker]);
  }
  return pairs;
}

export function pairKey([issue, blocker]: [number, number]): string {
  return `${issue}:${blocker}`;
}

function uniquePairs(values: Array<[number, number]>): Array<[number, number]> {
  const seen = new Map<string, [number, number]>();
  for (const pair of values) seen.set(pairKey(pair), pair);
  return [...seen.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}
