// `issues.edited`, `issue_comment.created` and `check_run.requested_action` deliveries shaped like
// GitHub's (from @octokit/webhooks-examples), adapted to acme/web, installation 4242, default branch main.
import { webhookExample } from './webhook-examples.js';

export const OWNER = 'acme';
export const REPO = 'web';
export const INSTALLATION_ID = 4242;
export const DEFAULT_BRANCH = 'main';
export const BOT = { login: 'planbot[bot]', id: 9_000_001, type: 'Bot' };
export const HUMAN = { login: 'octocat', id: 583231, type: 'User' };

export interface UserLike {
  login: string;
  id: number;
  type: string;
}

function adapt(payload: any, sender: UserLike): any {
  payload.repository.name = REPO;
  payload.repository.full_name = `${OWNER}/${REPO}`;
  payload.repository.owner.login = OWNER;
  payload.repository.default_branch = DEFAULT_BRANCH;
  payload.installation = { id: INSTALLATION_ID, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==' };
  payload.sender = { ...payload.sender, ...sender };
  return payload;
}

export interface IssueInput {
  number?: number;
  body: string;
  state?: 'open' | 'closed';
  stateReason?: string | null;
  user?: UserLike;
  pullRequest?: boolean;
}

function issueOf(base: any, input: IssueInput): any {
  const number = input.number ?? 12;
  const issue = {
    ...base,
    number,
    id: 2_000_000 + number,
    body: input.body,
    state: input.state ?? 'open',
    state_reason: input.stateReason ?? null,
    user: { ...base.user, ...(input.user ?? BOT) },
    url: `https://api.github.com/repos/${OWNER}/${REPO}/issues/${number}`,
    html_url: `https://github.com/${OWNER}/${REPO}/issues/${number}`,
  };
  if (input.pullRequest) {
    issue.pull_request = {
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${number}`,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
      diff_url: `https://github.com/${OWNER}/${REPO}/pull/${number}.diff`,
      patch_url: `https://github.com/${OWNER}/${REPO}/pull/${number}.patch`,
    };
  } else {
    delete issue.pull_request;
  }
  return issue;
}

/** A person (or planbot) edited an issue's body from `from` to `issue.body`. */
export function issueEditedPayload(input: IssueInput & { from: string; sender?: UserLike }): any {
  const payload = adapt(webhookExample('issues', (candidate) => candidate.action === 'edited'), input.sender ?? HUMAN);
  payload.issue = issueOf(payload.issue, input);
  payload.changes = { body: { from: input.from } };
  return payload;
}

/** A comment was posted on an issue or a pull request. */
export function issueCommentPayload(input: { comment: string; issue: IssueInput; sender?: UserLike; commentId?: number }): any {
  const sender = input.sender ?? HUMAN;
  const payload = adapt(webhookExample('issue_comment', (candidate) => candidate.action === 'created'), sender);
  payload.issue = issueOf(payload.issue, input.issue);
  payload.comment = { ...payload.comment, id: input.commentId ?? 777, body: input.comment, user: { ...payload.comment.user, ...sender } };
  return payload;
}

/** A button on a check run was clicked. */
export function checkRunActionPayload(input: {
  identifier: string;
  name?: string;
  pullRequests?: number[];
  externalId?: string | null;
  headSha?: string;
  sender?: UserLike;
}): any {
  const payload = adapt(webhookExample('check_run', (candidate) => candidate.action === 'requested_action'), input.sender ?? HUMAN);
  payload.requested_action = { identifier: input.identifier };
  payload.check_run.name = input.name ?? 'planbot / plan';
  payload.check_run.head_sha = input.headSha ?? 'head-sha-1';
  payload.check_run.external_id = input.externalId ?? '';
  payload.check_run.pull_requests = (input.pullRequests ?? []).map((number) => ({
    url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${number}`,
    id: 100 + number,
    number,
    head: { ref: '001-user-auth', sha: payload.check_run.head_sha, repo: { id: 1, url: '', name: REPO } },
    base: { ref: DEFAULT_BRANCH, sha: 'base-sha', repo: { id: 1, url: '', name: REPO } },
  }));
  delete payload.organization;
  return payload;
}
