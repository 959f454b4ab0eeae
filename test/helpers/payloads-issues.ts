// Push deliveries for the issue-sync tests, from @octokit/webhooks-examples, adapted to acme/web
// (installation 4242, default branch `main`). Pull request payloads come from payloads-checks.ts.
import { webhookExample } from './webhook-examples.js';
import { INSTALLATION_ID, OWNER, REPO, REPO_ID } from './payloads-checks.js';

export const AFTER_SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';

export interface PushOptions {
  ref?: string;
  after?: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
  deleted?: boolean;
  sender?: { login: string; type: 'User' | 'Bot' };
}

export function pushPayload(options: PushOptions = {}): any {
  const payload = webhookExample('push', (candidate) => candidate.ref === 'refs/heads/master' && candidate.commits.length === 1);
  payload.ref = options.ref ?? 'refs/heads/main';
  payload.created = false;
  payload.deleted = options.deleted ?? false;
  payload.before = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
  payload.after = options.deleted ? '0000000000000000000000000000000000000000' : (options.after ?? AFTER_SHA);
  const commit = payload.commits[0];
  commit.id = payload.after;
  commit.added = options.added ?? [];
  commit.modified = options.modified ?? [];
  commit.removed = options.removed ?? [];
  payload.head_commit = options.deleted ? null : commit;
  if (options.deleted) payload.commits = [];
  payload.repository.id = REPO_ID;
  payload.repository.name = REPO;
  payload.repository.full_name = `${OWNER}/${REPO}`;
  payload.repository.owner.login = OWNER;
  payload.repository.owner.name = OWNER;
  payload.repository.html_url = `https://github.com/${OWNER}/${REPO}`;
  payload.repository.default_branch = 'main';
  payload.repository.master_branch = 'main';
  payload.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
  if (options.sender) payload.sender = { ...payload.sender, ...options.sender };
  return payload;
}
