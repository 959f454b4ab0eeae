// Delivering webhooks the way GitHub does: a JSON POST with X-GitHub-Event, X-GitHub-Delivery and
// X-Hub-Signature-256 (HMAC-SHA256 of the exact body with the webhook secret).
import { createHmac, randomUUID } from 'node:crypto';

export { PayloadBuilder, examplePayload } from './payloads.js';

export interface Delivery {
  name: string;
  payload: unknown;
  /** X-GitHub-Delivery; a redelivery reuses the original id. Default: a fresh UUID. */
  id?: string;
  secret: string;
}

export interface DeliveryResult {
  id: string;
  status: number;
  body: string;
  /** Time until the app answered, in milliseconds. */
  ms: number;
}

/** `sha256=<hex>`: the value GitHub sends in X-Hub-Signature-256. */
export function signPayload(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs one delivery to the app's webhook URL (e.g. http://127.0.0.1:3000/api/github/webhooks).
 * Network errors reject; any HTTP answer resolves with its status.
 */
export async function deliverWebhook(appUrl: string, delivery: Delivery, options: { timeoutMs?: number } = {}): Promise<DeliveryResult> {
  const id = delivery.id ?? randomUUID();
  const body = JSON.stringify(delivery.payload);
  const started = performance.now();
  const response = await fetch(appUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/simulator',
      'x-github-event': delivery.name,
      'x-github-delivery': id,
      'x-github-hook-id': '1',
      'x-github-hook-installation-target-type': 'integration',
      'x-hub-signature-256': signPayload(body, delivery.secret),
    },
    body,
    // GitHub gives up after 10 s; allow more so a slow answer is seen rather than hidden.
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  });
  const text = await response.text();
  return { id, status: response.status, body: text, ms: Math.round(performance.now() - started) };
}
