// Who planbot is on GitHub: its bot login (`<app-slug>[bot]`), from BOT_LOGIN or learnt once from
// GET /app. Whether an event is planbot's own is decided with it (src/job/identity.ts).
import type { Probot } from 'probot';
import type { Logger } from 'pino';
import type { SelfIdentity } from '../job/job.js';
import { authenticatedAppSlug } from '../github/app-api.js';

/** Normalises `planbot` and `planbot[bot]` to `planbot[bot]`, the form webhooks carry in `sender.login`. */
export function botLoginOf(slugOrLogin: string): string {
  const trimmed = slugOrLogin.trim();
  return trimmed.endsWith('[bot]') ? trimmed : `${trimmed}[bot]`;
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
      const slug = await authenticatedAppSlug(await app.auth());
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
