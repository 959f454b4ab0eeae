// Starts planbot the way `probot run` would — same environment variables, same setup flow when
// there are no credentials — but on planbot's own HTTP server, so a body-size guard runs before
// the webhook middleware, and with a graceful, bounded shutdown.
import { createProbot, type Probot } from 'probot';
import type { Logger } from 'pino';
import { createPlanbot, type PlanbotOptions } from './index.js';
import { withRedaction } from '../logging/redact.js';
import { pacedOctokit } from '../github/octokit.js';
import { writePacingFromEnv } from '../github/write-pacing.js';
import type { JobQueue } from '../queue/types.js';
import { bodyLimit } from '../server/body-limit.js';
import { webhookDoor } from '../server/webhook-door.js';
import { createMetrics } from '../metrics/registry.js';
import { createHttpServer, listen, pingHandler, type PlanbotHttpServer } from '../server/http-server.js';
import type { RouteHandler } from '../server/http.js';
import { serverSettingsFromEnv } from '../server/settings.js';
import { shutdown, type ShutdownResult } from '../server/shutdown.js';
import { startWebhookProxy } from '../server/webhook-proxy.js';
import { startSetup, type RunningSetup } from '../server/setup.js';
import { closeParsePool } from '../plan/parallel.js';

export interface RunningPlanbot {
  url: string;
  probot: Probot;
  queue: JobQueue;
  http: PlanbotHttpServer;
  log: Logger;
  /** Graceful stop, bounded by SHUTDOWN_TIMEOUT_MS. */
  stop(): Promise<ShutdownResult>;
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Passed to createPlanbot (tests inject a queue or a dispatcher). */
  planbot?: PlanbotOptions;
}

/** Probot's rule for the credentials: without both, run its setup flow (or fail in production). */
export async function startPlanbot(options: StartOptions = {}): Promise<RunningPlanbot | null> {
  const env = options.env ?? process.env;
  const probot = probotFromEnv(env);
  if (!probot) {
    await startSetupFromEnv(env);
    return null;
  }
  const settings = serverSettingsFromEnv(env);
  await probot.ready();
  const log = withRedaction(probot.log.child({ name: 'server' }) as unknown as Logger);
  log.info(`Running Probot v${probot.version} (Node.js: ${process.versions.node})`);

  let queue: JobQueue | null = null;
  const routes: RouteHandler[] = [];
  // Shared with the webhook door, which counts what it refuses or ignores.
  const metrics = options.planbot?.metrics ?? createMetrics();
  await probot.load(
    createPlanbot({
      env,
      ...options.planbot,
      metrics,
      onQueue: (built) => {
        queue = built;
        options.planbot?.onQueue?.(built);
      },
    }),
    { cwd: process.cwd(), addHandler: (handler) => void routes.push(handler as RouteHandler) },
  );
  if (!queue) throw new Error('planbot did not build its queue');
  const webhooks = (await probot.getNodeMiddleware()) as RouteHandler;
  const door = webhookDoor({
    webhookPath: probot.webhookPath,
    verify: (body, signature) => probot.webhooks.verify(body, signature),
    metrics,
    log,
  });
  const http = createHttpServer([pingHandler, bodyLimit(probot.webhookPath, settings.MAX_BODY_BYTES), door, webhooks, ...routes], log);
  const address = await listen(http.server, settings.PORT, settings.HOST);
  const url = `http://${address.host}:${address.port}`;
  log.info(`Listening on ${url}`);
  const proxy = settings.WEBHOOK_PROXY_URL ? await startWebhookProxy(settings.WEBHOOK_PROXY_URL, `${url}${probot.webhookPath}`, log) : null;

  const running: RunningPlanbot = {
    url,
    probot,
    queue,
    http,
    log,
    stop: async () => {
      proxy?.close();
      const result = await shutdown(http, running.queue, log, settings.SHUTDOWN_TIMEOUT_MS);
      await closeParsePool(); // after the jobs: one of them may still be parsing a large plan
      return result;
    },
  };
  return running;
}

/**
 * No credentials: Probot refuses to start in production; elsewhere planbot's setup flow registers
 * the app (src/server/setup.ts: Probot's pages, with the manifest escaped and the webhook URL right).
 */
async function startSetupFromEnv(env: NodeJS.ProcessEnv): Promise<RunningSetup> {
  if (env.NODE_ENV === 'production') {
    // Probot's messages, word for word.
    if (!env.APP_ID) throw new Error('App ID is missing, and is required to run in production mode. To resolve, ensure the APP_ID environment variable is set.');
    throw new Error('Certificate is missing, and is required to run in production mode. To resolve, ensure either the PRIVATE_KEY or PRIVATE_KEY_PATH environment variable is set and contains a valid certificate');
  }
  // A Probot with placeholder credentials only to get a logger configured as the app's would be
  // (Probot's own setup does the same, see its #1512).
  const placeholder = probotFromEnv({ ...env, APP_ID: '1', PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: undefined }, 'dummy value for setup');
  if (!placeholder) throw new Error('the setup flow could not be prepared: check the environment against .env.example');
  await placeholder.ready();
  const log = withRedaction(placeholder.log.child({ name: 'setup' }) as unknown as Logger);
  return startSetup({ env, log });
}

/** A Probot configured from the environment like `probot run` does; null without credentials. */
function probotFromEnv(env: NodeJS.ProcessEnv, privateKey?: string): Probot | null {
  const logFormat = env.LOG_FORMAT ? (env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json') : env.NODE_ENV === 'production' ? 'json' : 'pretty';
  try {
    // createProbot reads APP_ID, PRIVATE_KEY(_PATH), WEBHOOK_SECRET, WEBHOOK_PATH, GHE_HOST,
    // GHE_PROTOCOL, REDIS_URL (shared rate-limit state), LOG_*, SENTRY_DSN.
    return createProbot({ env, overrides: { logLevel: (env.LOG_LEVEL as any) || 'info', logFormat, Octokit: pacedOctokit(writePacingFromEnv(env)), ...(privateKey ? { privateKey } : {}) } as any });
  } catch {
    return null; // no APP_ID or no private key
  }
}
