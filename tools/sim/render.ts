// JSON representations in GitHub's REST shapes. Webhook payloads reuse them, since GitHub puts
// the same objects in both (an issue in `issues.edited` is the issue the REST API returns).
import type { Commit } from './git.js';
import type { SimCheckRun, SimComment, SimIssue, SimLabel, SimPull, SimReaction, SimRepo, SimReview, SimState, SimStatus, SimUser } from './state.js';

export interface Urls {
  /** REST base, e.g. http://127.0.0.1:PORT/api/v3 */
  api: string;
  /** Web base, e.g. http://127.0.0.1:PORT */
  web: string;
}

export function userJson(user: SimUser, urls: Urls): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: Buffer.from(`04:${user.type}${user.id}`).toString('base64'),
    avatar_url: `${urls.web}/avatars/${encodeURIComponent(user.login)}`,
    gravatar_id: '',
    url: `${urls.api}/users/${encodeURIComponent(user.login)}`,
    html_url: `${urls.web}/${encodeURIComponent(user.login)}`,
    type: user.type,
    site_admin: false,
  };
}

export function repoJson(repo: SimRepo, urls: Urls): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.full_name}`;
  return {
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: repo.full_name,
    private: repo.private,
    owner: userJson(repo.owner, urls),
    html_url: `${urls.web}/${repo.full_name}`,
    description: null,
    fork: false,
    url: api,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    contents_url: `${api}/contents/{+path}`,
    created_at: repo.created_at,
    updated_at: repo.created_at,
    pushed_at: repo.created_at,
    default_branch: repo.default_branch,
    visibility: repo.private ? 'private' : 'public',
    archived: false,
    disabled: false,
    has_issues: true,
    open_issues_count: [...repo.issues.values()].filter((issue) => issue.state === 'open').length,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  };
}

export function labelJson(repo: SimRepo, label: SimLabel, urls: Urls): Record<string, unknown> {
  return {
    id: label.id,
    node_id: Buffer.from(`08:Label${label.id}`).toString('base64'),
    url: `${urls.api}/repos/${repo.full_name}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

export function issueJson(repo: SimRepo, issue: SimIssue, urls: Urls, extra: { labels: SimLabel[]; users: (login: string) => SimUser; comments: number }): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.full_name}/issues/${issue.number}`;
  const assignees = issue.assignees.map((login) => userJson(extra.users(login), urls));
  const json: Record<string, unknown> = {
    id: issue.id,
    node_id: Buffer.from(`05:Issue${issue.id}`).toString('base64'),
    url: api,
    repository_url: `${urls.api}/repos/${repo.full_name}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: `${urls.web}/${repo.full_name}/${issue.isPullRequest ? 'pull' : 'issues'}/${issue.number}`,
    number: issue.number,
    title: issue.title,
    user: userJson(issue.user, urls),
    labels: extra.labels.map((label) => labelJson(repo, label, urls)),
    state: issue.state,
    state_reason: issue.state_reason,
    locked: false,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: issue.milestone === null ? null : { number: issue.milestone, title: `Milestone ${issue.milestone}` },
    type: issue.type ? { name: issue.type } : null,
    comments: extra.comments,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: repo.owner.login === issue.user.login ? 'OWNER' : issue.user.type === 'Bot' ? 'NONE' : 'COLLABORATOR',
    body: issue.body,
    sub_issues_summary: { total: issue.subIssues.length, completed: 0, percent_completed: 0 },
    reactions: { url: `${api}/reactions`, total_count: 0 },
  };
  if (issue.isPullRequest) {
    json.pull_request = {
      url: `${urls.api}/repos/${repo.full_name}/pulls/${issue.number}`,
      html_url: `${urls.web}/${repo.full_name}/pull/${issue.number}`,
    };
  }
  return json;
}

/** An issue as the API shows it now: its labels, assignees and comment count looked up live. */
export function liveIssueJson(state: SimState, repo: SimRepo, issue: SimIssue, urls: Urls): Record<string, unknown> {
  return issueJson(repo, issue, urls, {
    labels: issue.labels.map((name) => state.label(repo, name)),
    users: (login) => state.user(login),
    comments: [...repo.comments.values()].filter((comment) => comment.issueNumber === issue.number).length,
  });
}

export function commentJson(repo: SimRepo, comment: SimComment, urls: Urls): Record<string, unknown> {
  const counts: Record<string, number> = {};
  for (const reaction of comment.reactions) counts[reaction.content] = (counts[reaction.content] ?? 0) + 1;
  return {
    id: comment.id,
    node_id: Buffer.from(`012:IssueComment${comment.id}`).toString('base64'),
    url: `${urls.api}/repos/${repo.full_name}/issues/comments/${comment.id}`,
    html_url: `${urls.web}/${repo.full_name}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${repo.full_name}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: userJson(comment.user, urls),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: repo.owner.login === comment.user.login ? 'OWNER' : 'COLLABORATOR',
    reactions: { url: `${urls.api}/repos/${repo.full_name}/issues/comments/${comment.id}/reactions`, total_count: comment.reactions.length, ...counts },
  };
}

export function reactionJson(reaction: SimReaction, urls: Urls): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: Buffer.from(`016:Reaction${reaction.id}`).toString('base64'),
    user: userJson(reaction.user, urls),
    content: reaction.content,
    created_at: reaction.created_at,
  };
}

export function checkRunJson(repo: SimRepo, run: SimCheckRun, urls: Urls, pulls: SimPull[]): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.full_name}/check-runs/${run.id}`;
  return {
    id: run.id,
    node_id: Buffer.from(`08:CheckRun${run.id}`).toString('base64'),
    head_sha: run.head_sha,
    external_id: run.external_id ?? '',
    url: api,
    html_url: `${urls.web}/${repo.full_name}/runs/${run.id}`,
    details_url: run.details_url ?? `${urls.web}/apps/${run.app.login.replace(/\[bot\]$/, '')}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: {
      title: run.output.title,
      summary: run.output.summary,
      text: run.output.text,
      annotations_count: run.annotations.length,
      annotations_url: `${api}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id + 500000 },
    app: { id: run.appId, slug: run.app.login.replace(/\[bot\]$/, ''), name: run.app.login.replace(/\[bot\]$/, '') },
    pull_requests: pulls.map((pull) => pullRefJson(repo, pull, urls)),
  };
}

function pullRefJson(repo: SimRepo, pull: SimPull, urls: Urls): Record<string, unknown> {
  const branchRef = (branch: string) => ({ ref: branch, sha: repo.git.branchSha(branch) ?? '', repo: { id: repo.id, url: `${urls.api}/repos/${repo.full_name}`, name: repo.name } });
  return { url: `${urls.api}/repos/${repo.full_name}/pulls/${pull.number}`, id: pull.id, number: pull.number, head: branchRef(pull.head), base: branchRef(pull.base) };
}

export function statusJson(repo: SimRepo, status: SimStatus, urls: Urls): Record<string, unknown> {
  return {
    id: status.id,
    node_id: Buffer.from(`013:StatusContext${status.id}`).toString('base64'),
    url: `${urls.api}/repos/${repo.full_name}/statuses/${status.sha}`,
    state: status.state,
    description: status.description,
    target_url: status.target_url,
    context: status.context,
    avatar_url: null,
    created_at: status.created_at,
    updated_at: status.created_at,
    creator: userJson(status.creator, urls),
  };
}

export function commitJson(repo: SimRepo, commit: Commit, urls: Urls): Record<string, unknown> {
  return {
    sha: commit.sha,
    node_id: Buffer.from(`06:Commit${commit.sha}`).toString('base64'),
    url: `${urls.api}/repos/${repo.full_name}/commits/${commit.sha}`,
    html_url: `${urls.web}/${repo.full_name}/commit/${commit.sha}`,
    commit: {
      url: `${urls.api}/repos/${repo.full_name}/git/commits/${commit.sha}`,
      message: commit.message,
      author: commit.author,
      committer: commit.committer,
      tree: { sha: treeSha(commit), url: `${urls.api}/repos/${repo.full_name}/git/trees/${treeSha(commit)}` },
      comment_count: 0,
    },
    author: { login: commit.login },
    committer: { login: commit.login },
    parents: commit.parents.map((sha) => ({ sha, url: `${urls.api}/repos/${repo.full_name}/commits/${sha}` })),
  };
}

/** A stand-in tree id: derived from the commit, stable. */
export function treeSha(commit: Commit): string {
  return commit.sha.split('').reverse().join('');
}

export function pullJson(repo: SimRepo, pull: SimPull, urls: Urls, users: (login: string) => SimUser): Record<string, unknown> {
  const api = `${urls.api}/repos/${repo.full_name}/pulls/${pull.number}`;
  const base = repoJson(repo, urls);
  const side = (branch: string, repoFullName: string | null) => {
    const owner = repoFullName ? repoFullName.split('/')[0] : repo.owner.login;
    const sha = repoFullName ? (repo.git.branchSha(`${repoFullName}:${branch}`) ?? '') : (repo.git.branchSha(branch) ?? '');
    return {
      label: `${owner}:${branch}`,
      ref: branch,
      sha,
      user: userJson(users(owner), urls),
      repo: repoFullName ? { ...base, id: repo.id + 1, name: repoFullName.split('/')[1], full_name: repoFullName, fork: true, owner: userJson(users(owner), urls) } : base,
    };
  };
  return {
    url: api,
    id: pull.id,
    node_id: Buffer.from(`011:PullRequest${pull.id}`).toString('base64'),
    html_url: `${urls.web}/${repo.full_name}/pull/${pull.number}`,
    diff_url: `${urls.web}/${repo.full_name}/pull/${pull.number}.diff`,
    patch_url: `${urls.web}/${repo.full_name}/pull/${pull.number}.patch`,
    issue_url: `${urls.api}/repos/${repo.full_name}/issues/${pull.number}`,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    statuses_url: `${urls.api}/repos/${repo.full_name}/statuses/${side(pull.head, pull.headRepo).sha}`,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(pull.user, urls),
    body: pull.body,
    labels: [],
    milestone: null,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    draft: pull.draft,
    head: side(pull.head, pull.headRepo),
    base: side(pull.base, null),
    author_association: repo.owner.login === pull.user.login ? 'OWNER' : 'COLLABORATOR',
    merged: pull.merged,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}

export function reviewJson(repo: SimRepo, review: SimReview, urls: Urls): Record<string, unknown> {
  return {
    id: review.id,
    node_id: Buffer.from(`017:PullRequestReview${review.id}`).toString('base64'),
    user: userJson(review.user, urls),
    body: review.body,
    state: review.state,
    html_url: `${urls.web}/${repo.full_name}/pull/${review.pullNumber}#pullrequestreview-${review.id}`,
    pull_request_url: `${urls.api}/repos/${repo.full_name}/pulls/${review.pullNumber}`,
    author_association: 'COLLABORATOR',
    submitted_at: review.submitted_at,
    commit_id: review.commit_id,
  };
}
