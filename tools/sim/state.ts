// The simulator's in-memory world: users, repositories and everything that lives in them.
// Plain data plus lookups; the HTTP routes and the test-facing API both change it through here.
import { GitStore } from './git.js';
import { ProjectStore } from './projects.js';

export * from './records.js';
import { now, type Permission, type SimRepo, type SimUser, type SimIssue, type SimLabel } from './records.js';

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
