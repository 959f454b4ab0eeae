// WEBHOOK_PROXY_URL (a smee.io channel) forwards webhooks to a laptop during development, as
// `probot run` does. smee-client is optional: without it, say how to get it.
import type { Logger } from 'pino';

export async function startWebhookProxy(source: string, target: string, log: Logger): Promise<{ close(): void } | null> {
  const moduleName = 'smee-client';
  let SmeeClient: any;
  try {
    ({ SmeeClient } = await import(moduleName));
  } catch {
    log.warn('WEBHOOK_PROXY_URL is set: run `npm install --save-dev smee-client` to proxy webhooks to localhost.');
    return null;
  }
  const client = new SmeeClient({ source, target, logger: log });
  const events = await client.start();
  log.info({ source, target }, 'forwarding webhooks from the proxy');
  return { close: () => (typeof events?.close === 'function' ? events.close() : client.stop?.()) };
}
