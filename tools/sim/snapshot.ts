// A normalised picture of one repository, for comparing two runs of a scenario: what a person
// would see (files, commits, issues with bodies, states and relations, check-run outcomes), with
// everything that legitimately differs between runs (SHAs, ids, numbers, times, ports) replaced
// by stable names.
import type { GitHubSimulator } from './index.js';
import type { RepoRef, SimCheckRun } from './index.js';

export interface RepoSnapshot {
  branches: Record<string, { files: Record<string, string>; commits: Array<{ message: string; by: string }> }>;
  issues: Array<{
    title: string;
    state: string;
    stateReason: string | null;
    labels: string[];
    assignees: string[];
    body: string;
    comments: string[];
    subIssues: string[];
    parent: string | null;
    blockedBy: string[];
  }>;
  /** Per commit (by message) and check name: the latest run's outcome (what the PR shows). */
  checkRuns: Array<{ commit: string; name: string; status: string; conclusion: string | null; title: string | null; summary: string; annotations: number }>;
  statuses: Array<{ commit: string; context: string; state: string }>;
}

export function snapshotRepository(simulator: GitHubSimulator, where: RepoRef): RepoSnapshot {
  const repo = simulator.state.repo(where.owner, where.repo);
  if (!repo) throw new Error(`no repository ${where.owner}/${where.repo}`);
  const issues = [...repo.issues.values()].filter((issue) => !issue.isPullRequest);
  const titleOfNumber = new Map([...repo.issues.values()].map((issue) => [issue.number, issue.title]));
  const titleOfId = new Map([...repo.issues.values()].map((issue) => [issue.id, issue.title]));
  const commitName = new Map<string, string>();
  const blobName = new Map<string, string>();
  for (const branch of repo.git.branches()) {
    for (const commit of repo.git.history(repo.git.branchSha(branch)!)) {
      commitName.set(commit.sha, `<commit "${commit.message.split('\n')[0]}">`);
      for (const [path, sha] of commit.tree) blobName.set(sha, `<blob ${path}>`);
    }
  }

  const normalise = (text: string | null): string =>
    (text ?? '')
      .replaceAll(simulator.apiBase, '<api>')
      .replaceAll(simulator.url, '<web>')
      .replace(/\b[0-9a-f]{40}\b/g, (sha) => commitName.get(sha) ?? blobName.get(sha) ?? '<sha>')
      .replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\b/g, '<time>')
      .replace(/(issues|pull)\/(\d+)/g, (_match, kind: string, number: string) => `${kind}/<${titleOfNumber.get(Number(number)) ?? number}>`)
      .replace(/#(\d+)\b/g, (match, number: string) => (titleOfNumber.has(Number(number)) ? `#<${titleOfNumber.get(Number(number))}>` : match))
      .replace(/\b(\d{4,})\b/g, (match, id: string) => (titleOfId.has(Number(id)) ? `<id ${titleOfId.get(Number(id))}>` : match));

  const branches: RepoSnapshot['branches'] = {};
  for (const branch of repo.git.branches().filter((name) => !name.includes(':'))) {
    const head = repo.git.commit(repo.git.branchSha(branch)!)!;
    const files: Record<string, string> = {};
    for (const [path, sha] of [...head.tree].sort(([a], [b]) => a.localeCompare(b))) files[path] = normalise(repo.git.blob(sha)!.toString('utf8'));
    branches[branch] = { files, commits: repo.git.history(head.sha).map((commit) => ({ message: commit.message, by: commit.login })) };
  }

  const checkGroups = new Map<string, SimCheckRun[]>();
  for (const run of [...repo.checkRuns.values()].sort((a, b) => a.id - b.id)) {
    const key = `${commitName.get(run.head_sha) ?? '<unknown commit>'}\u0000${run.name}`;
    checkGroups.set(key, [...(checkGroups.get(key) ?? []), run]);
  }

  return {
    branches,
    issues: issues
      .map((issue) => ({
        title: issue.title,
        state: issue.state,
        stateReason: issue.state_reason,
        labels: [...issue.labels].sort(),
        assignees: [...issue.assignees].sort(),
        body: normalise(issue.body),
        comments: [...repo.comments.values()].filter((comment) => comment.issueNumber === issue.number).map((comment) => `${comment.user.login}: ${normalise(comment.body)}`),
        subIssues: issue.subIssues.map((id) => titleOfId.get(id) ?? `<id ${id}>`),
        parent: issue.parent === null ? null : (titleOfId.get(issue.parent) ?? `<id ${issue.parent}>`),
        blockedBy: issue.blockedBy.map((id) => titleOfId.get(id) ?? `<id ${id}>`).sort(),
      }))
      .sort((a, b) => a.title.localeCompare(b.title)),
    checkRuns: [...checkGroups.entries()]
      .map(([key, runs]) => {
        const latest = runs[runs.length - 1];
        return {
          commit: key.split('\u0000')[0],
          name: latest.name,
          status: latest.status,
          conclusion: latest.conclusion,
          title: latest.output.title,
          summary: normalise(latest.output.summary),
          annotations: latest.annotations.length,
        };
      })
      .sort((a, b) => `${a.commit}${a.name}`.localeCompare(`${b.commit}${b.name}`)),
    statuses: repo.statuses.map((status) => ({ commit: commitName.get(status.sha) ?? '<unknown commit>', context: status.context, state: status.state })),
  };
}
