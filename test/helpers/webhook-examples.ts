// Real webhook payloads from @octokit/webhooks-examples, cloned so a test can adapt them freely.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const examples: Array<{ name: string; examples: any[] }> = require('@octokit/webhooks-examples/api.github.com/index.json');

/** The first example of event `name` that `pick` accepts. */
export function webhookExample(name: string, pick: (payload: any) => boolean = () => true): any {
  const found = examples.find((entry) => entry.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no ${name} example`);
  return structuredClone(found);
}
