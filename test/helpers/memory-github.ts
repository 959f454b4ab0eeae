// The GitHub boundary (src/github/github.ts) in memory, for unit tests: one primary repository
// (acme/web unless told) with branches and commits, files with blob SHAs, config files, pull
// requests and their files, issues (labels, state and reason, sub-issues, blocked-by), comments,
// reactions, check runs, statuses, reviews and collaborators. It answers as GitHub does (a stale
// blob SHA is a 409, issue and pull request numbers are shared, a reused label is "already
// exists"), and logs every call so tests assert what GitHub would receive, in order.
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type {
  ChangedFileEntry,
  CheckRunAnnotation,
  CheckRunButton,
  CheckRunOutput,
  CheckRunUpdate,
  CollaboratorPermission,
  CommitStatusEntry,
  ConfigLayer,
  ExistingCheckRun,
  FileWrite,
  GitHub,
  InstalledRepository,
  IssueChanges,
  IssueSnapshot,
  LabelSpec,
  NewCheckRun,
  NewIssue,
  PullRequestData,
  RateLimitReading,
  ReactionContent,
  ReadOptions,
  RepoCoordinates,
  RepoFile,
  RepositoryData,
  ReviewEntry,
  WrittenFile,
} from '../../src/github/github.js';
import { FileTooLargeError, MAX_FILE_BYTES } from '../../src/github/errors.js';
import { decodeUtf8, decodeUtf8Lenient } from '../../src/github/decode.js';
import type { ProjectBoard, ProjectFieldValue, ProjectRef, ProjectsUnavailable } from '../../src/github/github.js';
import { MemoryProject } from './memory-projects.js';

export const API = 'https://api.github.com';
export const CONFIG_PATH = '.github/planbot.yml';

/** GitHub's own caps: a pull request lists at most 3,000 files, a comparison 300. */
const PULL_FILES_CAP = 3000;
const COMPARE_FILES_CAP = 300;
const SUB_ISSUES_PER_PARENT = 100;

export interface MemoryIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  byBot: boolean;
  parent: number | null;
  subIssues: number[];
  blockedBy: number[];
}

export interface MemoryCheckRun extends ExistingCheckRun {
  headSha: string;
  detailsUrl?: string;
  actions: CheckRunButton[];
  /** Every annotation posted: the create's, then each update's (GitHub appends them). */
  annotations: CheckRunAnnotation[];
}

export interface MemoryComment {
  id: number;
  issue: number;
  body: string;
}

export interface MemoryReaction {
  id: number;
  commentId: number;
  content: ReactionContent;
}

/** Whether the sub-issue or dependency API exists here; otherwise the status it answers with. */
export type ApiSupport = 'supported' | 404 | 410 | 422;

/** Makes the next matching call(s) fail as GitHub would, before any state changes. */
export interface MemoryFault {
  method: keyof GitHub;
  /** Which calls of that method fail (default: all of them, up to `times`). */
  match?: (args: unknown[]) => boolean;
  status: number;
  /** GitHub's message (default: GitHub's for 404 and 422, else `fault <status>`). */
  message?: string;
  /** GitHub's `errors` entries (a 422's details). */
  errors?: unknown[];
  headers?: Record<string, string>;
  /** How many matching calls fail (default 1). */
  times?: number;
}

export interface MemoryCall {
  method: string;
  /** The arguments as GitHub would receive them (JSON: undefined fields dropped). */
  args: unknown[];
  result?: 'ok' | 'error';
}

/** Methods that change something on GitHub. */
export const WRITE_METHODS: ReadonlySet<string> = new Set([
  'writeFile',
  'createCheckRun',
  'updateCheckRun',
  'createIssue',
  'updateIssue',
  'addLabels',
  'createLabel',
  'createComment',
  'addSubIssue',
  'addBlockedBy',
  'removeBlockedBy',
  'reactToComment',
  'addProjectItem',
  'setProjectItemField',
  'clearProjectItemField',
  'removeCommentReaction',
]);

/** An error shaped like Octokit's RequestError: what statusOf, mentions and permanentRefusal read. */
export class MemoryRequestError extends Error {
  readonly status: number;
  readonly response: { status: number; headers: Record<string, string>; data: { message: string; errors?: unknown[] } };

  constructor(status: number, message: string, errors?: unknown[], headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.response = { status, headers, data: { message, ...(errors ? { errors } : {}) } };
  }
}

const DEFAULT_MESSAGES: Record<number, string> = { 404: 'Not Found', 422: 'Validation Failed' };
const notFound = () => new MemoryRequestError(404, 'Not Found');
const validationFailed = (...errors: unknown[]) => new MemoryRequestError(422, 'Validation Failed', errors);

/** Git's blob id of a text: what GitHub reports as a file's `sha`. */
export function blobSha(content: string | Uint8Array): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

type Tree = Map<string, string | Uint8Array>;

interface RepositoryState {
  defaultBranch: string;
  /** Branch → the commit it points at. */
  branches: Map<string, string>;
  /** Commit SHA → its files. */
  commits: Map<string, Tree>;
}

export interface MemoryGitHubOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** The number the next issue or pull request gets (default 1). */
  firstNumber?: number;
}

export class MemoryGitHub implements GitHub {
  readonly apiBaseUrl = API;
  readonly owner: string;
  readonly repo: string;

  /** Every call, in order, with how it ended (no result while it is still running). */
  calls: MemoryCall[] = [];
  faults: MemoryFault[] = [];

  // Repository contents: any repository (the org's `.github` too), by `owner/repo`.
  private readonly repositories = new Map<string, RepositoryState>();
  /** Messages of the commits writeFile made, in order. */
  commitMessages: string[] = [];
  /** Sizes GitHub reports for files, where a test wants one other than the content's (huge files without huge contents). */
  declaredSizes = new Map<string, number>();

  // Issues and pull requests of the primary repository (one numbering, as on GitHub).
  issues: MemoryIssue[] = [];
  pulls: PullRequestData[] = [];
  pullFiles = new Map<number, ChangedFileEntry[]>();
  reviews = new Map<number, ReviewEntry[]>();
  labels = new Map<string, LabelSpec>([
    ['planbot', { name: 'planbot', color: '5319e7', description: '' }],
    ['planbot:tracking', { name: 'planbot:tracking', color: '0e8a16', description: '' }],
  ]);
  comments: MemoryComment[] = [];
  reactions: MemoryReaction[] = [];
  subIssuesApi: ApiSupport = 'supported';
  dependenciesApi: ApiSupport = 'supported';
  /** false: issues carry no parent / summaries (older GHES), so snapshots leave them undefined. */
  summaries = true;
  /** true: creating an issue with a label that does not exist is refused (422); otherwise GitHub creates the label. */
  rejectMissingLabels = false;

  // Checks
  /** The app the runs created through this client belong to (planbot's APP_ID). */
  appId = 77;
  checkRuns: MemoryCheckRun[] = [];
  /** Commit SHA → every status posted, oldest first. */
  statuses = new Map<string, CommitStatusEntry[]>();

  // People and the installation
  permissions = new Map<string, CollaboratorPermission>();
  installationRepositories: InstalledRepository[] = [];
  rateLimitReading: RateLimitReading | null = null;
  /** The Project the Projects methods read and change. */
  project = MemoryProject.standard();
  /** true: snapshots carry a node id (`I_<id>`), as REST's `node_id`. */
  nodeIds = false;

  private nextNumber: number;
  private nextId = 1;

  constructor(options: MemoryGitHubOptions = {}) {
    this.owner = options.owner ?? 'acme';
    this.repo = options.repo ?? 'web';
    this.nextNumber = options.firstNumber ?? 1;
    this.repository({ owner: this.owner, repo: this.repo }, options.defaultBranch ?? 'main');
  }

  // ---- setting the scene (not logged) -----------------------------------------------------

  /**
   * Puts a file at a ref without a commit: a branch's current files, or a commit's (any other ref
   * names a commit, made on first use). `repo` defaults to the primary repository.
   */
  setFile(path: string, content: string | Uint8Array, ref?: string, repo?: RepoCoordinates): this {
    this.tree(repo ?? this.where, ref, true)!.set(path, content);
    return this;
  }

  deleteFile(path: string, ref?: string, repo?: RepoCoordinates): this {
    this.tree(repo ?? this.where, ref, true)!.delete(path);
    return this;
  }

  /** The file's current text at a ref (undefined when absent). */
  file(path: string, ref?: string, repo?: RepoCoordinates): string | undefined {
    const content = this.tree(repo ?? this.where, ref)?.get(path);
    return content === undefined ? undefined : typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  }

  /** `.github/planbot.yml` of a repository's default branch (the primary one unless given); null removes it. */
  setConfig(text: string | null, repo: RepoCoordinates = this.where): this {
    const state = this.repository(repo);
    if (text === null) this.deleteFile(CONFIG_PATH, state.defaultBranch, repo);
    else this.setFile(CONFIG_PATH, text, state.defaultBranch, repo);
    return this;
  }

  /** Creates a branch pointing at another ref's commit (default: the default branch's). */
  createBranch(branch: string, from?: string, repo: RepoCoordinates = this.where): this {
    const state = this.repository(repo);
    const source = this.commitOf(state, from ?? state.defaultBranch, true)!;
    const sha = this.newCommitSha();
    state.commits.set(sha, new Map(state.commits.get(source)!));
    state.branches.set(branch, sha);
    return this;
  }

  /** The commit a branch points at. */
  headSha(branch: string, repo: RepoCoordinates = this.where): string {
    const sha = this.repository(repo).branches.get(branch);
    if (!sha) throw new Error(`no branch ${branch}`);
    return sha;
  }

  /**
   * Points a branch at the commit `sha`, as a push GitHub already has: the head a webhook names.
   * A new SHA becomes a commit holding the branch's current files (the default branch's if new).
   */
  pointBranch(branch: string, sha: string, repo: RepoCoordinates = this.where): this {
    const state = this.repository(repo);
    if (!state.commits.has(sha)) state.commits.set(sha, new Map(this.tree(repo, state.branches.has(branch) ? branch : state.defaultBranch)!));
    state.branches.set(branch, sha);
    return this;
  }

  /** Adds an issue as if a person (or planbot earlier) had made it. */
  addIssue(fields: Partial<MemoryIssue> & { title: string; body: string }): MemoryIssue {
    const number = this.nextNumber++;
    const issue: MemoryIssue = {
      id: 5000 + number,
      number,
      state: 'open',
      state_reason: null,
      labels: ['planbot'],
      assignees: [],
      milestone: null,
      byBot: true,
      parent: null,
      subIssues: [],
      blockedBy: [],
      ...fields,
    };
    this.issues.push(issue);
    return issue;
  }

  /** Adds an open pull request (it takes the next issue number unless given one) with the files it changes. */
  addPull(fields: Partial<PullRequestData> & { head: PullRequestData['head'] }, files: Array<string | ChangedFileEntry> = []): PullRequestData {
    const number = fields.number ?? this.nextNumber++;
    const pull: PullRequestData = {
      number,
      state: 'open',
      draft: false,
      title: `Pull request #${number}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${number}`,
      user: { login: 'octocat', type: 'User' },
      base: { ref: this.repository(this.where).defaultBranch, repo: { full_name: `${this.owner}/${this.repo}` } },
      ...fields,
    };
    this.pulls.push(pull);
    this.pullFiles.set(number, files.map((file) => (typeof file === 'string' ? { filename: file, status: 'modified' } : file)));
    return pull;
  }

  /** A status another tool posted on a commit. */
  addStatus(sha: string, context: string, state: string): this {
    this.statuses.set(sha, [...(this.statuses.get(sha) ?? []), { context, state }]);
    return this;
  }

  /** A check run another app (app id 1 unless given) or planbot earlier made. */
  addCheckRun(fields: Partial<MemoryCheckRun> & { name: string; headSha: string }): MemoryCheckRun {
    const run: MemoryCheckRun = {
      id: this.nextId++,
      status: 'completed',
      conclusion: 'success',
      external_id: null,
      app: { id: 1 },
      output: { title: null, summary: null, text: null, annotations_count: 0 },
      actions: [],
      annotations: [],
      ...fields,
    };
    this.checkRuns.push(run);
    return run;
  }

  /** Makes the next `times` calls of `method` (those `match` accepts) fail with `status`. */
  fail(method: keyof GitHub, status: number, options: Omit<MemoryFault, 'method' | 'status'> = {}): this {
    this.faults.push({ method, status, ...options });
    return this;
  }

  // ---- views for assertions ---------------------------------------------------------------

  /** The calls that change something (whether GitHub accepted them or not). */
  writes(): MemoryCall[] {
    return this.calls.filter((call) => WRITE_METHODS.has(call.method));
  }

  /** The calls of one method, their arguments after `where`. */
  callsOf(method: keyof GitHub): MemoryCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * The calls as short lines, `method` and its plain arguments (numbers and strings after `where`,
   * a written file's path; bodies left out), ` → error` when GitHub refused: for asserting the
   * exact call sequence.
   */
  lines(filter: (call: MemoryCall) => boolean = () => true): string[] {
    return this.calls.filter(filter).map((call) => {
      const args = call.method === 'createComment' ? call.args.slice(0, -1) : call.args; // a comment's body is text, not a name
      const plain = args.flatMap((arg) => {
        if (typeof arg === 'number' || typeof arg === 'string') return [arg];
        const path = call.method === 'writeFile' ? (arg as Partial<FileWrite>).path : undefined;
        return path ? [path] : [];
      });
      return [call.method, ...plain].join(' ') + (call.result === 'error' ? ' → error' : '');
    });
  }

  issue(number: number): MemoryIssue {
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  byTitle(title: string): MemoryIssue {
    const issue = this.issues.find((candidate) => candidate.title === title);
    if (!issue) throw new Error(`no issue titled ${title}; have ${this.issues.map((i) => i.title).join(' | ')}`);
    return issue;
  }

  /** The issue as the boundary returns it. */
  snapshot(issue: MemoryIssue): IssueSnapshot {
    return {
      id: issue.id,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      stateReason: issue.state_reason,
      labels: [...issue.labels],
      htmlUrl: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}`,
      byBot: issue.byBot,
      ...(this.nodeIds ? { nodeId: `I_${issue.id}` } : {}),
      ...(this.summaries
        ? {
            parentIssueUrl: issue.parent === null ? null : `${API}/repos/${this.owner}/${this.repo}/issues/${issue.parent}`,
            blockedByCount: issue.blockedBy.length,
            subIssuesCount: issue.subIssues.length,
          }
        : { parentIssueUrl: undefined, blockedByCount: undefined, subIssuesCount: undefined }),
    };
  }

  // ---- the interface ----------------------------------------------------------------------

  rateLimit(): RateLimitReading | null {
    return this.rateLimitReading;
  }

  getRepository(where: RepoCoordinates): Promise<RepositoryData> {
    return this.call('getRepository', [where], () => {
      const state = this.existing(where);
      return { default_branch: state.defaultBranch, html_url: `https://github.com/${where.owner}/${where.repo}` };
    });
  }

  branchExists(where: RepoCoordinates, branch: string): Promise<boolean> {
    return this.call('branchExists', [where, branch], () => this.repositories.get(key(where))?.branches.has(branch) ?? false);
  }

  branchHead(where: RepoCoordinates, branch: string): Promise<string | null> {
    return this.call('branchHead', [where, branch], () => this.repositories.get(key(where))?.branches.get(branch) ?? null);
  }

  readFile(where: RepoCoordinates, path: string, ref: string, options?: ReadOptions): Promise<RepoFile | null> {
    return this.call('readFile', options ? [where, path, ref, options] : [where, path, ref], () => {
      const tree = this.tree(where, ref);
      const content = tree?.get(path);
      if (content === undefined) return null; // absent (a directory is no file either: the boundary answers null)
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      const size = this.declaredSizes.get(path) ?? bytes.length;
      if (size > MAX_FILE_BYTES) throw new FileTooLargeError(path, size);
      const sha = blobSha(content);
      if (options?.lenient) {
        const { text, lossy } = decodeUtf8Lenient(path, bytes);
        return { path, ref, sha, size, content: text, ...(lossy ? { lossy } : {}) };
      }
      return { path, ref, sha, size, content: decodeUtf8(path, bytes) };
    });
  }

  writeFile(where: RepoCoordinates, write: FileWrite): Promise<WrittenFile> {
    return this.call('writeFile', [where, write], () => {
      const state = this.existing(where);
      const head = state.branches.get(write.branch);
      if (!head) throw new MemoryRequestError(404, `Branch ${write.branch} not found`);
      const current = state.commits.get(head)!.get(write.path);
      if (current === undefined && write.sha) throw notFound();
      if (current !== undefined && !write.sha) throw validationFailed({ message: '"sha" wasn\'t supplied.' });
      if (current !== undefined && write.sha !== blobSha(current)) throw new MemoryRequestError(409, `${write.path} does not match ${write.sha}`);
      const commitSha = this.newCommitSha();
      state.commits.set(commitSha, new Map(state.commits.get(head)!).set(write.path, write.content));
      state.branches.set(write.branch, commitSha);
      this.commitMessages.push(write.message);
      return { commitSha, blobSha: blobSha(write.content) };
    });
  }

  compareFiles(where: RepoCoordinates, base: string, head: string): Promise<ChangedFileEntry[]> {
    return this.call('compareFiles', [where, base, head], () => {
      const before = this.tree(where, base);
      const after = this.tree(where, head);
      if (!before || !after) throw notFound();
      const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
      const changed: ChangedFileEntry[] = [];
      for (const path of paths) {
        const was = before.get(path);
        const is = after.get(path);
        if (was === undefined) changed.push({ filename: path, status: 'added' });
        else if (is === undefined) changed.push({ filename: path, status: 'removed' });
        else if (blobSha(was) !== blobSha(is)) changed.push({ filename: path, status: 'modified' });
      }
      return changed.slice(0, COMPARE_FILES_CAP);
    });
  }

  readConfigLayers(where: RepoCoordinates, path: string): Promise<ConfigLayer[]> {
    // As Probot's config plugin: the repository's file, else the owner's `.github` repository's,
    // then each `_extends` target (`repo`, `owner/repo` or `owner/repo:path`).
    return this.call('readConfigLayers', [where, path], () => {
      const layers = [this.configLayer(where, path)];
      if (layers[0].config === null) {
        if (where.repo === '.github') return layers;
        layers.push(this.configLayer({ owner: where.owner, repo: '.github' }, path));
      }
      for (let last = layers.at(-1)!; last.config && last.config._extends !== undefined; last = layers.at(-1)!) {
        const target = extendsTarget(String(last.config._extends), where.owner, path);
        delete last.config._extends;
        if (layers.some((layer) => layer.owner === target.owner && layer.repo === target.repo && layer.path === target.path)) {
          throw new Error(`[@probot/octokit-plugin-config] Recursion detected (${target.owner}/${target.repo}:${target.path})`);
        }
        layers.push(this.configLayer(target, target.path));
      }
      return layers;
    });
  }

  readRawText(where: RepoCoordinates, path: string): Promise<string | null> {
    return this.call('readRawText', [where, path], () => this.rawText(where, path));
  }

  getPull(where: RepoCoordinates, number: number): Promise<PullRequestData> {
    return this.call('getPull', [where, number], () => {
      this.primary(where);
      const pull = this.pulls.find((candidate) => candidate.number === number);
      if (!pull) throw notFound();
      return structuredClone(pull);
    });
  }

  listOpenPulls(where: RepoCoordinates, filter: { head?: string; limit?: number } = {}): Promise<PullRequestData[]> {
    return this.call('listOpenPulls', [where, filter], () => {
      this.primary(where);
      const [headOwner, headBranch] = filter.head ? splitHead(filter.head) : [null, null];
      const open = this.pulls
        .filter((pull) => pull.state === 'open')
        .filter((pull) => !filter.head || (pull.head.ref === headBranch && ownerOf(pull.head.repo?.full_name ?? `${this.owner}/${this.repo}`) === headOwner))
        .sort((a, b) => b.number - a.number); // newest first, as GitHub lists them
      return structuredClone(filter.limit !== undefined ? open.slice(0, filter.limit) : open);
    });
  }

  listPullsForCommit(where: RepoCoordinates, sha: string, limit = 100): Promise<PullRequestData[]> {
    return this.call('listPullsForCommit', [where, sha, limit], () => {
      this.primary(where);
      return structuredClone(this.pulls.filter((pull) => pull.head.sha === sha).slice(0, limit));
    });
  }

  listPullFiles(where: RepoCoordinates, number: number): Promise<ChangedFileEntry[]> {
    return this.call('listPullFiles', [where, number], () => {
      this.primary(where);
      if (!this.pulls.some((pull) => pull.number === number)) throw notFound();
      return structuredClone((this.pullFiles.get(number) ?? []).slice(0, PULL_FILES_CAP));
    });
  }

  listReviews(where: RepoCoordinates, number: number): Promise<ReviewEntry[]> {
    return this.call('listReviews', [where, number], () => {
      this.primary(where);
      if (!this.pulls.some((pull) => pull.number === number)) throw notFound();
      return structuredClone(this.reviews.get(number) ?? []);
    });
  }

  listCheckRuns(where: RepoCoordinates, sha: string): Promise<ExistingCheckRun[]> {
    return this.call('listCheckRuns', [where, sha], () => {
      this.primary(where);
      // filter=latest: the newest run of each name.
      const latest = new Map<string, MemoryCheckRun>();
      for (const run of this.checkRuns.filter((candidate) => candidate.headSha === sha)) {
        const seen = latest.get(run.name);
        if (!seen || run.id > seen.id) latest.set(run.name, run);
      }
      return [...latest.values()].map(({ id, name, status, conclusion, external_id, app, output }) => structuredClone({ id, name, status, conclusion, external_id, app, output }));
    });
  }

  createCheckRun(where: RepoCoordinates, run: NewCheckRun): Promise<{ id: number }> {
    return this.call('createCheckRun', [where, run], () => {
      this.primary(where);
      const annotations = run.output.annotations ?? [];
      const created = this.addCheckRun({
        name: run.name,
        headSha: run.headSha,
        status: 'completed',
        conclusion: run.conclusion,
        external_id: run.externalId ?? null,
        app: { id: this.appId },
        detailsUrl: run.detailsUrl,
        actions: run.actions ?? [],
        output: outputOf(run.output, annotations.length),
        annotations: [...annotations],
      });
      return { id: created.id };
    });
  }

  updateCheckRun(where: RepoCoordinates, id: number, update: CheckRunUpdate): Promise<void> {
    return this.call('updateCheckRun', [where, id, update], () => {
      this.primary(where);
      const run = this.checkRuns.find((candidate) => candidate.id === id);
      if (!run) throw notFound();
      if (update.conclusion !== undefined) {
        run.status = 'completed';
        run.conclusion = update.conclusion;
      }
      if (update.output) {
        run.annotations.push(...(update.output.annotations ?? []));
        run.output = outputOf(update.output, run.annotations.length);
      }
      if (update.actions) run.actions = [...update.actions];
    });
  }

  listCommitStatuses(where: RepoCoordinates, sha: string): Promise<CommitStatusEntry[]> {
    return this.call('listCommitStatuses', [where, sha], () => {
      this.primary(where);
      // The combined status: the latest per context, newest first.
      const latest = new Map<string, CommitStatusEntry>();
      for (const status of [...(this.statuses.get(sha) ?? [])].reverse()) if (!latest.has(status.context)) latest.set(status.context, status);
      return [...latest.values()].slice(0, 100).map((status) => ({ ...status }));
    });
  }

  listLabelledIssues(where: RepoCoordinates, label: string): Promise<IssueSnapshot[]> {
    return this.call('listLabelledIssues', [where, label], () => {
      this.primary(where);
      return this.issues
        .filter((issue) => issue.labels.includes(label))
        .sort((a, b) => b.number - a.number)
        .map((issue) => this.snapshot(issue));
    });
  }

  getIssue(where: RepoCoordinates, number: number): Promise<IssueSnapshot | null> {
    return this.call('getIssue', [where, number], () => {
      if (key(where) !== key(this.where)) return null;
      const issue = this.issues.find((candidate) => candidate.number === number);
      return issue ? this.snapshot(issue) : null; // a pull request's number, or no such issue
    });
  }

  createIssue(where: RepoCoordinates, fields: NewIssue): Promise<IssueSnapshot> {
    return this.call('createIssue', [where, fields], () => {
      this.primary(where);
      const missing = fields.labels.filter((label) => !this.labels.has(label));
      if (this.rejectMissingLabels && missing.length > 0) {
        throw validationFailed({ resource: 'Label', code: 'invalid', field: 'labels', value: missing[0] });
      }
      for (const label of missing) this.labels.set(label, { name: label, color: 'ededed', description: '' });
      const issue = this.addIssue({ title: fields.title, body: fields.body, labels: [...new Set(fields.labels)], assignees: [...fields.assignees], milestone: fields.milestone });
      return this.snapshot(issue);
    });
  }

  updateIssue(where: RepoCoordinates, number: number, changes: IssueChanges): Promise<IssueSnapshot> {
    return this.call('updateIssue', [where, number, changes], () => {
      const issue = this.existingIssue(where, number);
      if (changes.title !== undefined) issue.title = changes.title;
      if (changes.body !== undefined) issue.body = changes.body;
      if (changes.state !== undefined && changes.state !== issue.state) {
        issue.state = changes.state;
        issue.state_reason = changes.state === 'closed' ? (changes.stateReason ?? 'completed') : (changes.stateReason ?? 'reopened');
      } else if (issue.state === 'closed' && (changes.state ?? 'closed') === 'closed' && changes.stateReason) {
        // A closed issue's reason can change (not planned → completed).
        issue.state_reason = changes.stateReason;
      }
      return this.snapshot(issue);
    });
  }

  addLabels(where: RepoCoordinates, number: number, labels: string[]): Promise<void> {
    return this.call('addLabels', [where, number, labels], () => {
      const issue = this.existingIssue(where, number);
      // GitHub creates labels the repository lacks.
      for (const label of labels) if (!this.labels.has(label)) this.labels.set(label, { name: label, color: 'ededed', description: '' });
      issue.labels = [...new Set([...issue.labels, ...labels])];
    });
  }

  createLabel(where: RepoCoordinates, label: LabelSpec): Promise<boolean> {
    return this.call('createLabel', [where, label], () => {
      this.primary(where);
      if ([...this.labels.keys()].some((name) => name.toLowerCase() === label.name.toLowerCase())) return false;
      this.labels.set(label.name, { ...label });
      return true;
    });
  }

  createComment(where: RepoCoordinates, number: number, body: string): Promise<void> {
    return this.call('createComment', [where, number, body], () => {
      this.primary(where);
      if (!this.issues.some((issue) => issue.number === number) && !this.pulls.some((pull) => pull.number === number)) throw notFound();
      this.comments.push({ id: this.nextId++, issue: number, body });
    });
  }

  addSubIssue(where: RepoCoordinates, parentNumber: number, childId: number): Promise<void> {
    return this.call('addSubIssue', [where, parentNumber, childId], () => {
      const parent = this.related(where, parentNumber, this.subIssuesApi);
      const child = this.issueById(childId);
      if (child.parent !== null || parent.subIssues.length >= SUB_ISSUES_PER_PARENT) {
        throw validationFailed({ message: 'Sub issue may only have one parent' });
      }
      child.parent = parent.number;
      parent.subIssues.push(child.number);
    });
  }

  listSubIssueNumbers(where: RepoCoordinates, parentNumber: number): Promise<number[]> {
    return this.call('listSubIssueNumbers', [where, parentNumber], () => {
      return [...this.related(where, parentNumber, this.subIssuesApi).subIssues];
    });
  }

  addBlockedBy(where: RepoCoordinates, issueNumber: number, blockerId: number): Promise<void> {
    return this.call('addBlockedBy', [where, issueNumber, blockerId], () => {
      const issue = this.related(where, issueNumber, this.dependenciesApi);
      const blocker = this.issueById(blockerId);
      if (issue.blockedBy.includes(blocker.number)) throw validationFailed({ message: 'already blocked by' });
      issue.blockedBy.push(blocker.number);
    });
  }

  removeBlockedBy(where: RepoCoordinates, issueNumber: number, blockerId: number): Promise<void> {
    return this.call('removeBlockedBy', [where, issueNumber, blockerId], () => {
      const issue = this.related(where, issueNumber, this.dependenciesApi);
      const blocker = this.issueById(blockerId);
      if (!issue.blockedBy.includes(blocker.number)) throw notFound();
      issue.blockedBy = issue.blockedBy.filter((number) => number !== blocker.number);
    });
  }

  listBlockedByNumbers(where: RepoCoordinates, issueNumber: number): Promise<number[]> {
    return this.call('listBlockedByNumbers', [where, issueNumber], () => {
      return [...this.related(where, issueNumber, this.dependenciesApi).blockedBy];
    });
  }

  reactToComment(where: RepoCoordinates, commentId: number, content: ReactionContent): Promise<number> {
    return this.call('reactToComment', [where, commentId, content], () => {
      this.primary(where);
      // GitHub answers the same reaction by the same user with the existing one.
      const existing = this.reactions.find((reaction) => reaction.commentId === commentId && reaction.content === content);
      if (existing) return existing.id;
      const reaction = { id: this.nextId++, commentId, content };
      this.reactions.push(reaction);
      return reaction.id;
    });
  }

  removeCommentReaction(where: RepoCoordinates, commentId: number, reactionId: number): Promise<void> {
    return this.call('removeCommentReaction', [where, commentId, reactionId], () => {
      this.primary(where);
      this.reactions = this.reactions.filter((reaction) => !(reaction.commentId === commentId && reaction.id === reactionId));
    });
  }

  collaboratorPermission(where: RepoCoordinates, username: string): Promise<CollaboratorPermission | null> {
    return this.call('collaboratorPermission', [where, username], () => {
      this.primary(where);
      // Logins compare case-insensitively, as GitHub's do.
      const found = [...this.permissions].find(([login]) => login.toLowerCase() === username.toLowerCase());
      return found ? { ...found[1] } : null;
    });
  }

  listInstallationRepositories(): Promise<InstalledRepository[]> {
    return this.call('listInstallationRepositories', [], () => structuredClone(this.installationRepositories));
  }

  // Projects (GraphQL): one Project, whatever the reference (memory-projects.ts)

  readProjectBoard(project: ProjectRef): Promise<ProjectBoard | ProjectsUnavailable> {
    return this.call('readProjectBoard', [project], () => this.project.read());
  }

  addProjectItem(projectId: string, contentId: string): Promise<string> {
    return this.call('addProjectItem', [projectId, contentId], () => this.project.add(projectId, contentId));
  }

  setProjectItemField(projectId: string, itemId: string, fieldId: string, value: ProjectFieldValue): Promise<void> {
    return this.call('setProjectItemField', [projectId, itemId, fieldId, value], () => this.project.set(projectId, itemId, fieldId, value));
  }

  clearProjectItemField(projectId: string, itemId: string, fieldId: string): Promise<void> {
    return this.call('clearProjectItemField', [projectId, itemId, fieldId], () => this.project.clear(projectId, itemId, fieldId));
  }

  // ---- internals --------------------------------------------------------------------------

  private get where(): RepoCoordinates {
    return { owner: this.owner, repo: this.repo };
  }

  /** Logs the call, applies a matching fault instead of it, and records how it ended. */
  private async call<T>(method: keyof GitHub, args: unknown[], run: () => T): Promise<T> {
    // As sent on the wire: a snapshot (later mutations don't show), fields left undefined are not sent.
    const entry: MemoryCall = { method, args: JSON.parse(JSON.stringify(args)) };
    this.calls.push(entry);
    await Promise.resolve(); // answers arrive asynchronously, as over the network
    try {
      const fault = this.faults.find((candidate) => candidate.method === method && (candidate.times ?? 1) > 0 && (candidate.match?.(args) ?? true));
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        throw new MemoryRequestError(fault.status, fault.message ?? DEFAULT_MESSAGES[fault.status] ?? `fault ${fault.status}`, fault.errors, fault.headers);
      }
      const result = run();
      entry.result = 'ok';
      return result;
    } catch (error) {
      entry.result = 'error';
      throw error;
    }
  }

  private repository(where: RepoCoordinates, defaultBranch = 'main'): RepositoryState {
    let state = this.repositories.get(key(where));
    if (!state) {
      const sha = this.newCommitSha();
      state = { defaultBranch, branches: new Map([[defaultBranch, sha]]), commits: new Map([[sha, new Map()]]) };
      this.repositories.set(key(where), state);
    }
    return state;
  }

  /** A repository GitHub knows (the primary one, or one a test put files in); 404 otherwise. */
  private existing(where: RepoCoordinates): RepositoryState {
    const state = this.repositories.get(key(where));
    if (!state) throw notFound();
    return state;
  }

  /** Issues, pulls and checks exist for the primary repository only. */
  private primary(where: RepoCoordinates): void {
    if (key(where) !== key(this.where)) throw notFound();
  }

  private existingIssue(where: RepoCoordinates, number: number): MemoryIssue {
    this.primary(where);
    const issue = this.issues.find((candidate) => candidate.number === number);
    if (!issue) throw notFound();
    return issue;
  }

  /** The issue a sub-issue or dependency call names, once that API answers here at all. */
  private related(where: RepoCoordinates, number: number, api: ApiSupport): MemoryIssue {
    const issue = this.existingIssue(where, number);
    if (api !== 'supported') throw new MemoryRequestError(api, 'Not Found');
    return issue;
  }

  /** The relation APIs name the other issue by its database id. */
  private issueById(id: number): MemoryIssue {
    const issue = this.issues.find((candidate) => candidate.id === id);
    if (!issue) throw notFound();
    return issue;
  }

  private commitOf(state: RepositoryState, ref: string, create = false): string | undefined {
    const branch = state.branches.get(ref);
    if (branch) return branch;
    if (state.commits.has(ref)) return ref;
    if (!create) return undefined;
    state.commits.set(ref, new Map());
    return ref;
  }

  private tree(where: RepoCoordinates, ref: string | undefined, create = false): Tree | undefined {
    const state = create ? this.repository(where) : this.repositories.get(key(where));
    if (!state) return undefined;
    const sha = this.commitOf(state, ref ?? state.defaultBranch, create);
    return sha === undefined ? undefined : state.commits.get(sha);
  }

  private rawText(where: RepoCoordinates, path: string): string | null {
    const content = this.tree(where, undefined)?.get(path);
    if (content === undefined) return null;
    return typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  }

  private configLayer(where: RepoCoordinates, path: string): ConfigLayer {
    const url = `${API}/repos/${where.owner}/${where.repo}/contents/${encodeURIComponent(path)}`;
    const text = this.rawText(where, path);
    const layer: ConfigLayer = { owner: where.owner, repo: where.repo, path, url, config: null };
    if (text === null) return layer;
    let config: unknown;
    try {
      config = parseYaml(text, { logLevel: 'error' }) || {};
    } catch (error) {
      throw new Error(`[@probot/octokit-plugin-config] Configuration could not be parsed from ${url} (invalid YAML)`, { cause: error });
    }
    if (typeof config === 'string') throw new Error(`[@probot/octokit-plugin-config] Configuration could not be parsed from ${url} (YAML is not an object)`);
    return { ...layer, config: config as Record<string, unknown> };
  }

  private newCommitSha(): string {
    return createHash('sha1').update(`commit ${this.nextId++}`).digest('hex');
  }
}

function key(where: RepoCoordinates): string {
  return `${where.owner}/${where.repo}`.toLowerCase();
}

function ownerOf(fullName: string): string {
  return fullName.split('/')[0];
}

function splitHead(head: string): [string, string] {
  const colon = head.indexOf(':');
  return colon < 0 ? ['', head] : [head.slice(0, colon), head.slice(colon + 1)];
}

function outputOf(output: CheckRunOutput, annotationsCount: number): ExistingCheckRun['output'] {
  return { title: output.title, summary: output.summary, text: output.text ?? null, annotations_count: annotationsCount };
}

const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

function extendsTarget(value: string, owner: string, path: string): RepoCoordinates & { path: string } {
  const match = EXTENDS.exec(value);
  if (!match) throw new Error(`[@probot/octokit-plugin-config] Invalid value "${value}" for _extends`);
  return { owner: match[1] || owner, repo: match[2], path: match[3] || path };
}
