// Recognises planbot's own actions, so its issue edits, comments and commits trigger nothing further.
// An event is planbot's own when its sender is a Bot whose login is planbot's bot login
// (`<app-slug>[bot]`, src/app/self.ts). Other bots (github-actions, dependabot, renovate…) are not planbot.
import type { SelfIdentity } from './job.js';

export interface Sender {
  login?: string | null;
  type?: string | null;
}

/** True when the sender is planbot itself. Logins compare case-insensitively, as GitHub's do. */
export function isSelf(sender: Sender | null | undefined, login: string | null): boolean {
  if (!sender || !login || sender.type !== 'Bot' || !sender.login) return false;
  return sender.login.toLowerCase() === login.toLowerCase();
}

/**
 * True when the event was caused by planbot itself. Costs nothing for human senders; for bot
 * senders at most one `GET /app` per process (none with `BOT_LOGIN`).
 */
export async function isOwnEvent(payload: { sender?: Sender | null } | null | undefined, identity: SelfIdentity): Promise<boolean> {
  const sender = payload?.sender;
  if (sender?.type !== 'Bot') return false;
  return isSelf(sender, await identity.login());
}
