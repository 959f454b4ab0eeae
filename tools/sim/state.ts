// The simulator's in-memory world: users, repositories and everything that lives in them.
// Plain data plus lookups; the HTTP routes and the test-facing API both change it through here.
import { GitStore } from './git.js';
import { ProjectStore } from './projects.js';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export interface SimUser {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

export interface SimLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface SimIssue {
  /** Database id: what sub-issues and dependencies take. */
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  type: string | null;
  user: SimUser;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Set when this issue number belongs to a pull request. */
  isPullRequest: boolean;
  /** Sub-issue database ids, in order. */
  subIssues: number[];
  parent: number | null;
  /** Database ids of the issues blocking this one. */
  blockedBy: number[];
}

export interface SimReaction {
  id: number;
  content: string;
  user: SimUser;
  created_at: string;
}

export interface SimComment {
  id: number;
  issueNumber: number;
  body: string;
  user: SimUser;
  created_at: string;
  updated_at: string;
  reactions: SimReaction[];
}

export interface SimAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: string;
  message: string;
  title?: string;
  raw_details?: string;
}

export interface SimCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  started_at: string;
  completed_at: string | null;
  details_url: string | null;
  external_id: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: SimAnnotation[];
  actions: Array<{ label: string; description: string; identifier: string }>;
  app: SimUser;
  appId: number;
  /** How many PATCH requests changed it. */
  updates: number;
}

export interface SimStatus {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  target_url: string | null;
  creator: SimUser;
  created_at: string;
}

export interface SimPull {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  draft: boolean;
  merged: boolean;
  head: string;
  /** Set for pull requests from a fork: `owner/repo` of the head repository. */
  headRepo: string | null;
  base: string;
  user: SimUser;
  created_at: string;
  updated_at: string;
}

export interface SimReview {
  id: number;
  pullNumber: number;
  user: SimUser;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  body: string;
  commit_id: string;
  submitted_at: string;
}

export interface SimRepo {
  id: number;
  node_id: string;
  name: string;
  owner: SimUser;
  full_name: string;
  private: boolean;
  default_branch: string;
  installationId: number;
  created_at: string;
  git: GitStore;
  issues: Map<number, SimIssue>;
  comments: Map<number, SimComment>;
  labels: Map<string, SimLabel>;
  checkRuns: Map<number, SimCheckRun>;
  statuses: SimStatus[];
  pulls: Map<number, SimPull>;
  reviews: SimReview[];
  permissions: Map<string, Permission>;
  /** Issues and pull requests share one number sequence. */
  lastNumber: number;
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export class SimState {
  readonly repos = new Map<string, SimRepo>();
  readonly users = new Map<string, SimUser>();
  /** GitHub Projects (v2): boards, their fields and items. */
  readonly projects = new ProjectStore(this);
  private nextId = 1000;

  reset(): void {
    this.repos.clear();
    this.users.clear();
    this.projects.reset();
    this.nextId = 1000;
  }

  /** Ids are sequential, so two runs of one scenario give the same ids (snapshots stay comparable). */
  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  user(login: string, type: SimUser['type'] = login.endsWith('[bot]') ? 'Bot' : 'User'): SimUser {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      user = { login, id: this.id(), type };
      this.users.set(key, user);
    }
    return user;
  }

  repo(owner: string, name: string): SimRepo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  addRepo(options: { owner: string; repo: string; defaultBranch: string; installationId: number; private?: boolean; ownerType?: SimUser['type'] }): SimRepo {
    const owner = this.user(options.owner, options.ownerType ?? 'User');
    const id = this.id();
    const repo: SimRepo = {
      id,
      node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
      name: options.repo,
      owner,
      full_name: `${owner.login}/${options.repo}`,
      private: options.private ?? false,
      default_branch: options.defaultBranch,
      installationId: options.installationId,
      created_at: now(),
      git: new GitStore(),
      issues: new Map(),
      comments: new Map(),
      labels: new Map(),
      checkRuns: new Map(),
      statuses: [],
      pulls: new Map(),
      reviews: [],
      permissions: new Map([[owner.login.toLowerCase(), 'admin']]),
      lastNumber: 0,
    };
    this.repos.set(repo.full_name.toLowerCase(), repo);
    return repo;
  }

  issueById(repo: SimRepo, id: number): SimIssue | undefined {
    for (const issue of repo.issues.values()) if (issue.id === id) return issue;
    return undefined;
  }

  /** Finds an issue by database id in any repository (sub-issues may cross repositories of one owner). */
  findIssueById(id: number): { repo: SimRepo; issue: SimIssue } | undefined {
    for (const repo of this.repos.values()) {
      const issue = this.issueById(repo, id);
      if (issue) return { repo, issue };
    }
    return undefined;
  }

  label(repo: SimRepo, name: string, color = 'ededed', description: string | null = null): SimLabel {
    const key = name.toLowerCase();
    let label = repo.labels.get(key);
    if (!label) {
      label = { id: this.id(), name, color, description };
      repo.labels.set(key, label);
    }
    return label;
  }

  permission(repo: SimRepo, login: string): Permission {
    return repo.permissions.get(login.toLowerCase()) ?? 'none';
  }
}
