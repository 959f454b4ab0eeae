// The `event` label of webhook metrics: GitHub's event names, and `other` for anything else. A
// signed delivery can carry any X-GitHub-Event (5,000 characters, or `__proto__`); as a label it
// would make one series per name.
import { isKnownEvent } from '../github/events.js';

export function eventLabel(name: string): string {
  return isKnownEvent(name) ? name : 'other';
}
