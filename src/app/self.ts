// Recognises planbot's own actions, so its issue edits, comments and commits trigger nothing further.
// An event is planbot's own when its sender is a Bot whose login is planbot's bot login
// (`<app-slug>[bot]`). Other bots (github-actions, dependabot, renovate…) are not planbot and still count.
import type { Probot } from 'probot';
import type { Logger } from 'pino';

export interface Sender {
  login?: string | null;
  type?: string | null;
}

/** Where the bot login comes from: `BOT_LOGIN`, else the app's slug from `GET /app` (app JWT). */
export interface SelfIdentity {
  /** planbot's bot login, e.g. `planbot[bot]`; null while it cannot be learnt (then nothing counts as own). */
  login(): Promise<string | null>;
}

/** Normalises `planbot` and `planbot[bot]` to `planbot[bot]`, the form webhooks carry in `sender.login`. */
export function botLoginOf(slugOrLogin: string): string {
  const trimmed = slugOrLogin.trim();
  return trimmed.endsWith('[bot]') ? trimmed : `${trimmed}[bot]`;
}

/** True when the sender is planbot itself. Logins compare case-insensitively, as GitHub's do. */
export function isSelf(sender: Sender | null | undefined, login: string | null): boolean {
  if (!sender || !login || sender.type !== 'Bot' || !sender.login) return false;
  return sender.login.toLowerCase() === login.toLowerCase();
}

/** After a failed lookup, bot-sent events are not looked up again for this long. */
export const LOOKUP_RETRY_MS = 10 * 60 * 1000;

/**
 * The identity of a running app. The login is resolved at most once per process when it succeeds;
 * a failed lookup is logged and tried again after LOOKUP_RETRY_MS, so an outage costs few requests.
 */
export function appIdentity(
  app: Pick<Probot, 'auth'>,
  log: Pick<Logger, 'warn'>,
  env: Record<string, string | undefined> = process.env,
  now: () => number = Date.now,
): SelfIdentity {
  const configured = env.BOT_LOGIN?.trim();
  if (configured) {
    const login = botLoginOf(configured);
    return { login: async () => login };
  }
  let resolved: Promise<string | null> | null = null;
  let failedAt = -Infinity;
  const lookup = async (): Promise<string | null> => {
    try {
      // Without an installation id, app.auth() is authenticated as the app (JWT): GET /app answers.
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      const slug = (data as { slug?: string } | null)?.slug;
      if (!slug) throw new Error('GET /app returned no slug');
      return botLoginOf(slug);
    } catch (error) {
      failedAt = now();
      resolved = null;
      log.warn(
        { err: { message: (error as Error).message, status: (error as { status?: number }).status } },
        "could not learn planbot's bot login from GET /app; set BOT_LOGIN so planbot recognises its own events",
      );
      return null;
    }
  };
  return {
    login() {
      if (resolved) return resolved;
      if (now() - failedAt < LOOKUP_RETRY_MS) return Promise.resolve(null);
      resolved = lookup();
      return resolved;
    },
  };
}

let current: SelfIdentity | null = null;

/** Called once by the app function: the identity every job of this process uses. */
export function useSelfIdentity(identity: SelfIdentity): void {
  current = identity;
}

/**
 * True when the event was caused by planbot itself. Costs nothing for human senders; for bot
 * senders at most one `GET /app` per process (none with `BOT_LOGIN`).
 */
export async function isOwnEvent(payload: { sender?: Sender | null } | null | undefined): Promise<boolean> {
  const sender = payload?.sender;
  if (sender?.type !== 'Bot') return false;
  return isSelf(sender, await ownLogin());
}

/** planbot's bot login as this process knows it (see appIdentity); null when unknown. */
export async function ownLogin(): Promise<string | null> {
  return current ? current.login() : null;
}
