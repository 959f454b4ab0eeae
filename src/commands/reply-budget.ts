// How many replies planbot writes to slash commands, per person and per issue. Twenty
// `/planbot help` comments from one person got twenty replies, each a write paced with every other
// write of the installation. Now: one help reply and one refusal per person per issue per hour,
// and at most ISSUE_REPLIES_PER_HOUR such replies per issue from everyone together. What is held
// back is counted (`planbot_command_replies_dropped_total`) and logged at debug.
// The budget lives in this process: replicas each keep their own (a bound, not an exact count).
import { LRUCache } from 'lru-cache';

export type ReplyKind = 'help' | 'refusal';

export const HOUR_MS = 3_600_000;
export const ISSUE_REPLIES_PER_HOUR = 5;

export interface ReplyBudgetOptions {
  windowMs?: number;
  perIssue?: number;
  now?: () => number;
}

export type BudgetDecision = { ok: true } | { ok: false; reason: 'person' | 'issue' };

export class ReplyBudget {
  private readonly windowMs: number;
  private readonly perIssue: number;
  private readonly now: () => number;
  /** person+issue+kind → when the last reply went out. */
  private readonly people: LRUCache<string, number>;
  /** issue → times of its replies in the window. */
  private readonly issues: LRUCache<string, number[]>;

  constructor(options: ReplyBudgetOptions = {}) {
    this.windowMs = options.windowMs ?? HOUR_MS;
    this.perIssue = options.perIssue ?? ISSUE_REPLIES_PER_HOUR;
    this.now = options.now ?? Date.now;
    this.people = new LRUCache({ max: 50_000 });
    this.issues = new LRUCache({ max: 20_000 });
  }

  /** Takes one reply from the budget if there is one left. */
  take(issue: string, person: string, kind: ReplyKind): BudgetDecision {
    const now = this.now();
    const personKey = `${issue}\u0000${person.toLowerCase()}\u0000${kind}`;
    const last = this.people.get(personKey);
    if (last !== undefined && now - last < this.windowMs) return { ok: false, reason: 'person' };
    const recent = (this.issues.get(issue) ?? []).filter((time) => now - time < this.windowMs);
    if (recent.length >= this.perIssue) return { ok: false, reason: 'issue' };
    this.people.set(personKey, now);
    this.issues.set(issue, [...recent, now]);
    return { ok: true };
  }
}

let shared = new ReplyBudget();

export function replyBudget(): ReplyBudget {
  return shared;
}

/** Tests start from a fresh budget (or one with a short window). */
export function resetReplyBudget(options: ReplyBudgetOptions = {}): void {
  shared = new ReplyBudget(options);
}
