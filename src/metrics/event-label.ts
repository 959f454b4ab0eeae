// The `event` label of webhook metrics: GitHub's event names as @octokit/webhooks knows them, and
// `other` for anything else. A signed delivery can carry any X-GitHub-Event (5,000 characters, or
// `__proto__`); as a label it would make one series per name.
import { emitterEventNames } from '@octokit/webhooks';

const KNOWN: ReadonlySet<string> = new Set<string>(emitterEventNames.filter((name) => !name.includes('.')));

export function isKnownEvent(name: string): boolean {
  return KNOWN.has(name);
}

export function eventLabel(name: string): string {
  return KNOWN.has(name) ? name : 'other';
}
