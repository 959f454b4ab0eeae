// Deliveries for the checks feature, shaped like GitHub's (from @octokit/webhooks-examples), adapted
// to acme/web, installation 4242, default branch `main`.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const examples: Array<{ name: string; examples: any[] }> = require('@octokit/webhooks-examples/api.github.com/index.json');

export const OWNER = 'acme';
export const REPO = 'web';
export const REPO_ID = 186853002;
export const INSTALLATION_ID = 4242;
export const HEAD_SHA = 'ec26c3e57ca3a959ca5aad62de7213c562f8c821';
export const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';

function example(name: string, pick: (payload: any) => boolean): any {
  const found = examples.find((entry) => entry.name === name)?.examples.find(pick);
  if (!found) throw new Error(`no ${name} example`);
  return structuredClone(found);
}

function adaptRepository(repository: any): any {
  repository.id = REPO_ID;
  repository.name = REPO;
  repository.full_name = `${OWNER}/${REPO}`;
  repository.owner.login = OWNER;
  repository.default_branch = 'main';
  return repository;
}

function adapt(payload: any): any {
  adaptRepository(payload.repository);
  payload.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
  return payload;
}

export interface PullOptions {
  number?: number;
  headRef?: string;
  headSha?: string;
  /** `owner/name` of a fork the head branch lives in. */
  fork?: string;
  state?: 'open' | 'closed';
}

function adaptPull(pr: any, options: PullOptions): any {
  pr.number = options.number ?? 7;
  pr.state = options.state ?? 'open';
  pr.head.ref = options.headRef ?? '001-user-auth';
  pr.head.sha = options.headSha ?? HEAD_SHA;
  pr.base.ref = 'main';
  pr.base.sha = BASE_SHA;
  adaptRepository(pr.base.repo);
  if (options.fork) {
    const [forkOwner, forkName] = options.fork.split('/');
    pr.head.repo = { ...structuredClone(pr.base.repo), id: 99, name: forkName, full_name: options.fork, fork: true };
    pr.head.repo.owner = { ...pr.head.repo.owner, login: forkOwner };
    pr.head.label = `${forkOwner}:${pr.head.ref}`;
  } else {
    adaptRepository(pr.head.repo);
    pr.head.label = `${OWNER}:${pr.head.ref}`;
  }
  return pr;
}

export function pullRequestPayload(action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review', options: PullOptions = {}): any {
  const payload = adapt(example('pull_request', (candidate) => candidate.action === 'opened'));
  payload.action = action;
  payload.number = options.number ?? 7;
  adaptPull(payload.pull_request, options);
  return payload;
}

/** The pull request as `GET /repos/{o}/{r}/pulls/{n}` answers it. */
export function pullRequestResource(options: PullOptions = {}): any {
  return adaptPull(example('pull_request', (candidate) => candidate.action === 'opened').pull_request, options);
}

export function reviewPayload(
  action: 'submitted' | 'dismissed',
  state: 'approved' | 'commented' | 'changes_requested' | 'dismissed',
  options: PullOptions = {},
): any {
  const payload = adapt(example('pull_request_review', (candidate) => candidate.action === 'submitted'));
  payload.action = action;
  payload.review.state = state;
  adaptPull(payload.pull_request, options);
  return payload;
}

export interface CheckRunOptions {
  name: string;
  headSha?: string;
  headBranch?: string;
  /** Pull requests as check payloads list them (number + head/base); default: none (like a fork's). */
  pulls?: Array<{ number: number; headRef: string }>;
  appId?: number;
  externalId?: string;
  conclusion?: string;
}

function checkPulls(pulls: CheckRunOptions['pulls'], headSha: string): any[] {
  return (pulls ?? []).map((pull) => ({
    url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${pull.number}`,
    id: 1000 + pull.number,
    number: pull.number,
    head: { ref: pull.headRef, sha: headSha, repo: { id: REPO_ID, url: `https://api.github.com/repos/${OWNER}/${REPO}`, name: REPO } },
    base: { ref: 'main', sha: BASE_SHA, repo: { id: REPO_ID, url: `https://api.github.com/repos/${OWNER}/${REPO}`, name: REPO } },
  }));
}

export function checkRunPayload(action: 'completed' | 'rerequested', options: CheckRunOptions): any {
  const payload = adapt(example('check_run', (candidate) => candidate.action === action));
  const headSha = options.headSha ?? HEAD_SHA;
  const run = payload.check_run;
  run.name = options.name;
  run.head_sha = headSha;
  run.status = 'completed';
  run.conclusion = options.conclusion ?? 'success';
  run.external_id = options.externalId ?? '';
  run.app = { ...run.app, id: options.appId ?? 15368 };
  run.check_suite.head_sha = headSha;
  run.check_suite.head_branch = options.headBranch ?? '001-user-auth';
  run.check_suite.app = { ...(run.check_suite.app ?? {}), id: options.appId ?? 15368 };
  run.pull_requests = checkPulls(options.pulls, headSha);
  run.check_suite.pull_requests = run.pull_requests;
  return payload;
}

export function checkSuitePayload(options: Omit<CheckRunOptions, 'name' | 'externalId' | 'conclusion'>): any {
  const payload = adapt(example('check_suite', (candidate) => candidate.action === 'rerequested'));
  const headSha = options.headSha ?? HEAD_SHA;
  payload.check_suite.head_sha = headSha;
  payload.check_suite.after = headSha;
  payload.check_suite.head_branch = options.headBranch ?? '001-user-auth';
  payload.check_suite.app = { ...payload.check_suite.app, id: options.appId ?? 15368 };
  payload.check_suite.pull_requests = checkPulls(options.pulls, headSha);
  return payload;
}

export function statusPayload(options: { context: string; state: 'success' | 'failure' | 'error' | 'pending'; sha?: string; branches?: string[] }): any {
  const payload = adapt(example('status', () => true));
  const sha = options.sha ?? HEAD_SHA;
  payload.sha = sha;
  payload.context = options.context;
  payload.state = options.state;
  payload.commit.sha = sha;
  payload.branches = (options.branches ?? ['001-user-auth']).map((name) => ({ name, commit: { sha, url: '' }, protected: false }));
  return payload;
}

export function mergeGroupPayload(options: { headSha: string; headRef: string; baseSha?: string }): any {
  const payload = adapt(example('merge_group', () => true));
  payload.merge_group.head_sha = options.headSha;
  payload.merge_group.head_ref = options.headRef;
  payload.merge_group.base_sha = options.baseSha ?? BASE_SHA;
  payload.merge_group.base_ref = 'refs/heads/main';
  return payload;
}
