// The GitHub boundary over Octokit: the one implementation of src/github/github.ts the app, the CLI
// and the action use. The hooks that make its client planbot's (ETags, pacing, timeouts, the write
// guard, metrics) are installed where the app makes the client (src/app/installation-github.ts);
// this file only turns each call into its request and each answer into the boundary's types.
import type { Context } from 'probot';
import type {
  ChangedFileEntry,
  CheckRunOutput,
  CollaboratorPermission,
  ConfigLayer,
  ExistingCheckRun,
  GitHub,
  InstalledRepository,
  IssueChanges,
  IssueSnapshot,
  LabelSpec,
  NewCheckRun,
  NewIssue,
  PullRequestData,
  RateLimitReading,
  ReadOptions,
  RepoCoordinates,
  RepoFile,
  ReviewEntry,
  FileWrite,
  WrittenFile,
} from './github.js';
import { FileTooLargeError, MAX_FILE_BYTES, mentions, statusOf } from './errors.js';
import { decodeUtf8, decodeUtf8Lenient } from './decode.js';
import type { ProjectFieldValue, ProjectRef } from './github.js';
import * as projects from './projects-graphql.js';

export type Octokit = Context['octokit'];

/** Wraps an Octokit (Probot's, or @octokit/rest's with the config plugin) as planbot's GitHub boundary. */
export function octokitGitHub(octokit: Octokit): GitHub {
  // One boundary per client: its rate-limit hook is installed once, however many jobs share the client.
  let github = boundaries.get(octokit);
  if (!github) boundaries.set(octokit, (github = new OctokitGitHub(octokit)));
  return github;
}

const boundaries = new WeakMap<object, GitHub>();

class OctokitGitHub implements GitHub {
  private reading: RateLimitReading | null = null;

  constructor(private readonly octokit: Octokit) {
    octokit.hook.wrap('request', async (request, options) => {
      try {
        const response = await request(options);
        this.observe(response?.headers);
        return response;
      } catch (error) {
        this.observe((error as { response?: { headers?: Record<string, unknown> } })?.response?.headers);
        throw error;
      }
    });
  }

  get apiBaseUrl(): string {
    return String(this.octokit.request.endpoint.DEFAULTS.baseUrl);
  }

  rateLimit(): RateLimitReading | null {
    return this.reading;
  }

  private observe(headers: Record<string, unknown> | undefined): void {
    const limit = Number(headers?.['x-ratelimit-limit']);
    const remaining = Number(headers?.['x-ratelimit-remaining']);
    const reset = Number(headers?.['x-ratelimit-reset']);
    if (Number.isFinite(limit) && Number.isFinite(remaining) && Number.isFinite(reset)) this.reading = { limit, remaining, reset };
  }

  // Repositories and files

  async getRepository(where: RepoCoordinates) {
    const { data } = await this.octokit.rest.repos.get({ ...where });
    return { default_branch: data.default_branch, html_url: data.html_url };
  }

  async branchExists(where: RepoCoordinates, branch: string): Promise<boolean> {
    try {
      await this.octokit.rest.repos.getBranch({ ...where, branch });
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  async branchHead(where: RepoCoordinates, branch: string): Promise<string | null> {
    try {
      const { data } = await this.octokit.rest.git.getRef({ ...where, ref: `heads/${branch}` });
      return data.object.sha;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  /** Costs 1 request (2 for files over 1 MB, which the contents API returns without content). Reads go through the base repository, which works for fork PRs at their head SHA. */
  async readFile(where: RepoCoordinates, path: string, ref: string, options: ReadOptions = {}): Promise<RepoFile | null> {
    let data: any;
    try {
      ({ data } = await this.octokit.rest.repos.getContent({ ...where, path, ref }));
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
    if (Array.isArray(data) || data.type !== 'file') return null;
    if (data.size > MAX_FILE_BYTES) throw new FileTooLargeError(path, data.size);
    let base64: string = data.content ?? '';
    if (data.encoding === 'none' || (!base64 && data.size > 0)) {
      const blob = await this.octokit.rest.git.getBlob({ ...where, file_sha: data.sha });
      base64 = blob.data.content;
    }
    const bytes = Buffer.from(base64, 'base64');
    if (options.lenient) {
      const { text, lossy } = decodeUtf8Lenient(path, bytes);
      return { path, ref, sha: data.sha, size: data.size, content: text, ...(lossy ? { lossy } : {}) };
    }
    return { path, ref, sha: data.sha, size: data.size, content: decodeUtf8(path, bytes) };
  }

  async writeFile(where: RepoCoordinates, write: FileWrite): Promise<WrittenFile> {
    const { path, branch, message, sha } = write;
    const content = Buffer.from(write.content, 'utf8').toString('base64');
    const { data } = await this.octokit.rest.repos.createOrUpdateFileContents({ ...where, path, branch, message, content, ...(sha ? { sha } : {}) });
    return { commitSha: data.commit.sha ?? '', blobSha: data.content?.sha ?? '' };
  }

  async compareFiles(where: RepoCoordinates, base: string, head: string): Promise<ChangedFileEntry[]> {
    const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({ ...where, basehead: `${base}...${head}` });
    return (data.files ?? []).map(toChangedFile);
  }

  async readConfigLayers(where: RepoCoordinates, path: string): Promise<ConfigLayer[]> {
    const { files } = await this.octokit.config.get({ owner: where.owner, repo: where.repo, path });
    return files.map((file: any) => ({
      owner: file.owner,
      repo: file.repo,
      path: file.path,
      url: String(file.url ?? ''),
      config: (file.config ?? null) as Record<string, unknown> | null,
    }));
  }

  async readRawText(where: RepoCoordinates, path: string): Promise<string | null> {
    try {
      // The config plugin's own request (raw media type, default branch), so the ETag cache answers it.
      const { data } = await this.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
        ...where,
        path,
        mediaType: { format: 'raw' },
      });
      return typeof data === 'string' ? data : null;
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  // Pull requests

  async getPull(where: RepoCoordinates, number: number): Promise<PullRequestData> {
    const { data } = await this.octokit.rest.pulls.get({ ...where, pull_number: number });
    return data as unknown as PullRequestData;
  }

  async listOpenPulls(where: RepoCoordinates, filter: { head?: string; limit?: number } = {}): Promise<PullRequestData[]> {
    // `head` before `state`: the query string planbot has always sent (tests and ETag caches key on it).
    const parameters = { ...where, ...(filter.head ? { head: filter.head } : {}), state: 'open' as const };
    if (filter.limit !== undefined) {
      const { data } = await this.octokit.rest.pulls.list({ ...parameters, per_page: filter.limit });
      return data as unknown as PullRequestData[];
    }
    const all = await this.octokit.paginate(this.octokit.rest.pulls.list, { ...parameters, per_page: 100 });
    return all as unknown as PullRequestData[];
  }

  async listPullsForCommit(where: RepoCoordinates, sha: string, limit = 100): Promise<PullRequestData[]> {
    const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...where, commit_sha: sha, per_page: limit });
    return data as unknown as PullRequestData[];
  }

  async listPullFiles(where: RepoCoordinates, number: number): Promise<ChangedFileEntry[]> {
    const entries = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, { ...where, pull_number: number, per_page: 100 });
    return entries.map(toChangedFile);
  }

  async listReviews(where: RepoCoordinates, number: number): Promise<ReviewEntry[]> {
    const reviews = await this.octokit.paginate(this.octokit.rest.pulls.listReviews, { ...where, pull_number: number, per_page: 100 });
    return reviews as ReviewEntry[];
  }

  // Check runs and statuses

  async listCheckRuns(where: RepoCoordinates, sha: string): Promise<ExistingCheckRun[]> {
    const runs = await this.octokit.paginate(this.octokit.rest.checks.listForRef, { ...where, ref: sha, filter: 'latest', per_page: 100 });
    return runs as ExistingCheckRun[];
  }

  async createCheckRun(where: RepoCoordinates, run: NewCheckRun): Promise<{ id: number }> {
    const { data } = await this.octokit.rest.checks.create({
      ...where,
      name: run.name,
      head_sha: run.headSha,
      status: 'completed',
      conclusion: run.conclusion as any,
      ...(run.externalId ? { external_id: run.externalId } : {}),
      ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
      output: outputBody(run.output),
      ...(run.actions && run.actions.length > 0 ? { actions: run.actions } : {}),
    });
    return { id: data.id };
  }

  async updateCheckRun(where: RepoCoordinates, id: number, update: Parameters<GitHub['updateCheckRun']>[2]): Promise<void> {
    await this.octokit.rest.checks.update({
      ...where,
      check_run_id: id,
      ...(update.conclusion !== undefined ? { status: 'completed' as const, conclusion: update.conclusion as any } : {}),
      ...(update.output ? { output: outputBody(update.output) } : {}),
      ...(update.actions ? { actions: update.actions } : {}),
    });
  }

  async listCommitStatuses(where: RepoCoordinates, sha: string) {
    const { data } = await this.octokit.rest.repos.getCombinedStatusForRef({ ...where, ref: sha, per_page: 100 });
    return data.statuses.map((status) => ({ context: status.context, state: status.state }));
  }

  // Issues and their relations

  async listLabelledIssues(where: RepoCoordinates, label: string): Promise<IssueSnapshot[]> {
    const items = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, { ...where, labels: label, state: 'all', per_page: 100 });
    return items.filter((item: any) => !item.pull_request).map(toIssueSnapshot);
  }

  async getIssue(where: RepoCoordinates, number: number): Promise<IssueSnapshot | null> {
    try {
      const { data } = await this.octokit.rest.issues.get({ ...where, issue_number: number });
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

  async createIssue(where: RepoCoordinates, issue: NewIssue): Promise<IssueSnapshot> {
    const { data } = await this.octokit.rest.issues.create({
      ...where,
      title: issue.title,
      body: issue.body,
      labels: issue.labels,
      ...(issue.assignees.length > 0 ? { assignees: issue.assignees } : {}),
      ...(issue.milestone !== null ? { milestone: issue.milestone } : {}),
    });
    return toIssueSnapshot(data);
  }

  async updateIssue(where: RepoCoordinates, number: number, changes: IssueChanges): Promise<IssueSnapshot> {
    const { data } = await this.octokit.rest.issues.update({
      ...where,
      issue_number: number,
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.body !== undefined ? { body: changes.body } : {}),
      ...(changes.state !== undefined ? { state: changes.state } : {}),
      ...(changes.stateReason !== undefined ? { state_reason: changes.stateReason } : {}),
    });
    return toIssueSnapshot(data);
  }

  async addLabels(where: RepoCoordinates, number: number, labels: string[]): Promise<void> {
    await this.octokit.rest.issues.addLabels({ ...where, issue_number: number, labels });
  }

  async createLabel(where: RepoCoordinates, label: LabelSpec): Promise<boolean> {
    try {
      await this.octokit.rest.issues.createLabel({ ...where, name: label.name, color: label.color, description: label.description });
      return true;
    } catch (error) {
      if (statusOf(error) === 422 && mentions(error, /already_exists|already exists/i)) return false;
      throw error;
    }
  }

  async createComment(where: RepoCoordinates, number: number, body: string): Promise<void> {
    await this.octokit.rest.issues.createComment({ ...where, issue_number: number, body });
  }

  async addSubIssue(where: RepoCoordinates, parentNumber: number, childId: number): Promise<void> {
    await this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', { ...where, issue_number: parentNumber, sub_issue_id: childId });
  }

  listSubIssueNumbers(where: RepoCoordinates, parentNumber: number): Promise<number[]> {
    return this.issueNumbers('GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues', where, parentNumber);
  }

  async addBlockedBy(where: RepoCoordinates, issueNumber: number, blockerId: number): Promise<void> {
    await this.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by', { ...where, issue_number: issueNumber, issue_id: blockerId });
  }

  async removeBlockedBy(where: RepoCoordinates, issueNumber: number, blockerId: number): Promise<void> {
    await this.octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by/{issue_id}', { ...where, issue_number: issueNumber, issue_id: blockerId });
  }

  listBlockedByNumbers(where: RepoCoordinates, issueNumber: number): Promise<number[]> {
    return this.issueNumbers('GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by', where, issueNumber);
  }

  /** The numbers of the issues an issue's relation lists (one request per 100). */
  private async issueNumbers(route: string, where: RepoCoordinates, issueNumber: number): Promise<number[]> {
    const items = await this.octokit.paginate(route, { ...where, issue_number: issueNumber, per_page: 100 });
    return (items as Array<{ number: number }>).map((item) => item.number);
  }

  // Comments, reactions and people

  async reactToComment(where: RepoCoordinates, commentId: number, content: Parameters<GitHub['reactToComment']>[2]): Promise<number> {
    const { data } = await this.octokit.rest.reactions.createForIssueComment({ ...where, comment_id: commentId, content });
    return data.id;
  }

  async removeCommentReaction(where: RepoCoordinates, commentId: number, reactionId: number): Promise<void> {
    await this.octokit.rest.reactions.deleteForIssueComment({ ...where, comment_id: commentId, reaction_id: reactionId });
  }

  async collaboratorPermission(where: RepoCoordinates, username: string): Promise<CollaboratorPermission | null> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...where, username });
      return { permission: data.permission, role_name: (data as { role_name?: string }).role_name };
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  // Projects (GraphQL): implemented in projects-graphql.ts

  readProjectBoard(project: ProjectRef) {
    return projects.readProjectBoard(this.octokit, project);
  }

  addProjectItem(projectId: string, contentId: string) {
    return projects.addProjectItem(this.octokit, projectId, contentId);
  }

  setProjectItemField(projectId: string, itemId: string, fieldId: string, value: ProjectFieldValue) {
    return projects.setProjectItemField(this.octokit, projectId, itemId, fieldId, value);
  }

  clearProjectItemField(projectId: string, itemId: string, fieldId: string) {
    return projects.clearProjectItemField(this.octokit, projectId, itemId, fieldId);
  }

  // The installation

  async listInstallationRepositories(): Promise<InstalledRepository[]> {
    const all = await this.octokit.paginate(this.octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    return all as unknown as InstalledRepository[];
  }
}

function outputBody(output: CheckRunOutput) {
  return {
    title: output.title,
    summary: output.summary,
    ...(output.text !== undefined ? { text: output.text } : {}),
    ...(output.annotations && output.annotations.length > 0 ? { annotations: output.annotations } : {}),
  };
}

function toChangedFile(entry: { filename: string; status?: string }): ChangedFileEntry {
  return { filename: entry.filename, status: entry.status };
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
    // What a Project takes as an item's content; left out when absent so snapshots stay comparable.
    ...(typeof data.node_id === 'string' ? { nodeId: data.node_id } : {}),
  };
}
