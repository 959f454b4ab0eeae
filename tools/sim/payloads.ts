// Webhook payloads built from GitHub's own examples (@octokit/webhooks-examples), moved onto the
// simulated repository: its owner/name/ids/URLs, installation, refs, SHAs and live objects.
// The examples package is a devDependency: it is loaded on first use, never by the app.
import { createRequire } from 'node:module';
import type { Commit } from './git.js';
import { checkRunJson, commentJson, liveIssueJson, pullJson, repoJson, reviewJson, statusJson, treeSha, userJson, type Urls } from './render.js';
import type { SimCheckRun, SimComment, SimIssue, SimPull, SimRepo, SimReview, SimState, SimStatus, SimUser } from './state.js';

type Payload = Record<string, any>;

interface ExampleGroup {
  name: string;
  examples: Payload[];
}

const ZERO_SHA = '0000000000000000000000000000000000000000';

let examplesCache: ExampleGroup[] | null = null;

function examples(): ExampleGroup[] {
  if (!examplesCache) {
    const require = createRequire(import.meta.url);
    examplesCache = require('@octokit/webhooks-examples') as ExampleGroup[];
  }
  return examplesCache;
}

/** The finished payload: user URLs fixed. */
function finish(payload: Payload): Payload {
  fixUserUrls(payload);
  return payload;
}

/** User objects keep the example's extra `*_url` fields; point them at the user actually there. */
function fixUserUrls(node: any): void {
  if (Array.isArray(node)) return node.forEach(fixUserUrls);
  if (!node || typeof node !== 'object') return;
  if (typeof node.login === 'string' && 'gravatar_id' in node) {
    for (const key of Object.keys(node)) {
      if (key.endsWith('_url') && typeof node[key] === 'string') node[key] = node[key].replace(/\/users\/[^/{]+/, `/users/${encodeURIComponent(node.login)}`);
    }
  }
  for (const value of Object.values(node)) fixUserUrls(value);
}

/** A deep copy of the first example of `name` that satisfies `pick` (GitHub's real payload shape). */
export function examplePayload(name: string, pick: (payload: Payload) => boolean = () => true): Payload {
  const group = examples().find((candidate) => candidate.name === name);
  const found = group?.examples.find(pick);
  if (!found) throw new Error(`@octokit/webhooks-examples has no ${name} example matching the request`);
  return structuredClone(found);
}

/** Rewrites the example's github.com URLs and Codertocat/Hello-World names to the simulated ones. */
function retarget<T>(value: T, repo: SimRepo, urls: Urls): T {
  const host = urls.web.replace(/^\w+:\/\//, '');
  const replace = (text: string) =>
    text
      .replaceAll('https://api.github.com', urls.api)
      .replaceAll('https://github.com', urls.web)
      .replaceAll('git://github.com/', `git://${host}/`)
      .replaceAll('git@github.com:', `git@${host}:`)
      .replaceAll('Codertocat/Hello-World', repo.full_name)
      .replaceAll('Octocoders/Hello-World', repo.full_name);
  const walk = (node: any): any => {
    if (typeof node === 'string') return replace(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) node[key] = walk(node[key]);
      return node;
    }
    return node;
  };
  return walk(value);
}

export class PayloadBuilder {
  constructor(
    private readonly state: SimState,
    private readonly urls: () => Urls,
  ) {}

  private base(name: string, pick: (payload: Payload) => boolean, repo: SimRepo, sender: SimUser): Payload {
    const urls = this.urls();
    const payload = retarget(examplePayload(name, pick), repo, urls);
    delete payload.organization;
    if (repo.owner.type === 'Organization') payload.organization = { login: repo.owner.login, id: repo.owner.id, url: `${urls.api}/orgs/${repo.owner.login}` };
    payload.repository = { ...payload.repository, ...repoJson(repo, urls) };
    payload.sender = { ...payload.sender, ...userJson(sender, urls) };
    payload.installation = { id: repo.installationId, node_id: Buffer.from(`023:IntegrationInstallation${repo.installationId}`).toString('base64') };
    return payload;
  }

  private issueObject(repo: SimRepo, issue: SimIssue): Payload {
    return liveIssueJson(this.state, repo, issue, this.urls());
  }

  /** `create` for a new branch. */
  create(repo: SimRepo, branch: string, sender: SimUser): Payload {
    const payload = this.base('create', () => true, repo, sender);
    return finish({ ...payload, ref: branch, ref_type: 'branch', master_branch: repo.default_branch, description: null, pusher_type: 'user' });
  }

  /** `push` of `commits` (oldest first) moving `branch` from `before` to `after`. */
  push(repo: SimRepo, branch: string, before: string | null, after: string, commits: Commit[], sender: SimUser, options: { created?: boolean; forced?: boolean } = {}): Payload {
    const urls = this.urls();
    const payload = this.base('push', (candidate) => candidate.ref.startsWith('refs/heads/') && candidate.commits.length > 0, repo, sender);
    const template = payload.commits[0];
    const git = repo.git;
    const commitEntry = (commit: Commit) => {
      const parent = commit.parents[0] ? git.commit(commit.parents[0]) : undefined;
      const changes = parent ? git.diff(parent, commit) : [...commit.tree.keys()].map((filename) => ({ filename, status: 'added' as const }));
      const identity = { name: commit.author.name, email: commit.author.email, username: commit.login };
      return {
        ...template,
        id: commit.sha,
        tree_id: treeSha(commit),
        distinct: true,
        message: commit.message,
        timestamp: commit.committer.date,
        url: `${urls.web}/${repo.full_name}/commit/${commit.sha}`,
        author: identity,
        committer: identity,
        added: changes.filter((change) => change.status === 'added').map((change) => change.filename),
        removed: changes.filter((change) => change.status === 'removed').map((change) => change.filename),
        modified: changes.filter((change) => change.status === 'modified').map((change) => change.filename),
      };
    };
    const entries = commits.map(commitEntry);
    const created = options.created ?? before === null;
    return finish({
      ...payload,
      ref: `refs/heads/${branch}`,
      before: before ?? ZERO_SHA,
      after,
      created,
      deleted: false,
      forced: options.forced ?? false,
      base_ref: null,
      compare: created ? `${urls.web}/${repo.full_name}/commit/${after}` : `${urls.web}/${repo.full_name}/compare/${before!.slice(0, 12)}...${after.slice(0, 12)}`,
      commits: entries,
      head_commit: git.commit(after) ? commitEntry(git.commit(after)!) : null,
      pusher: { name: sender.login, email: `${sender.login}@users.noreply.github.com` },
    });
  }

  /** `pull_request` with any action; `synchronize` takes the SHAs the head moved between. */
  pullRequest(action: string, repo: SimRepo, pull: SimPull, sender: SimUser, shas: { before?: string; after?: string } = {}): Payload {
    const payload = this.base('pull_request', (candidate) => candidate.action === action || candidate.action === 'opened', repo, sender);
    const pullRequest = { ...payload.pull_request, ...pullJson(repo, pull, this.urls(), (login) => this.state.user(login)) };
    const out: Payload = { ...payload, action, number: pull.number, pull_request: pullRequest };
    if (action === 'synchronize') Object.assign(out, { before: shas.before, after: shas.after });
    else {
      delete out.before;
      delete out.after;
    }
    return finish(out);
  }

  pullRequestReview(action: string, repo: SimRepo, pull: SimPull, review: SimReview, sender: SimUser): Payload {
    const urls = this.urls();
    const payload = this.base('pull_request_review', (candidate) => candidate.action === action || candidate.action === 'submitted', repo, sender);
    return finish({
      ...payload,
      action,
      review: { ...payload.review, ...reviewJson(repo, review, urls), state: review.state.toLowerCase() },
      pull_request: { ...payload.pull_request, ...pullJson(repo, pull, urls, (login) => this.state.user(login)) },
    });
  }

  /** `issues`; `changes` for `edited` (`{ body: { from } }`), `label` for `labeled`/`unlabeled`. */
  issues(action: string, repo: SimRepo, issue: SimIssue, sender: SimUser, extra: { changes?: Payload; label?: string } = {}): Payload {
    const payload = this.base('issues', (candidate) => candidate.action === action || candidate.action === 'opened', repo, sender);
    const out: Payload = { ...payload, action, issue: { ...payload.issue, ...this.issueObject(repo, issue) } };
    delete out.changes;
    delete out.label;
    delete out.assignee;
    delete out.milestone;
    if (action === 'edited') out.changes = extra.changes ?? {};
    if (extra.label) {
      const urls = this.urls();
      const label = this.state.label(repo, extra.label);
      out.label = { id: label.id, node_id: '', url: `${urls.api}/repos/${repo.full_name}/labels/${encodeURIComponent(label.name)}`, name: label.name, color: label.color, default: false, description: label.description };
    }
    return finish(out);
  }

  issueComment(action: string, repo: SimRepo, issue: SimIssue, comment: SimComment, sender: SimUser, changes?: Payload): Payload {
    const payload = this.base('issue_comment', (candidate) => candidate.action === action || candidate.action === 'created', repo, sender);
    const out: Payload = {
      ...payload,
      action,
      issue: { ...payload.issue, ...this.issueObject(repo, issue) },
      comment: { ...payload.comment, ...commentJson(repo, comment, this.urls()) },
    };
    if (!issue.isPullRequest) delete out.issue.pull_request;
    delete out.changes;
    if (action === 'edited') out.changes = changes ?? {};
    return finish(out);
  }

  checkRun(action: string, repo: SimRepo, run: SimCheckRun, sender: SimUser, requestedAction?: { identifier: string }): Payload {
    const payload = this.base('check_run', (candidate) => candidate.action === action || candidate.action === 'created', repo, sender);
    const pulls = [...repo.pulls.values()].filter((pull) => pull.state === 'open' && repo.git.branchSha(pull.head) === run.head_sha);
    const checkRun = { ...payload.check_run, ...checkRunJson(repo, run, this.urls(), pulls), deployment: undefined };
    checkRun.check_suite = { ...payload.check_run.check_suite, id: run.id + 500000, head_sha: run.head_sha, head_branch: pulls[0]?.head ?? null, pull_requests: checkRun.pull_requests, app: checkRun.app };
    const out: Payload = { ...payload, action, check_run: checkRun };
    delete out.requested_action;
    if (requestedAction) out.requested_action = requestedAction;
    return finish(out);
  }

  /**
   * `installation` (created) or `installation_repositories` (added) for repositories of one
   * installation: the app was installed on them, or they were added to it.
   */
  installation(name: 'installation' | 'installation_repositories', installationId: number, repos: SimRepo[], sender: SimUser, appId: number): Payload {
    const urls = this.urls();
    const action = name === 'installation' ? 'created' : 'added';
    const payload = examplePayload(name, (candidate) => candidate.action === action);
    const account = repos[0]?.owner ?? sender;
    const listed = repos.map((repo) => ({ id: repo.id, node_id: Buffer.from(`010:Repository${repo.id}`).toString('base64'), name: repo.name, full_name: repo.full_name, private: repo.private }));
    const installation = {
      ...payload.installation,
      id: installationId,
      account: { ...payload.installation.account, ...userJson(account, urls) },
      repository_selection: 'selected',
      access_tokens_url: `${urls.api}/app/installations/${installationId}/access_tokens`,
      repositories_url: `${urls.api}/installation/repositories`,
      html_url: `${urls.web}/settings/installations/${installationId}`,
      app_id: appId,
      target_id: account.id,
      target_type: account.type === 'Organization' ? 'Organization' : 'User',
    };
    const out: Payload = { ...payload, action, installation, sender: { ...payload.sender, ...userJson(sender, urls) } };
    if (name === 'installation') out.repositories = listed;
    else Object.assign(out, { repository_selection: 'selected', repositories_added: listed, repositories_removed: [] });
    return finish(out);
  }

  status(repo: SimRepo, status: SimStatus, sender: SimUser): Payload {
    const payload = this.base('status', () => true, repo, sender);
    return finish({ ...payload, ...statusJson(repo, status, this.urls()), sha: status.sha, name: repo.full_name, branches: [] });
  }
}
