// The hidden first line that makes an issue planbot's: which feature, which plan, which phase.
//   <!-- planbot:v1 feature=001-user-auth phase=1 source=plan path=specs/001-user-auth/plan.md branch=001-user-auth -->
// Values are percent-encoded (and `--` broken up) so no value can end the comment or add a field.
// A task's issue (`issues.granularity: task`) also has `task=T001` (its identity in the feature).
// Only the FIRST line of a body is read: a marker pasted anywhere else means nothing.
import { createHash } from 'node:crypto';

export type TaskSource = 'plan' | 'tasks';

export interface PlanbotMarker {
  feature: string;
  /** The phase number (canonical), or null on the tracking issue. */
  phase: string | null;
  tracking: boolean;
  /** On a task's issue (`issues.granularity: task`): the task's identity in the feature (its id, else its key). */
  task?: string | null;
  /** Which file the task list came from: plan.md or the tasks.md next to it. */
  source: TaskSource;
  /** The plan's path: identity, so two apps' `001-x` features in a monorepo never collide. */
  path: string;
  /** The branch the body's links point at (where a tick flows back to, while it exists). */
  branch?: string | null;
  /** Task keys ticked/unticked in the issue whose flow-back to the plan is still outstanding. */
  pending?: string[];
  /** planbot closed this issue because its phase left the plan. */
  removed?: boolean;
  /** Created complete and about to be closed: a crash in between still gets it closed next time. */
  closing?: boolean;
  /**
   * The last state planbot synced, per task (by baseHash of its occurrence key): what both the plan
   * and the issue showed. The three-way merge (src/sync/three-way.ts) compares each side with it.
   */
  base?: Map<string, boolean>;
}

const PREFIX = '<!-- planbot:v1';
const BASE_ENTRY = /^([0-9a-f]{8})([xo])$/;

/** A task's short, fixed-size name in the marker's `base=` field (8 hex digits of SHA-1 of its key). */
export function baseHash(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 8);
}
const FIRST_LINE = /^<!-- planbot:v1((?: [^\s<>]+)*) -->$/;

export function encodeMarkerValue(value: string): string {
  return encodeURIComponent(value)
    .replace(/%2F/gi, '/')
    .replace(/-(?=-)/g, '%2D');
}

function decodeMarkerValue(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export function renderMarker(marker: PlanbotMarker): string {
  const fields = [`feature=${encodeMarkerValue(marker.feature)}`];
  if (marker.tracking) fields.push('tracking');
  else fields.push(`phase=${encodeMarkerValue(marker.phase ?? '')}`);
  if (!marker.tracking && marker.task) fields.push(`task=${encodeMarkerValue(marker.task)}`);
  fields.push(`source=${marker.source}`, `path=${encodeMarkerValue(marker.path)}`);
  if (marker.branch) fields.push(`branch=${encodeMarkerValue(marker.branch)}`);
  const pending = [...new Set(marker.pending ?? [])].sort();
  if (pending.length > 0) fields.push(`pending=${pending.map(encodeMarkerValue).join(',')}`);
  if (marker.base && marker.base.size > 0) {
    fields.push(`base=${[...marker.base].map(([hash, checked]) => `${hash}${checked ? 'x' : 'o'}`).join(',')}`);
  }
  if (marker.removed) fields.push('removed');
  if (marker.closing) fields.push('closing');
  return `${PREFIX} ${fields.join(' ')} -->`;
}

/** The marker on the body's first line, or null when there is none (or it is malformed). */
export function readMarker(body: string | null | undefined): PlanbotMarker | null {
  if (!body) return null;
  const firstLine = body.split('\n', 1)[0].replace(/\r$/, '');
  const match = FIRST_LINE.exec(firstLine);
  if (!match) return null;
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (const token of match[1].trim().split(' ').filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq === -1) flags.add(token);
    else values.set(token.slice(0, eq), token.slice(eq + 1));
  }
  const feature = decodeMarkerValue(values.get('feature') ?? '');
  const path = decodeMarkerValue(values.get('path') ?? '');
  if (!feature || !path) return null;
  const tracking = flags.has('tracking');
  const phase = values.has('phase') ? decodeMarkerValue(values.get('phase') as string) : null;
  if (!tracking && !phase) return null;
  const branch = values.has('branch') ? decodeMarkerValue(values.get('branch') as string) : null;
  const pendingRaw = values.get('pending');
  const pending = pendingRaw
    ? pendingRaw
        .split(',')
        .map(decodeMarkerValue)
        .filter((key): key is string => !!key)
    : [];
  const base = values.has('base') ? readBase(values.get('base') as string) : undefined;
  const task = !tracking && values.has('task') ? decodeMarkerValue(values.get('task') as string) : null;
  return {
    feature,
    phase: tracking ? null : phase,
    tracking,
    ...(task ? { task } : {}),
    source: values.get('source') === 'tasks' ? 'tasks' : 'plan',
    path,
    branch,
    pending,
    removed: flags.has('removed'),
    closing: flags.has('closing'),
    ...(base ? { base } : {}),
  };
}

function readBase(text: string): Map<string, boolean> {
  const base = new Map<string, boolean>();
  for (const entry of text.split(',')) {
    const match = BASE_ENTRY.exec(entry);
    if (match) base.set(match[1], match[2] === 'x');
  }
  return base;
}

/** The body with its first-line marker replaced; bodies without a marker come back unchanged. */
export function replaceMarker(body: string, update: (marker: PlanbotMarker) => PlanbotMarker): string {
  const marker = readMarker(body);
  if (!marker) return body;
  const newline = body.indexOf('\n');
  const rest = newline === -1 ? '' : body.slice(newline);
  const carriageReturn = newline > 0 && body[newline - 1] === '\r' ? '\r' : '';
  return `${renderMarker(update(marker))}${carriageReturn}${rest}`;
}
