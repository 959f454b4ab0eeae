// The GitHub boundary: every read and write planbot makes of GitHub, as one interface. Features
// speak to this and to nothing else; src/github/octokit-github.ts implements it over Octokit (where
// ETags, retries, pacing, limits and metrics live), and tests/helpers/memory-github.ts implements it
// in memory for unit tests. The types here are GitHub's own (wire-shaped subsets): what a feature
// makes of them (check-run specs, phase issues, plan models) belongs to the feature.

export interface RepoCoordinates {
  owner: string;
  repo: string;
}

/** A file read from a repository. */
export interface RepoFile {
  path: string;
  /** The ref (branch or SHA) it was read at. */
  ref: string;
  /** Blob SHA: needed to update the file without clobbering a concurrent change. */
  sha: string;
  content: string;
  size: number;
  /** True when invalid UTF-8 was replaced by U+FFFD: such text may be read, never written back. */
  lossy?: boolean;
}

export interface ReadOptions {
  /** Decode invalid UTF-8 with U+FFFD, as GitHub shows it, instead of refusing the file. */
  lenient?: boolean;
}

export interface FileWrite {
  path: string;
  branch: string;
  content: string;
  message: string;
  /** The blob SHA being replaced; omit to create. GitHub answers 409/422 if it is stale. */
  sha?: string;
}

export interface WrittenFile {
  commitSha: string;
  blobSha: string;
}

/** One changed file of a pull request or a comparison, in GitHub's order. */
export interface ChangedFileEntry {
  filename: string;
  status?: string;
}

/** The fields of a pull request planbot reads (the same shape webhook payloads carry). */
export interface PullRequestData {
  number: number;
  state: string;
  draft?: boolean;
  title?: string;
  html_url?: string;
  user?: { login: string; type?: string } | null;
  head: { sha: string; ref: string; repo?: { id?: number; full_name: string } | null };
  base: { sha?: string; ref: string; repo?: { id?: number; full_name?: string } | null };
}

export interface ReviewEntry {
  user?: { id?: number; login?: string } | null;
  state: string;
}

/** A check run as GitHub lists it, with the fields planbot compares against. */
export interface ExistingCheckRun {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  external_id?: string | null;
  app?: { id?: number } | null;
  output: { title?: string | null; summary?: string | null; text?: string | null; annotations_count?: number };
}

export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  /** At most 50 per request: GitHub appends the annotations of each update. */
  annotations?: CheckRunAnnotation[];
}

export interface CheckRunButton {
  label: string;
  description: string;
  identifier: string;
}

/** POST /repos/{owner}/{repo}/check-runs, completed at once. */
export interface NewCheckRun {
  name: string;
  headSha: string;
  conclusion: string;
  output: CheckRunOutput;
  externalId?: string;
  detailsUrl?: string;
  actions?: CheckRunButton[];
}

export interface CheckRunUpdate {
  conclusion?: string;
  output?: CheckRunOutput;
  actions?: CheckRunButton[];
}

export interface CommitStatusEntry {
  context: string;
  state: string;
}

/** An issue, trimmed to what planbot reads. */
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
  /** GraphQL node id (REST `node_id`): what Projects take as an item's content. */
  nodeId?: string;
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  milestone: number | null;
}

export interface IssueChanges {
  title?: string;
  body?: string;
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened';
}

export interface LabelSpec {
  name: string;
  color: string;
  description: string;
}

export type ReactionContent = 'eyes' | 'rocket' | 'confused' | '+1' | '-1' | 'laugh' | 'hooray' | 'heart';

export interface CollaboratorPermission {
  /** The legacy level (`read`, `write`, `admin`); custom roles are based on one. */
  permission?: string;
  /** The precise role (`triage`, `maintain`, a custom role's name). */
  role_name?: string;
}

/** A repository an installation can reach (the shape installation payloads list). */
export interface InstalledRepository {
  id: number;
  name: string;
  full_name: string;
  private?: boolean;
}

export interface RepositoryData {
  default_branch: string;
  html_url?: string;
}

/** One layer of a configuration file, as Probot's config plugin returns it. */
export interface ConfigLayer {
  owner: string;
  repo: string;
  path: string;
  url: string;
  /** null when that repository has no such file. */
  config: Record<string, unknown> | null;
}

/** The rate-limit headers of the latest answer. */
export interface RateLimitReading {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
}

// Projects (v2), over GraphQL

/** A Project: an organisation's or a user's, by number. */
export interface ProjectRef {
  ownerType: 'organization' | 'user';
  login: string;
  number: number;
}

export type ProjectFieldType = 'SINGLE_SELECT' | 'NUMBER' | 'TEXT' | 'DATE' | 'ITERATION' | string;

export interface ProjectField {
  id: string;
  name: string;
  dataType: ProjectFieldType;
  /** Single-select options. */
  options?: Array<{ id: string; name: string }>;
  /** Iterations, current and completed. */
  iterations?: Array<{ id: string; title: string; startDate: string; duration: number }>;
}

/** One field value: exactly one of these, as GraphQL's ProjectV2FieldValue input takes it. */
export type ProjectFieldValue =
  | { singleSelectOptionId: string }
  | { number: number }
  | { text: string }
  | { date: string }
  | { iterationId: string };

export interface ProjectItem {
  id: string;
  /** The issue's (or pull request's) node id; null for draft issues. */
  contentId: string | null;
  archived: boolean;
  /** By field id. */
  values: Record<string, ProjectFieldValue>;
}

export interface ProjectBoard {
  id: string;
  title: string;
  fields: ProjectField[];
  items: ProjectItem[];
  /** GraphQL points left after the read (the primary budget), when GitHub said. */
  pointsRemaining?: number;
}

/** Why a board could not be read: the installation lacks the permission, or the Project does not exist (or is hidden). */
export interface ProjectsUnavailable {
  unavailable: 'forbidden' | 'not-found';
  message: string;
}

/**
 * Every call planbot makes to GitHub for one installation. Reads of something absent answer null
 * (or false) where absence is normal; every other refusal throws an error carrying `status`.
 */
export interface GitHub {
  /** The REST API's base URL (https://api.github.com, or GHES's /api/v3). */
  readonly apiBaseUrl: string;

  // Repositories and files
  getRepository(where: RepoCoordinates): Promise<RepositoryData>;
  branchExists(where: RepoCoordinates, branch: string): Promise<boolean>;
  /** The commit SHA a branch points at (GET git/ref, conditional: usually a 304); null when the branch is gone. */
  branchHead(where: RepoCoordinates, branch: string): Promise<string | null>;
  /** null when absent (404) or a directory; throws FileTooLargeError / NotTextError for content planbot must not parse. */
  readFile(where: RepoCoordinates, path: string, ref: string, options?: ReadOptions): Promise<RepoFile | null>;
  /** Creates or updates one file in one commit. */
  writeFile(where: RepoCoordinates, write: FileWrite): Promise<WrittenFile>;
  /** The files between two commits (`base...head`): one request, at most 300 files. */
  compareFiles(where: RepoCoordinates, base: string, head: string): Promise<ChangedFileEntry[]>;

  /**
   * `.github/planbot.yml` as Probot's config plugin reads it: the repository's file, else the
   * organisation's `.github` repository's, then every `_extends` target; nearest first.
   */
  readConfigLayers(where: RepoCoordinates, path: string): Promise<ConfigLayer[]>;
  /** One file's raw text on the default branch (the request the config plugin makes); null when absent. */
  readRawText(where: RepoCoordinates, path: string): Promise<string | null>;

  // Pull requests
  getPull(where: RepoCoordinates, number: number): Promise<PullRequestData>;
  /** Open pull requests, all pages; `head` (`owner:branch`) narrows to one branch, `limit` to the first page. */
  listOpenPulls(where: RepoCoordinates, filter?: { head?: string; limit?: number }): Promise<PullRequestData[]>;
  /** Pull requests that contain a commit (GET /repos/{o}/{r}/commits/{sha}/pulls), first page. */
  listPullsForCommit(where: RepoCoordinates, sha: string, limit?: number): Promise<PullRequestData[]>;
  /** One request per 100 files, at most 3,000. */
  listPullFiles(where: RepoCoordinates, number: number): Promise<ChangedFileEntry[]>;
  listReviews(where: RepoCoordinates, number: number): Promise<ReviewEntry[]>;

  // Check runs and statuses
  /** The latest check run of every name on a commit (all apps), all pages. */
  listCheckRuns(where: RepoCoordinates, sha: string): Promise<ExistingCheckRun[]>;
  createCheckRun(where: RepoCoordinates, run: NewCheckRun): Promise<{ id: number }>;
  updateCheckRun(where: RepoCoordinates, id: number, update: CheckRunUpdate): Promise<void>;
  /** The latest status per context on a commit (the combined status): one request, up to 100. */
  listCommitStatuses(where: RepoCoordinates, sha: string): Promise<CommitStatusEntry[]>;

  // Issues and their relations
  /** Every issue (open and closed, pull requests left out) carrying `label`. */
  listLabelledIssues(where: RepoCoordinates, label: string): Promise<IssueSnapshot[]>;
  /** null when gone (deleted, transferred) or a pull request. */
  getIssue(where: RepoCoordinates, number: number): Promise<IssueSnapshot | null>;
  createIssue(where: RepoCoordinates, issue: NewIssue): Promise<IssueSnapshot>;
  updateIssue(where: RepoCoordinates, number: number, changes: IssueChanges): Promise<IssueSnapshot>;
  addLabels(where: RepoCoordinates, number: number, labels: string[]): Promise<void>;
  /** false when the label already exists (GitHub's 422 already_exists). */
  createLabel(where: RepoCoordinates, label: LabelSpec): Promise<boolean>;
  createComment(where: RepoCoordinates, number: number, body: string): Promise<void>;
  addSubIssue(where: RepoCoordinates, parentNumber: number, childId: number): Promise<void>;
  listSubIssueNumbers(where: RepoCoordinates, parentNumber: number): Promise<number[]>;
  addBlockedBy(where: RepoCoordinates, issueNumber: number, blockerId: number): Promise<void>;
  removeBlockedBy(where: RepoCoordinates, issueNumber: number, blockerId: number): Promise<void>;
  listBlockedByNumbers(where: RepoCoordinates, issueNumber: number): Promise<number[]>;

  // Comments, reactions and people
  /** Returns the reaction's id. */
  reactToComment(where: RepoCoordinates, commentId: number, content: ReactionContent): Promise<number>;
  removeCommentReaction(where: RepoCoordinates, commentId: number, reactionId: number): Promise<void>;
  /** null when the person is no collaborator (404). */
  collaboratorPermission(where: RepoCoordinates, username: string): Promise<CollaboratorPermission | null>;

  // Projects (v2), over GraphQL
  /** The Project's fields and every item with its values: one paginated query (100 items a page). */
  readProjectBoard(project: ProjectRef): Promise<ProjectBoard | ProjectsUnavailable>;
  /** Returns the item's id; GitHub answers with the existing item when the content is already on the board. */
  addProjectItem(projectId: string, contentId: string): Promise<string>;
  setProjectItemField(projectId: string, itemId: string, fieldId: string, value: ProjectFieldValue): Promise<void>;
  clearProjectItemField(projectId: string, itemId: string, fieldId: string): Promise<void>;

  // The installation
  listInstallationRepositories(): Promise<InstalledRepository[]>;
  /** The latest rate-limit reading of this client's answers; null before the first. */
  rateLimit(): RateLimitReading | null;
}
