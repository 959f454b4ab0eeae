// `create` and `push` deliveries shaped like GitHub's (from @octokit/webhooks-examples), adapted to
// the acme/web repository with installation 4242 and default branch `main`.
import { webhookExample } from './webhook-examples.js';

export const OWNER = 'acme';
export const REPO = 'web';
export const INSTALLATION_ID = 4242;
export const DEFAULT_BRANCH = 'main';

function adaptRepository(payload: any): any {
  payload.repository.name = REPO;
  payload.repository.full_name = `${OWNER}/${REPO}`;
  payload.repository.owner.login = OWNER;
  payload.repository.owner.name = OWNER;
  payload.repository.default_branch = DEFAULT_BRANCH;
  payload.repository.master_branch = DEFAULT_BRANCH;
  payload.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
  return payload;
}

/** A `create` delivery for a new branch (ref is the short branch name, as GitHub sends it). */
export function createBranchPayload(branch: string, refType: 'branch' | 'tag' = 'branch'): any {
  const payload = adaptRepository(webhookExample('create', (candidate) => candidate.installation !== undefined));
  payload.ref = branch;
  payload.ref_type = refType;
  payload.master_branch = DEFAULT_BRANCH;
  return payload;
}

/** The `push` delivery GitHub sends alongside `create` when a branch is pushed for the first time. */
export function pushCreatedPayload(ref: string): any {
  const payload = adaptRepository(webhookExample('push', (candidate) => candidate.created === true && candidate.ref.startsWith('refs/heads/')));
  payload.ref = ref;
  payload.created = true;
  payload.deleted = false;
  payload.base_ref = null;
  return payload;
}
