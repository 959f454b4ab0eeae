// WEBHOOK_PROXY_URL (a smee.io channel) forwards GitHub's deliveries to a laptop, as `probot run`
// does: GitHub posts to the channel, smee-client replays each delivery to this server's webhook
// path. An unreachable channel is said in one line and does not stop the server; the client keeps
// retrying and says so once it gets through.
import type { Logger } from 'pino';
import { SmeeClient } from 'smee-client';

export interface WebhookProxy {
  close(): void;
}

/** A new channel on smee.io (what Probot's setup flow does when WEBHOOK_PROXY_URL is unset). */
export async function createProxyChannel(timeoutMs = 5000): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([SmeeClient.createChannel(), timeout]);
  } catch (error) {
    throw new Error(reasonOf(error));
  } finally {
    clearTimeout(timer);
  }
}

export async function startWebhookProxy(source: string, target: string, log: Logger, options: { connectTimeoutMs?: number } = {}): Promise<WebhookProxy> {
  let connected = false;
  let reportedDown = false;
  const unreachable = (reason: string) => {
    if (reportedDown) return;
    reportedDown = true;
    connected = false;
    log.error(
      `The webhook proxy ${source} cannot be reached (${reason}): GitHub's deliveries will not arrive here until it can. ` +
        `planbot keeps trying; if the channel is gone, create one at https://smee.io/new and set WEBHOOK_PROXY_URL.`,
    );
  };
  // smee-client's own messages, reworded: one line when the channel is down, one when it is back.
  const logger = {
    info(message: unknown) {
      const text = String(message);
      if (text.startsWith('Connected to')) {
        if (reportedDown) log.info(`The webhook proxy ${source} is reachable again.`);
        connected = true;
        reportedDown = false;
      } else if (text.startsWith('POST ')) log.debug(`webhook proxy: ${text}`);
      else log.debug(`webhook proxy: ${text}`);
    },
    error(message: unknown, detail?: unknown) {
      if (String(message) === 'Error in connection' || String(message) === 'Connection closed') unreachable(reasonOf(detail ?? message));
      else log.error(`webhook proxy: could not forward a delivery to ${target}: ${reasonOf(message)}`);
    },
    warn: (message: unknown) => log.warn(`webhook proxy: ${String(message)}`),
    debug: (message: unknown) => log.debug(`webhook proxy: ${String(message)}`),
  };
  const client = new SmeeClient({ source, target, logger: logger as unknown as Console });
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const starting = client.start();
    starting.catch(() => undefined); // reported below; a late rejection after the timeout is not a crash
    await Promise.race([
      starting,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      }),
    ]);
    log.info(`Forwarding webhooks from ${source} to ${target}`);
  } catch (error) {
    if (!connected) unreachable(reasonOf(error));
  } finally {
    clearTimeout(timer);
  }
  return { close: () => void client.stop() };
}

/** The useful part of fetch/EventSource errors ("fetch failed" hides the cause). */
function reasonOf(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  const err = error as { message?: string; code?: unknown; cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  const message = err.message || 'unknown error';
  return cause && !message.includes(String(cause)) ? `${message}: ${cause}` : message;
}
