// A stateful, in-memory GitHub REST simulator on loopback, for end-to-end tests and the demo.
// The app talks to it over HTTP like it talks to api.github.com; tests act as people through the
// methods below (push a branch, open a PR, tick a box) and read the resulting state.
import { randomUUID } from 'node:crypto';
import { announceBranchMoved, announceIssueChanged } from './announce.js';
import { AuthRegistry } from './auth.js';
import type { SimContext, SimEvent } from './context.js';
import type { FaultOptions } from './faults.js';
import type { Commit } from './git.js';
import { GraphqlEndpoint } from './graphql/endpoint.js';
import { loadOpenApiValidator, type Violation } from './openapi-validator.js';
import { PayloadBuilder } from './payloads.js';
import { boardSnapshot, createProject, moveCard, projectOr404, type BoardSnapshot, type CreatedProject, type CreateProjectOptions } from './project-board.js';
import type { ProjectsPermission } from './projects.js';
import type { Urls } from './render.js';
import { Router } from './router.js';
import { appRoutes } from './routes/app.js';
import { checkRoutes } from './routes/checks.js';
import { commentRoutes } from './routes/comments.js';
import { contentRoutes } from './routes/contents.js';
import { issueRoutes } from './routes/issues.js';
import { pullRoutes } from './routes/pulls.js';
import { relationRoutes } from './routes/relations.js';
import { repoRoutes } from './routes/repos.js';
import { SimHttp, type RequestRecord } from './server.js';
import { now, SimState, type Permission, type SimCheckRun, type SimComment, type SimIssue, type SimPull, type SimReaction, type SimRepo, type SimReview, type SimStatus } from './state.js';

export type { SimEvent } from './context.js';
export type { FaultOptions } from './faults.js';
export type { Commit } from './git.js';
export type { Violation } from './openapi-validator.js';
export type { RequestRecord } from './server.js';
export type { GraphqlCall } from './graphql/operation.js';
export type { BoardCard, BoardSnapshot, CreatedProject, CreateProjectOptions } from './project-board.js';
export type { FieldSpec, ProjectsPermission } from './projects.js';
export type { Permission, SimCheckRun, SimComment, SimIssue, SimPull, SimReaction, SimRepo, SimReview, SimStatus } from './state.js';
export { generateAppKeyPair } from './keys.js';
export { deliverWebhook, signPayload } from './webhooks.js';

export interface SimulatorOptions {
  /** Delay added to every request, in milliseconds. */
  latencyMs?: number;
  /** Injected 5xx and secondary rate limits; seeded, so reproducible. */
  faults?: FaultOptions;
  /** Check every request against GitHub's OpenAPI description (needs the @octokit/openapi devDependency). Default false. */
  validateRequests?: boolean;
  /** Primary rate limit per installation and hour. Default 5000. */
  rateLimit?: number;
  /** GraphQL points per installation and hour. Default 5000. */
  graphqlRateLimit?: number;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

/** A person, by login; defaults to the repository owner. */
interface Actor {
  as?: string;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<GitHubSimulator> {
  const validator = options.validateRequests ? await loadOpenApiValidator() : null;
  const simulator = new GitHubSimulator(options, validator);
  await simulator.listen();
  return simulator;
}

export class GitHubSimulator {
  /** e.g. http://127.0.0.1:PORT */
  url = '';
  /** e.g. 127.0.0.1:PORT: what GHE_HOST takes (with GHE_PROTOCOL=http). */
  host = '';
  /** url + '/api/v3': Probot's base URL for GHE_HOST. */
  apiBase = '';
  state = new SimState();
  readonly events: SimEvent[] = [];
  private readonly listeners = new Set<(event: SimEvent) => void>();
  private readonly auth = new AuthRegistry();
  private readonly http: SimHttp;
  private readonly ctx: SimContext;
  private readonly graphql: GraphqlEndpoint;

  constructor(options: SimulatorOptions, validator: Awaited<ReturnType<typeof loadOpenApiValidator>> | null) {
    const urls = (): Urls => ({ api: this.apiBase, web: this.url });
    this.ctx = {
      state: this.state,
      auth: this.auth,
      urls,
      payloads: new PayloadBuilder(this.state, urls),
      emit: (name, payload, origin) => this.emit(name, payload, origin),
    };
    const router = new Router();
    for (const register of [appRoutes, repoRoutes, contentRoutes, checkRoutes, issueRoutes, commentRoutes, relationRoutes, pullRoutes]) register(router, this.ctx);
    this.graphql = new GraphqlEndpoint(this.ctx);
    this.graphql.register(router);
    if (options.graphqlRateLimit) this.graphql.limiter.setLimit(options.graphqlRateLimit);
    this.http = new SimHttp({ state: this.state, auth: this.auth, router, latencyMs: options.latencyMs, faults: options.faults, validator });
    if (options.rateLimit) this.http.limiter.setLimit(options.rateLimit);
  }

  async listen(): Promise<void> {
    this.url = await this.http.listen();
    this.host = this.url.replace(/^http:\/\//, '');
    this.apiBase = `${this.url}/api/v3`;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.http.close();
  }

  // ---- observing -------------------------------------------------------------------------

  /** Every API request answered, in order. */
  get requests(): RequestRecord[] {
    return this.http.requests;
  }

  /** Requests that GitHub's OpenAPI description does not allow (empty unless validateRequests). */
  get violations(): Violation[] {
    return this.http.violations;
  }

  /** Called for every webhook GitHub would send (a person's action or the app's own write). Returns an unsubscribe. */
  onEvent(listener: (event: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** In-flight requests and the time of the last answer, for idle detection. */
  activity(): { inFlight: number; lastActivity: number } {
    return this.http.activity();
  }

  /** Remaining primary rate limit for an installation. */
  rateLimitRemaining(installationId: number): number {
    return this.http.limiter.remaining(`installation:${installationId}`);
  }

  // ---- configuring -----------------------------------------------------------------------

  registerApp(options: { appId: number; publicKeyPem?: string; slug?: string; name?: string }): void {
    this.auth.registerApp(options);
    this.state.user(`${options.slug ?? 'planbot'}[bot]`, 'Bot');
  }

  /** An installation token, for tests that call the simulator with their own Octokit. */
  createInstallationToken(installationId: number, appId = this.auth.defaultApp().appId): string {
    return this.auth.issueToken(installationId, appId).token;
  }

  setFaults(faults: FaultOptions): void {
    this.http.faults.set(faults);
  }

  setLatency(latencyMs: number): void {
    this.http.latencyMs = latencyMs;
  }

  setRateLimit(limit: number): void {
    this.http.limiter.setLimit(limit);
  }

  /** GraphQL points per installation and hour; once spent, GraphQL answers `RATE_LIMITED`. */
  setGraphqlRateLimit(points: number): void {
    this.graphql.limiter.setLimit(points);
  }

  /** GraphQL points left for an installation. */
  graphqlRemaining(installationId: number): number {
    return this.graphql.limiter.remaining(`installation:${installationId}`);
  }

  /**
   * The installation's `organization_projects` permission (default write). `none`: every Project
   * query and mutation answers FORBIDDEN "Resource not accessible by integration" and no
   * `projects_v2_item` webhooks are sent; `read`: mutations do.
   */
  setProjectsPermission(installationId: number, permission: ProjectsPermission): void {
    this.state.projects.setPermission(installationId, permission);
  }

  /** Forgets repositories, users, events, the request log, violations and rate-limit use. Registered apps and issued tokens stay valid. */
  reset(): void {
    this.state.reset();
    this.events.length = 0;
    this.http.requests.length = 0;
    this.http.violations.length = 0;
    this.http.limiter.reset();
    this.graphql.limiter.reset();
    this.http.faults.set({});
  }

  // ---- acting as people ------------------------------------------------------------------

  /** Creates a repository with one commit holding `files` on the default branch. No webhooks. */
  seedRepository(options: RepoRef & { defaultBranch?: string; files?: Record<string, string>; installationId: number; private?: boolean; organization?: boolean }): { fullName: string; headSha: string } {
    if (this.state.repo(options.owner, options.repo)) throw new Error(`${options.owner}/${options.repo} already exists`);
    const repo = this.state.addRepo({
      owner: options.owner,
      repo: options.repo,
      defaultBranch: options.defaultBranch ?? 'main',
      installationId: options.installationId,
      private: options.private,
      ownerType: options.organization ? 'Organization' : 'User',
    });
    const files = Object.entries(options.files ?? { 'README.md': `# ${options.repo}\n` }).map(([path, content]) => ({ path, content }));
    const commit = repo.git.commitToBranch(repo.default_branch, files, 'Initial commit', { login: repo.owner.login });
    return { fullName: repo.full_name, headSha: commit.sha };
  }

  setPermission(options: RepoRef & { user: string; permission: Permission }): void {
    this.repo(options).permissions.set(options.user.toLowerCase(), options.permission);
    this.state.user(options.user);
  }

  /** Pushes a new branch (from the default branch unless `from`), optionally with a first commit. Sends `create` and `push`. */
  createBranch(options: RepoRef & Actor & { branch: string; from?: string; files?: Record<string, string | null>; message?: string }): { sha: string } {
    const repo = this.repo(options);
    if (repo.git.branchSha(options.branch)) throw new Error(`branch ${options.branch} already exists`);
    const start = repo.git.resolve(options.from ?? repo.default_branch);
    if (!start) throw new Error(`no such ref ${options.from}`);
    const who = this.person(repo, options);
    let sha = start.sha;
    if (options.files) {
      sha = repo.git.createCommit(start.sha, changesOf(options.files), options.message ?? `Start ${options.branch}`, { login: who.login }).sha;
    }
    repo.git.setRef(options.branch, sha);
    announceBranchMoved(this.ctx, repo, options.branch, null, sha, who, 'user');
    return { sha };
  }

  /** Pushes one commit changing `files` (null deletes). Sends `push` and `pull_request.synchronize` for open PRs from the branch. */
  commitFiles(options: RepoRef & Actor & { branch: string; files: Record<string, string | null>; message: string }): { sha: string; before: string } {
    const repo = this.repo(options);
    const before = repo.git.branchSha(options.branch);
    if (!before) throw new Error(`no branch ${options.branch}`);
    const who = this.person(repo, options);
    const commit = repo.git.commitToBranch(options.branch, changesOf(options.files), options.message, { login: who.login });
    announceBranchMoved(this.ctx, repo, options.branch, before, commit.sha, who, 'user');
    return { sha: commit.sha, before };
  }

  commitFile(options: RepoRef & Actor & { branch: string; path: string; content: string | null; message: string }): { sha: string; before: string } {
    return this.commitFiles({ ...options, files: { [options.path]: options.content } });
  }

  /** Opens a PR from `head` (a branch of this repository, or of `fromFork` = `login/repo`). Sends `pull_request.opened`. */
  openPullRequest(options: RepoRef & Actor & { head: string; base?: string; title: string; body?: string; draft?: boolean; fromFork?: string; forkFiles?: Record<string, string | null> }): { number: number; id: number; headSha: string } {
    const repo = this.repo(options);
    const who = this.person(repo, options);
    const base = options.base ?? repo.default_branch;
    if (!repo.git.branchSha(base)) throw new Error(`no base branch ${base}`);
    if (options.fromFork) {
      // A fork's commits are reachable by SHA through the base repository, as on GitHub.
      const start = repo.git.branchSha(base)!;
      const commit = repo.git.createCommit(start, changesOf(options.forkFiles ?? {}), `Changes from ${options.fromFork}`, { login: who.login });
      repo.git.setRef(`${options.fromFork}:${options.head}`, commit.sha);
    } else if (!repo.git.branchSha(options.head)) throw new Error(`no head branch ${options.head}`);
    repo.lastNumber += 1;
    const number = repo.lastNumber;
    const pull: SimPull = {
      id: this.state.id(),
      number,
      title: options.title,
      body: options.body ?? null,
      state: 'open',
      draft: options.draft ?? false,
      merged: false,
      head: options.head,
      headRepo: options.fromFork ?? null,
      base,
      user: who,
      created_at: now(),
      updated_at: now(),
    };
    repo.pulls.set(number, pull);
    repo.issues.set(number, {
      id: this.state.id(),
      number,
      title: options.title,
      body: options.body ?? null,
      state: 'open',
      state_reason: null,
      labels: [],
      assignees: [],
      milestone: null,
      type: null,
      user: who,
      created_at: pull.created_at,
      updated_at: pull.created_at,
      closed_at: null,
      isPullRequest: true,
      subIssues: [],
      parent: null,
      blockedBy: [],
    });
    this.emit('pull_request', this.ctx.payloads.pullRequest('opened', repo, pull, who), 'user');
    const headSha = repo.git.branchSha(options.fromFork ? `${options.fromFork}:${options.head}` : options.head)!;
    return { number, id: pull.id, headSha };
  }

  /** Submits a review on the PR's current head. Sends `pull_request_review.submitted`. */
  addReview(options: RepoRef & Actor & { number: number; state: SimReview['state']; body?: string }): { id: number } {
    const repo = this.repo(options);
    const pull = repo.pulls.get(options.number);
    if (!pull) throw new Error(`no pull request #${options.number}`);
    const who = this.person(repo, options);
    const review: SimReview = {
      id: this.state.id(),
      pullNumber: pull.number,
      user: who,
      state: options.state,
      body: options.body ?? '',
      commit_id: repo.git.branchSha(pull.headRepo ? `${pull.headRepo}:${pull.head}` : pull.head) ?? '',
      submitted_at: now(),
    };
    repo.reviews.push(review);
    this.emit('pull_request_review', this.ctx.payloads.pullRequestReview('submitted', repo, pull, review, who), 'user');
    return { id: review.id };
  }

  /** Edits an issue as a person in the web UI (e.g. ticks a box). Sends `issues.edited` with `changes`, `closed`, `reopened`. */
  editIssue(options: RepoRef & Actor & { number: number; title?: string; body?: string; state?: 'open' | 'closed'; stateReason?: string }): SimIssue {
    const repo = this.repo(options);
    const issue = repo.issues.get(options.number);
    if (!issue) throw new Error(`no issue #${options.number}`);
    const previous = { title: issue.title, body: issue.body, state: issue.state, labels: [...issue.labels] };
    if (options.title !== undefined) issue.title = options.title;
    if (options.body !== undefined) issue.body = options.body;
    if (options.state !== undefined && options.state !== issue.state) {
      issue.state = options.state;
      issue.closed_at = options.state === 'closed' ? now() : null;
      issue.state_reason = options.state === 'closed' ? (options.stateReason ?? 'completed') : 'reopened';
    }
    issue.updated_at = now();
    announceIssueChanged(this.ctx, repo, issue, previous, this.person(repo, options), 'user');
    return structuredClone(issue);
  }

  /** Comments on an issue or PR. Sends `issue_comment.created`. */
  commentOnIssue(options: RepoRef & Actor & { number: number; body: string }): { id: number } {
    const repo = this.repo(options);
    const issue = repo.issues.get(options.number);
    if (!issue) throw new Error(`no issue #${options.number}`);
    const who = this.person(repo, options);
    const comment: SimComment = { id: this.state.id(), issueNumber: issue.number, body: options.body, user: who, created_at: now(), updated_at: now(), reactions: [] };
    repo.comments.set(comment.id, comment);
    this.emit('issue_comment', this.ctx.payloads.issueComment('created', repo, issue, comment, who), 'user');
    return { id: comment.id };
  }

  /**
   * Installs the app on repositories seeded with `installationId` (their tokens already work), as
   * an admin does on GitHub: sends `installation.created`, or `installation_repositories.added`
   * when `added`. Nothing else happens: what the app does about pull requests already open is up to it.
   */
  installApp(options: { installationId: number; repos: RepoRef[]; added?: boolean } & Actor): SimEvent {
    const repos = options.repos.map((ref) => this.repo(ref));
    for (const repo of repos) {
      if (repo.installationId !== options.installationId) throw new Error(`${repo.full_name} belongs to installation ${repo.installationId}, not ${options.installationId}`);
    }
    if (repos.length === 0) throw new Error('installApp needs at least one repository');
    const name = options.added ? 'installation_repositories' : 'installation';
    const sender = this.person(repos[0], options);
    this.emit(name, this.ctx.payloads.installation(name, options.installationId, repos, sender, this.auth.defaultApp().appId), 'user');
    return this.events[this.events.length - 1];
  }

  /** Sets up a Project (v2) with `fields` plus the Title and Assignees every Project has. No webhooks. */
  createProject(options: CreateProjectOptions): CreatedProject {
    return createProject(this.ctx, options);
  }

  /**
   * A person moves the card of issue `issueNumber` to the Status column `statusName`. Sends
   * `projects_v2_item.edited` with `changes.field_value` (organisation Projects, app with the permission).
   */
  moveCard(owner: string, number: number, issueNumber: number, statusName: string, options: Actor & { repo?: string; field?: string } = {}): void {
    moveCard(this.ctx, projectOr404(this.ctx, owner, number), { issue: issueNumber, to: statusName, repo: options.repo, field: options.field, as: options.as });
  }

  // ---- reading state ---------------------------------------------------------------------

  /** A Project as a person sees it: columns by Status, cards with their other field values. */
  projectBoard(owner: string, number: number): BoardSnapshot {
    return boardSnapshot(this.ctx, projectOr404(this.ctx, owner, number));
  }

  /** A file's text at a branch or SHA (default branch when omitted); null when absent. */
  readFile(options: RepoRef & { path: string; ref?: string }): string | null {
    const repo = this.repo(options);
    const commit = repo.git.resolve(options.ref ?? repo.default_branch);
    const sha = commit?.tree.get(options.path);
    return sha ? repo.git.blob(sha)!.toString('utf8') : null;
  }

  /** Every path in the tree at a ref. */
  listFiles(options: RepoRef & { ref?: string }): string[] {
    const repo = this.repo(options);
    const commit = repo.git.resolve(options.ref ?? repo.default_branch);
    return commit ? [...commit.tree.keys()].sort() : [];
  }

  branchSha(options: RepoRef & { branch: string }): string | undefined {
    return this.repo(options).git.branchSha(options.branch);
  }

  /** First-parent history of a branch, newest first. */
  commits(options: RepoRef & { branch: string }): Commit[] {
    const repo = this.repo(options);
    const sha = repo.git.branchSha(options.branch);
    return sha ? repo.git.history(sha) : [];
  }

  /** Issues (not pull requests), by number. Copies: changing them changes nothing. */
  issues(options: RepoRef): SimIssue[] {
    return [...this.repo(options).issues.values()].filter((issue) => !issue.isPullRequest).map((issue) => structuredClone(issue));
  }

  issue(options: RepoRef & { number: number }): SimIssue | undefined {
    const issue = this.repo(options).issues.get(options.number);
    return issue ? structuredClone(issue) : undefined;
  }

  /** Resolves a database id (what sub-issues and dependencies hold) to the issue. */
  issueById(options: RepoRef & { id: number }): SimIssue | undefined {
    const issue = this.state.issueById(this.repo(options), options.id);
    return issue ? structuredClone(issue) : undefined;
  }

  comments(options: RepoRef & { number?: number }): SimComment[] {
    return [...this.repo(options).comments.values()].filter((comment) => options.number === undefined || comment.issueNumber === options.number).map((comment) => structuredClone(comment));
  }

  reactions(options: RepoRef & { commentId: number }): SimReaction[] {
    return structuredClone(this.repo(options).comments.get(options.commentId)?.reactions ?? []);
  }

  /** Check runs, oldest first; only those on `sha` when given. */
  checkRuns(options: RepoRef & { sha?: string }): SimCheckRun[] {
    return [...this.repo(options).checkRuns.values()].filter((run) => !options.sha || run.head_sha === options.sha).map((run) => structuredClone(run));
  }

  statuses(options: RepoRef & { sha?: string }): SimStatus[] {
    return this.repo(options).statuses.filter((status) => !options.sha || status.sha === options.sha).map((status) => structuredClone(status));
  }

  pulls(options: RepoRef): SimPull[] {
    return [...this.repo(options).pulls.values()].map((pull) => structuredClone(pull));
  }

  // ---- internals -------------------------------------------------------------------------

  private repo(options: RepoRef): SimRepo {
    const repo = this.state.repo(options.owner, options.repo);
    if (!repo) throw new Error(`no repository ${options.owner}/${options.repo} in the simulator`);
    return repo;
  }

  private person(repo: SimRepo, actor: Actor) {
    return this.state.user(actor.as ?? repo.owner.login);
  }

  private emit(name: string, payload: Record<string, any>, origin: SimEvent['origin']): void {
    const event: SimEvent = { id: randomUUID(), name, payload, origin };
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }
}

function changesOf(files: Record<string, string | null>) {
  return Object.entries(files).map(([path, content]) => ({ path, content }));
}
