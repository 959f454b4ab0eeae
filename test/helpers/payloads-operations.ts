// Realistic webhook payloads for operations tests, adapted from @octokit/webhooks-examples.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const examples: Array<{ name: string; examples: any[] }> = require('@octokit/webhooks-examples/api.github.com/index.json');

function example(name: string, predicate: (payload: any) => boolean = () => true): any {
  const found = examples.find((entry) => entry.name === name)?.examples.find(predicate);
  if (!found) throw new Error(`no ${name} example in @octokit/webhooks-examples`);
  return structuredClone(found);
}

function retarget(payload: any, fullName: string, installationId: number): any {
  const [owner, repo] = fullName.split('/');
  payload.repository = { ...payload.repository, name: repo, full_name: fullName, owner: { ...payload.repository.owner, login: owner } };
  payload.installation = { id: installationId, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  return payload;
}

/** `create` for a new branch. */
export function createBranchPayload(branch: string, options: { repo?: string; installationId?: number } = {}): any {
  const payload = example('create');
  payload.ref = branch;
  payload.ref_type = 'branch';
  payload.master_branch = 'main';
  payload.repository.default_branch = 'main';
  return retarget(payload, options.repo ?? 'acme/web', options.installationId ?? 1);
}

/** `installation.deleted`: the app was uninstalled. */
export function installationDeletedPayload(installationId = 1): any {
  const payload = example('installation', (p) => p.action === 'deleted');
  payload.installation.id = installationId;
  return payload;
}
