// GitHub issues as planbot's issue sync sees them: a trimmed snapshot, the labelled listing that
// finds planbot's issues (never the search API: it is eventually consistent and would let
// duplicates through), and the writes. Every GET goes through the conditional-request cache.
import type { Octokit, RepoCoordinates } from './files.js';
import { statusOf } from './files.js';

export interface IssueSnapshot {
  /** Database id: what the sub-issue and dependency APIs take. */
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  htmlUrl: string;
  /** Created by an app or bot account: only such issues' markers are trusted. */
  byBot: boolean;
  /** undefined when the server does not report it (older GHES); null when the issue has no parent. */
  parentIssueUrl?: string | null;
  /** Open + closed issues blocking this one; undefined when the server does not report it. */
  blockedByCount?: number;
  /** Sub-issues of this issue; undefined when the server does not report it. */
  subIssuesCount?: number;
}

export function toIssueSnapshot(data: any): IssueSnapshot {
  return {
    id: data.id,
    number: data.number,
    title: data.title ?? '',
    body: data.body ?? '',
    state: data.state === 'closed' ? 'closed' : 'open',
    stateReason: data.state_reason ?? null,
    labels: (data.labels ?? []).map((label: string | { name?: string }) => (typeof label === 'string' ? label : label.name ?? '')),
    htmlUrl: data.html_url ?? '',
    byBot: data.user?.type === 'Bot' || data.performed_via_github_app != null,
    parentIssueUrl: 'parent_issue_url' in data ? (data.parent_issue_url ?? null) : undefined,
    blockedByCount: data.issue_dependencies_summary?.total_blocked_by,
    subIssuesCount: data.sub_issues_summary?.total,
  };
}

/**
 * Every issue (open and closed, pull requests left out) carrying `label`. One request per 100
 * issues; unchanged pages answer 304, which costs no rate limit.
 */
export async function listLabelledIssues(octokit: Octokit, where: RepoCoordinates, label: string): Promise<IssueSnapshot[]> {
  const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...where,
    labels: label,
    state: 'all',
    per_page: 100,
  });
  return items.filter((item: any) => !item.pull_request).map(toIssueSnapshot);
}

/** One issue, or null when it is gone (deleted, transferred) or is a pull request. */
export async function getIssue(octokit: Octokit, where: RepoCoordinates, number: number): Promise<IssueSnapshot | null> {
  try {
    const { data } = await octokit.rest.issues.get({ ...where, issue_number: number });
    if ((data as any).pull_request) return null;
    // A transferred issue answers with its new home: it is no longer this repository's.
    if (data.number !== number) return null;
    return toIssueSnapshot(data);
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 410 || status === 301) return null;
    throw error;
  }
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  milestone: number | null;
}

export async function createIssue(octokit: Octokit, where: RepoCoordinates, issue: NewIssue): Promise<IssueSnapshot> {
  const { data } = await octokit.rest.issues.create({
    ...where,
    title: issue.title,
    body: issue.body,
    labels: issue.labels,
    ...(issue.assignees.length > 0 ? { assignees: issue.assignees } : {}),
    ...(issue.milestone !== null ? { milestone: issue.milestone } : {}),
  });
  return toIssueSnapshot(data);
}

export interface IssueChanges {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened';
}

export async function updateIssue(
  octokit: Octokit,
  where: RepoCoordinates,
  number: number,
  changes: IssueChanges,
): Promise<IssueSnapshot> {
  const { data } = await octokit.rest.issues.update({
    ...where,
    issue_number: number,
    ...(changes.title !== undefined ? { title: changes.title } : {}),
    ...(changes.body !== undefined ? { body: changes.body } : {}),
    ...(changes.state !== undefined ? { state: changes.state } : {}),
    ...(changes.stateReason !== undefined ? { state_reason: changes.stateReason } : {}),
  });
  return toIssueSnapshot(data);
}

export async function commentOnIssue(octokit: Octokit, where: RepoCoordinates, number: number, body: string): Promise<void> {
  await octokit.rest.issues.createComment({ ...where, issue_number: number, body });
}

export async function addLabelsToIssue(
  octokit: Octokit,
  where: RepoCoordinates,
  number: number,
  labels: string[],
): Promise<void> {
  await octokit.rest.issues.addLabels({ ...where, issue_number: number, labels });
}
