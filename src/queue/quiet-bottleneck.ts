// With REDIS_URL, Probot's throttling (Bottleneck) keeps its state in Redis through its own ioredis
// client, and logs every connection error of that client at `error` (`source: "bottleneck"`):
// about 30 `ECONNREFUSED` lines for a 10 s outage. RedisHealth already says once that Redis is
// away and once that it is back, so those lines are dropped; any other Bottleneck error is kept.
// Probot gives no option for this: the filter sits on the root logger's write, which the child
// logger Probot handed to Bottleneck inherits (pino children are prototype-linked).
import pino, { type Logger } from 'pino';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'ECONNABORTED']);
const CONNECTION_MESSAGES = /Connection is closed|Stream isn't writeable|Reached the max retries per request|Command timed out/i;
const FILTERED = Symbol('planbot.quietBottleneck');

type Write = (obj: unknown, msg: unknown, num: number) => void;

export function isBottleneckConnectionError(obj: unknown): boolean {
  const error = obj as { source?: unknown; code?: unknown; message?: unknown } | null;
  if (!error || typeof error !== 'object' || error.source !== 'bottleneck') return false;
  return CONNECTION_CODES.has(String(error.code)) || CONNECTION_MESSAGES.test(String(error.message ?? ''));
}

export function quietBottleneckConnectionErrors(log: Logger): void {
  const writeSym = pino.symbols.writeSym as unknown as symbol;
  // Climb to the root instance: its prototype is pino's shared prototype, which owns `write`.
  let root: any = log;
  for (let parent = Object.getPrototypeOf(root); parent && !Object.prototype.hasOwnProperty.call(parent, writeSym); parent = Object.getPrototypeOf(parent)) {
    root = parent;
  }
  if (root[FILTERED]) return;
  const write: Write = root[writeSym];
  if (typeof write !== 'function') return;
  root[FILTERED] = true;
  root[writeSym] = function (this: unknown, obj: unknown, msg: unknown, num: number) {
    if (isBottleneckConnectionError(obj)) return;
    return write.call(this, obj, msg, num);
  };
}
