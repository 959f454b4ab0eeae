// Webhook payload types and event names, from Octokit's webhook definitions: the one place outside the API calls
// where planbot leans on Octokit, so features can name an event's payload without importing it.
import { emitterEventNames, type EmitterWebhookEvent, type EmitterWebhookEventName } from '@octokit/webhooks';

/** The payload of one webhook event (any of its actions); `any` for planbot's own job names. */
export type WebhookPayload<Name extends string> = Name extends EmitterWebhookEventName ? EmitterWebhookEvent<Name>['payload'] : any;

const KNOWN_EVENTS: ReadonlySet<string> = new Set<string>(emitterEventNames.filter((name) => !name.includes('.')));

/** A GitHub webhook event name as @octokit/webhooks knows it (a signed delivery may carry any name). */
export function isKnownEvent(name: string): boolean {
  return KNOWN_EVENTS.has(name);
}
